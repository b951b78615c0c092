import { describe, expect, it, vi } from 'vitest';
import { InboundSignalSchema, JoinReplySchema, parse, PeerInfoSchema, RejectionSchema } from '../../src/shared/protocol.js';
import { whenValid } from '../../src/web/inbound.js';
import { randomValue, seededRandom } from '../helpers/fuzz.js';

describe('the page reading what the server sends', () => {
  it('passes well-formed messages to the handler', () => {
    const handle = vi.fn();
    whenValid('peer-joined', PeerInfoSchema, handle)({ peerId: 'abc' });
    expect(handle).toHaveBeenCalledWith({ peerId: 'abc' });
  });

  it('drops thousands of malformed messages without throwing or calling the handler', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const random = seededRandom(5);
    const handlers = [PeerInfoSchema, InboundSignalSchema, RejectionSchema].map((schema) => {
      const handle = vi.fn();
      return { handle, listener: whenValid('x', schema, handle) };
    });
    for (let i = 0; i < 3_000; i++) {
      const input = randomValue(random);
      for (const { listener } of handlers) expect(() => listener(input)).not.toThrow();
    }
    for (const { handle } of handlers) expect(handle).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('keeps going when the handler itself throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const listener = whenValid('peer-left', PeerInfoSchema, () => {
      throw new Error('boom');
    });
    expect(() => listener({ peerId: 'abc' })).not.toThrow();
    error.mockRestore();
  });

  it('reads join replies strictly', () => {
    expect(parse(JoinReplySchema, { ok: true, room: 'r', peerId: 'p', resumeToken: 't', peers: [] }).ok).toBe(true);
    expect(parse(JoinReplySchema, { ok: false, reason: 'wrong-pin', message: 'wrong PIN' }).ok).toBe(true);
    expect(parse(JoinReplySchema, { ok: true, room: 'r', peerId: 'p', resumeToken: 't', peers: [{ peerId: '<img>' }] }).ok).toBe(false);
    expect(parse(JoinReplySchema, { ok: false, reason: 'made-up', message: 'x' }).ok).toBe(false);
  });
});
