import { describe, expect, it } from 'vitest';
import { formatSdpSummary, h264Profile, summarizeSdp } from '../../src/terminal/sdp-summary.js';
import { chromium, firefox, safariAnswer, safariOffer } from '../helpers/fixtures.js';

/** The line the terminal prints for a description (event-line.ts shows exactly this). */
const line = (sdp: string) => formatSdpSummary(summarizeSdp(sdp));
const withoutMids = (sdp: string) => sdp.replace(/a=mid:[^\r\n]*\r\n/g, '').replace(/a=group:BUNDLE[^\r\n]*\r\n/, '');

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

  it("reads real Firefox's offer: the bundle-only video section (port 0) is sent and received, not rejected", () => {
    expect(firefox.offer).toMatch(/m=video 0 [^]*a=bundle-only/);
    expect(line(firefox.offer)).toBe('audio opus,G722,PCMU,PCMA sendrecv · video VP8,VP9,AV1 sendrecv');
    expect(summarizeSdp(firefox.offer).iceUfrag).toMatch(/^[0-9a-f]{8}$/);
  });

  it("reads real Firefox's answer to Chromium: codecs in Chromium's order, both sections on port 9", () => {
    expect(line(firefox.answer)).toBe('audio opus,G722,PCMU,PCMA sendrecv · video VP8,AV1,VP9 sendrecv');
  });

  it("reads real Firefox's offer of a data channel alone", () => {
    const summary = summarizeSdp(firefox.dataChannelOffer);
    expect(summary.media).toEqual([]);
    expect(line(firefox.dataChannelOffer)).toBe('data channel');
  });

  it("reads real Firefox's simulcast offer: three layers by rid, and an inactive audio section", () => {
    expect(line(firefox.simulcastOffer)).toBe('audio opus,G722,PCMU,PCMA inactive · video VP8,VP9,AV1 sendonly simulcast h,m,l');
    expect(summarizeSdp(firefox.simulcastOffer).media[1]?.simulcast).toEqual(['h', 'm', 'l']);
  });

  it('reads a description without a=mid (and so without a BUNDLE group) the same way', () => {
    expect(line(withoutMids(firefox.offer))).toBe(line(firefox.offer));
    expect(summarizeSdp(withoutMids(firefox.offer)).media.map((m) => m.mid)).toEqual([undefined, undefined]);
    expect(line(withoutMids(safariOffer))).toBe(line(safariOffer));
    // with neither a mid in a BUNDLE group nor a=bundle-only, port 0 is a rejection again
    expect(line(withoutMids(firefox.offer).replace('a=bundle-only\r\n', ''))).toBe('audio opus,G722,PCMU,PCMA sendrecv · video VP8,VP9,AV1 rejected');
  });

  it('reads a Safari (iOS) offer: extmap-allow-mixed, H.264 Constrained High first, H.265, a data channel', () => {
    expect(line(safariOffer)).toBe('audio opus,G722,PCMU,PCMA sendrecv · video H264(CH,CB),H265,VP8,VP9 sendrecv · data channel');
  });

  it("reads a Safari (iOS) answer to Chromium's offer: codecs in the m= line's order, not the rtpmap lines'", () => {
    expect(line(safariAnswer)).toBe('audio opus,G722,PCMU,PCMA sendrecv · video VP8,H264(CB) sendrecv');
  });

  it('says so when a description has neither media nor a data channel', () => {
    expect(line('v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n')).toBe('no media and no data channel');
  });

  it('marks a rejected (port 0, not bundled) section and a one-way one', () => {
    const sdp = safariOffer.replace('a=group:BUNDLE 0 1 2', 'a=group:BUNDLE 0 2').replace('m=video 9 ', 'm=video 0 ').replace('a=sendrecv\r\na=msid:9d2f6c1a-3e5b-4a7d-8c9e-0f1b2d3a4c5e 4b7e', 'a=recvonly\r\na=msid:9d2f6c1a-3e5b-4a7d-8c9e-0f1b2d3a4c5e 4b7e');
    expect(summarizeSdp(sdp).media.map((m) => `${m.kind} ${m.direction}`)).toEqual(['audio recvonly', 'video rejected']);
    // a rejected data channel is no data channel
    const noData = safariOffer.replace('a=group:BUNDLE 0 1 2', 'a=group:BUNDLE 0 1').replace('m=application 9 ', 'm=application 0 ');
    expect(line(noData)).toBe('audio opus,G722,PCMU,PCMA sendrecv · video H264(CH,CB),H265,VP8,VP9 sendrecv');
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
