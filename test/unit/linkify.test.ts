import { describe, expect, it } from 'vitest';
import { splitLinks } from '../../src/web/linkify.js';

describe('chat text and its links', () => {
  it('makes http and https addresses links and leaves the rest as text', () => {
    expect(splitLinks('see https://example.com/a?b=1 and http://x.test.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://x.test', href: 'http://x.test/' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('never makes a link of another scheme, and keeps markup as plain text', () => {
    expect(splitLinks('javascript:alert(1) <img src=x onerror=alert(1)> data:text/html,hi')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) <img src=x onerror=alert(1)> data:text/html,hi' },
    ]);
  });

  it('stops an address at quotes and angle brackets', () => {
    expect(splitLinks('<a href="https://evil.test/">x</a>').filter((p) => p.kind === 'link')).toEqual([
      { kind: 'link', text: 'https://evil.test/', href: 'https://evil.test/' },
    ]);
  });
});
