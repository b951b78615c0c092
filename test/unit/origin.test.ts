import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isSameOriginRequest } from '../../src/server/origin.js';

const request = (headers: Record<string, string>, encrypted = false) =>
  ({ headers, socket: encrypted ? { encrypted: true } : {} }) as unknown as IncomingMessage;
const none = new Set<string>();

describe('origin check', () => {
  it('accepts the call page itself, by address or localhost', () => {
    expect(isSameOriginRequest(request({ host: '192.168.1.5:3000', origin: 'http://192.168.1.5:3000' }), none)).toBe(true);
    expect(isSameOriginRequest(request({ host: 'localhost:3000', origin: 'http://localhost:3000' }), none)).toBe(true);
    expect(isSameOriginRequest(request({ host: '[::1]:3000', origin: 'http://[::1]:3000' }), none)).toBe(true);
    expect(isSameOriginRequest(request({ host: '192.168.1.5:3000', origin: 'https://192.168.1.5:3000' }, true), none)).toBe(true);
  });

  it('accepts requests without Origin (non-browser clients, same-origin polling)', () => {
    expect(isSameOriginRequest(request({ host: 'localhost:3000' }), none)).toBe(true);
  });

  it('refuses other sites, other ports, other schemes and DNS-rebinding names', () => {
    const host = { host: '192.168.1.5:3000' };
    expect(isSameOriginRequest(request({ ...host, origin: 'http://evil.example' }), none)).toBe(false);
    expect(isSameOriginRequest(request({ ...host, origin: 'http://192.168.1.5:8080' }), none)).toBe(false);
    expect(isSameOriginRequest(request({ ...host, origin: 'https://192.168.1.5:3000' }), none)).toBe(false);
    expect(isSameOriginRequest(request({ host: 'evil.example:3000', origin: 'http://evil.example:3000' }), none)).toBe(false);
    expect(isSameOriginRequest(request({ ...host, origin: 'null' }), none)).toBe(false);
  });

  it('accepts a hostname the server printed itself', () => {
    const printed = new Set(['laptop.local']);
    expect(isSameOriginRequest(request({ host: 'laptop.local:3000', origin: 'http://laptop.local:3000' }), printed)).toBe(true);
  });
});
