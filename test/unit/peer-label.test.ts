import { describe, expect, it } from 'vitest';
import { describeUserAgent, namePeer } from '../../src/terminal/peer-label.js';
import { chromium } from '../helpers/fixtures.js';

describe('peer labels', () => {
  it('names browsers and devices as people know them', () => {
    expect(describeUserAgent(chromium.userAgent)).toEqual({ label: expect.stringMatching(/^Chrome \d+ · Linux$/), device: 'laptop' });
    expect(describeUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')).toEqual({ label: 'Chrome 131 · macOS', device: 'laptop' });
    expect(describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toEqual({ label: 'Safari 17 · iPhone', device: 'phone' });
    expect(describeUserAgent('Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0')).toEqual({ label: 'Firefox 133 · Android', device: 'phone' });
    expect(describeUserAgent('Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1').device).toBe('tablet');
    expect(describeUserAgent(undefined)).toEqual({ label: 'unknown client', device: 'peer' });
  });

  it('calls a client that is no browser a peer, not a browser', () => {
    expect(describeUserAgent('werift-peer/1 (webrtc-call test peer)')).toEqual({ label: 'werift-peer 1', device: 'peer' });
    expect(describeUserAgent('python-socketio/5.11')).toMatchObject({ device: 'peer' });
  });

  it('numbers a second device of the same kind in a room', () => {
    expect(namePeer('laptop', [])).toBe('laptop');
    expect(namePeer('phone', ['laptop'])).toBe('phone');
    expect(namePeer('laptop', ['laptop'])).toBe('laptop 2');
    expect(namePeer('laptop', ['laptop', 'laptop 2'])).toBe('laptop 3');
  });
});
