import { describe, expect, it } from 'vitest';
import { createConnectionCounts } from '../../src/server/connection-limit.js';
import { createPinCheck } from '../../src/server/pin.js';
import { createLogThrottle, createMessageBucket } from '../../src/server/rate-limit.js';

describe('message rate limit', () => {
  it('lets a burst through, then drops, reporting only the start of each burst', () => {
    const bucket = createMessageBucket({ messagesPerSecond: 10, burst: 3 });
    const t = 1_000_000;
    const decisions = [0, 0, 0, 0, 0, 0].map(() => bucket.take(t));
    expect(decisions).toEqual(['allowed', 'allowed', 'allowed', 'burst-started', 'dropped', 'dropped']);
    // 100 ms at 10/s earns one message back; the next flood is a new burst
    expect(bucket.take(t + 100)).toBe('allowed');
    expect(bucket.take(t + 100)).toBe('burst-started');
  });

  it('logs a refused address once per window', () => {
    const shouldLog = createLogThrottle(5_000);
    expect([shouldLog('x', 0), shouldLog('x', 10), shouldLog('y', 10), shouldLog('x', 5_000)]).toEqual([true, false, true, true]);
  });
});

describe('connections per address', () => {
  it('is full at the limit and forgets addresses that closed everything', () => {
    const counts = createConnectionCounts(2);
    counts.add('10.0.0.2');
    counts.add('10.0.0.2');
    expect(counts.isFull('10.0.0.2')).toBe(true);
    expect(counts.isFull('10.0.0.3')).toBe(false);
    counts.remove('10.0.0.2');
    counts.remove('10.0.0.2');
    expect(counts.size()).toBe(0);
  });
});

describe('PIN check', () => {
  it('asks for the PIN, refuses a wrong one, accepts the right one', () => {
    const pins = createPinCheck({ pin: '4821' });
    expect(pins.check('a', undefined)).toMatchObject({ ok: false, reason: 'pin-required' });
    expect(pins.check('a', '1234')).toMatchObject({ ok: false, reason: 'wrong-pin' });
    expect(pins.check('a', '4821')).toEqual({ ok: true });
    expect(pins.check('a', '48211')).toMatchObject({ ok: false, reason: 'wrong-pin' });
  });

  it('stops an address after 5 wrong PINs for a minute, even with the right one, others unaffected', () => {
    const pins = createPinCheck({ pin: '4821' });
    for (let i = 0; i < 5; i++) pins.check('a', `000${i}`, 1_000);
    expect(pins.check('a', '4821', 2_000)).toMatchObject({ ok: false, reason: 'too-many-attempts', message: expect.stringMatching(/59 s/) });
    expect(pins.check('b', '4821', 2_000)).toEqual({ ok: true });
    expect(pins.check('a', '4821', 61_000)).toEqual({ ok: true });
    expect(pins.size()).toBe(0);
  });
});
