import { describe, expect, it } from 'vitest';
import { parse, PeerReportSchema } from '../../src/shared/protocol.js';
import { summarizeStats } from '../../src/web/stats-summary.js';
import { chromium } from '../helpers/fixtures.js';

describe('stats summary from getStats()', () => {
  const [first, second] = chromium.getStats;

  it('summarizes two real Chromium snapshots: path, bitrates, resolution, codecs', () => {
    const stats = summarizeStats(second, first);
    expect(stats.path).toMatchObject({ local: { type: 'host', protocol: 'udp', address: '127.0.0.1' }, remote: { type: 'host', protocol: 'udp' } });
    expect(stats.path?.rttMs).toBeGreaterThanOrEqual(0);
    expect(stats.video).toMatchObject({ codecIn: 'VP8', codecOut: 'VP8' });
    expect(stats.video.inKbps).toBeGreaterThan(0);
    expect(stats.video.outKbps).toBeGreaterThan(0);
    expect(stats.video.width).toBeGreaterThan(0);
    expect(stats.audio).toMatchObject({ codecIn: 'opus' });
    expect(stats.audio.inKbps).toBeGreaterThan(0);
    // what the page sends must pass the server's schema
    expect(parse(PeerReportSchema, { kind: 'stats', about: 'peer1', stats }).ok).toBe(true);
  });

  it('reports no bitrate without an earlier snapshot, and nothing at all before a connection', () => {
    const stats = summarizeStats(second);
    expect(stats.video.inKbps).toBe(0);
    expect(stats.audio.outKbps).toBe(0);
    expect(summarizeStats([])).toEqual({
      path: undefined,
      audio: { inKbps: 0, outKbps: 0, codecIn: undefined, codecOut: undefined, packetsReceived: 0, packetsLost: 0 },
      video: { inKbps: 0, outKbps: 0, codecIn: undefined, codecOut: undefined, packetsReceived: 0, packetsLost: 0 },
    });
  });
});
