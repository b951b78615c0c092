import { describe, expect, it } from 'vitest';
import { formatSdpSummary, h264Profile, summarizeSdp } from '../../src/terminal/sdp-summary.js';
import { chromium, firefoxOffer, safariOffer } from '../helpers/fixtures.js';

describe('SDP summary', () => {
  it("reads Chromium's real offer: media, directions, codecs without rtx/red/CN/DTMF", () => {
    const summary = summarizeSdp(chromium.offer);
    expect(formatSdpSummary(summary)).toMatch(/^audio opus,G722,PCMU,PCMA sendrecv · video VP8,H264\([A-Z,]+\),AV1,VP9 sendrecv$/);
    expect(summary.media.map((m) => m.mid)).toEqual(['0', '1']);
    expect(summary.dataChannel).toBe(false);
    expect(summary.iceUfrag).toMatch(/^\S{4,}$/);
  });

  it("reads Chromium's real answer with its own ufrag", () => {
    const offer = summarizeSdp(chromium.offer);
    const answer = summarizeSdp(chromium.answer);
    expect(answer.media.map((m) => m.direction)).toEqual(['sendrecv', 'sendrecv']);
    expect(answer.iceUfrag).not.toBe(offer.iceUfrag);
  });

  it('reads a Firefox offer: session-level direction, ufrag per section, H.264 in two packetization modes', () => {
    const summary = summarizeSdp(firefoxOffer);
    expect(formatSdpSummary(summary)).toBe('audio opus,G722,PCMU,PCMA sendrecv · video VP8,VP9,H264(CB) sendrecv');
    expect(summary.iceUfrag).toBe('6f1c2a9d');
  });

  it('reads a Safari (iOS) offer: extmap-allow-mixed, H.264 Constrained High first, H.265, a data channel', () => {
    const summary = summarizeSdp(safariOffer);
    expect(formatSdpSummary(summary)).toBe(
      'audio opus,G722,PCMU,PCMA sendrecv · video H264(CH,CB),H265,VP8,VP9 sendrecv · data channel',
    );
  });

  it('marks a rejected (port 0) section and a one-way one', () => {
    const sdp = safariOffer.replace('m=video 9 ', 'm=video 0 ').replace('a=sendrecv\r\na=msid:9d2f6c1a-3e5b-4a7d-8c9e-0f1b2d3a4c5e 4b7e', 'a=recvonly\r\na=msid:9d2f6c1a-3e5b-4a7d-8c9e-0f1b2d3a4c5e 4b7e');
    expect(summarizeSdp(sdp).media.map((m) => `${m.kind} ${m.direction}`)).toEqual(['audio recvonly', 'video rejected']);
  });

  it('names H.264 profiles from profile-level-id (RFC 6184)', () => {
    expect(h264Profile('profile-level-id=42e01f;packetization-mode=1')).toBe('CB');
    expect(h264Profile('profile-level-id=42001f')).toBe('B');
    expect(h264Profile('profile-level-id=4d001f')).toBe('M');
    expect(h264Profile('profile-level-id=640c1f')).toBe('CH');
    expect(h264Profile('profile-level-id=640032')).toBe('H');
    expect(h264Profile('packetization-mode=1')).toBeUndefined();
  });
});
