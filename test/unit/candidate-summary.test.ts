import { describe, expect, it } from 'vitest';
import { formatCandidate, summarizeCandidate, type CandidateSummary } from '../../src/terminal/candidate-summary.js';
import { chromium } from '../helpers/fixtures.js';

const line = (candidate: string) => summarizeCandidate({ candidate, sdpMid: '0', sdpMLineIndex: 0 });
const formatted = (candidate: string) => formatCandidate(line(candidate) as CandidateSummary);

describe('candidate summary', () => {
  it("reads every candidate Chromium really gathered on loopback, and its end-of-candidates", () => {
    const summaries = chromium.candidates.map((c) => summarizeCandidate(c));
    expect(summaries).toContain('end-of-candidates');
    const texts = summaries.flatMap((s) => (s && s !== 'end-of-candidates' ? [formatCandidate(s)] : []));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toMatch(/^host (udp 127\.0\.0\.1:\d+|tcp 127\.0\.0\.1:9 active)$/);
  });

  it('flags an mDNS name and shortens it', () => {
    const summary = line('candidate:0 1 UDP 2122252543 4f8a1c2e-9b3d-4e7a-8c5f-1d2b3a4c5e6f.local 51234 typ host');
    expect(summary).toMatchObject({ type: 'host', protocol: 'udp', mdns: true, port: 51234 });
    expect(formatted('candidate:0 1 UDP 2122252543 4f8a1c2e-9b3d-4e7a-8c5f-1d2b3a4c5e6f.local 51234 typ host')).toBe(
      'host udp 4f8a1c2e….local:51234 (mDNS)',
    );
  });

  it('shows where a server-reflexive or relay candidate comes from', () => {
    expect(formatted('candidate:842163049 1 udp 1677729535 203.0.113.7 61000 typ srflx raddr 192.168.1.20 rport 54321 generation 0')).toBe(
      'srflx udp 203.0.113.7:61000 from 192.168.1.20:54321',
    );
    expect(formatted('candidate:3 1 udp 41885439 198.51.100.4 3478 typ relay raddr 0.0.0.0 rport 0')).toBe('relay udp 198.51.100.4:3478');
    expect(formatted('candidate:4 1 tcp 1518280447 fe80::1 9 typ host tcptype active')).toBe('host tcp [fe80::1]:9 active');
  });

  it('treats an empty candidate as end-of-candidates and garbage as unknown', () => {
    expect(line('')).toBe('end-of-candidates');
    expect(summarizeCandidate(null)).toBe('end-of-candidates');
    expect(line('not a candidate')).toBeUndefined();
  });
});
