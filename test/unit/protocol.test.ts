import { describe, expect, it } from 'vitest';
import { JoinRequestSchema, OutboundSignalSchema, parse } from '../../src/shared/protocol.js';

const offer = { kind: 'description', description: { type: 'offer', sdp: 'v=0\r\n' } };

describe('protocol validation', () => {
  it('accepts a join with a room name', () => {
    expect(parse(JoinRequestSchema, { room: 'standup-2' })).toEqual({ ok: true, value: { room: 'standup-2' } });
  });

  it('takes the browser language as a short BCP 47 tag, and nothing else', () => {
    for (const language of ['pt-BR', 'es', 'es-419', 'zh-Hant-TW', 'en-US']) {
      expect(parse(JoinRequestSchema, { room: 'r', language })).toEqual({ ok: true, value: { room: 'r', language } });
    }
    for (const language of ['', 'p', 'pt_BR', 'pt-BR; DROP', '<script>', 'x'.repeat(36), 'en-US-u-ca-gregory-nu-latn-x', 42]) {
      expect(parse(JoinRequestSchema, { room: 'r', language })).toMatchObject({ ok: false, message: expect.stringMatching(/^language: /) });
    }
  });

  it('names the problem in a bad room name', () => {
    expect(parse(JoinRequestSchema, { room: '../etc' })).toEqual({
      ok: false,
      message: 'room: a room name is 1-64 letters, digits, "-" or "_"',
    });
    expect(parse(JoinRequestSchema, 'room')).toMatchObject({ ok: false });
  });

  it('accepts descriptions, candidates and end-of-candidates', () => {
    expect(parse(OutboundSignalSchema, { to: 'abc', signal: offer }).ok).toBe(true);
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    expect(parse(OutboundSignalSchema, { to: 'abc', signal: { kind: 'candidate', candidate } }).ok).toBe(true);
    expect(parse(OutboundSignalSchema, { to: 'abc', signal: { kind: 'candidate', candidate: null } }).ok).toBe(true);
  });

  it('refuses unknown kinds, wrong description types and oversized SDP', () => {
    expect(parse(OutboundSignalSchema, { to: 'abc', signal: { kind: 'hello' } }).ok).toBe(false);
    const wrongType = { kind: 'description', description: { type: 'bogus', sdp: '' } };
    expect(parse(OutboundSignalSchema, { to: 'abc', signal: wrongType }).ok).toBe(false);
    const huge = { kind: 'description', description: { type: 'offer', sdp: 'x'.repeat(60_001) } };
    expect(parse(OutboundSignalSchema, { to: 'abc', signal: huge })).toMatchObject({ ok: false, message: expect.stringContaining('description.sdp') });
  });

  it('refuses a signal without an addressee', () => {
    expect(parse(OutboundSignalSchema, { signal: offer })).toMatchObject({ ok: false, message: expect.stringContaining('to') });
  });
});
