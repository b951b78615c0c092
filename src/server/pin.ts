/**
 * The optional call PIN (`start --pin`). Compared in constant time, and wrong guesses are
 * limited per address so a 4-6 digit PIN cannot be brute-forced from the LAN.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RejectReason } from '../shared/protocol.js';

export interface PinCheckOptions {
  pin: string;
  /** Wrong PINs allowed per address within `windowMs`. Default 5. */
  maxFailures?: number;
  /** Default one minute. */
  windowMs?: number;
}

export type PinVerdict = { ok: true } | { ok: false; reason: RejectReason; message: string; retryAfterSeconds?: number };

export interface PinCheck {
  check(address: string, attempt: string | undefined, now?: number): PinVerdict;
  /** Addresses with recent failures (for leak tests). */
  size(): number;
}

export function createPinCheck(options: PinCheckOptions): PinCheck {
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const expected = digest(options.pin);
  const failures = new Map<string, number[]>();

  const recentFailures = (address: string, now: number): number[] => {
    const recent = (failures.get(address) ?? []).filter((at) => now - at < windowMs);
    if (recent.length > 0) failures.set(address, recent);
    else failures.delete(address);
    return recent;
  };

  return {
    check(address, attempt, now = Date.now()) {
      const recent = recentFailures(address, now);
      if (recent.length >= maxFailures) {
        const waitSeconds = Math.ceil((windowMs - (now - (recent[0] ?? now))) / 1000);
        return {
          ok: false,
          reason: 'too-many-attempts',
          message: `too many wrong PINs from your device; try again in ${waitSeconds} s`,
          retryAfterSeconds: waitSeconds,
        };
      }
      if (attempt === undefined || attempt === '') {
        return { ok: false, reason: 'pin-required', message: 'this call needs a PIN; ask the host for it' };
      }
      // Hashing first gives both sides the same length, which timingSafeEqual requires.
      if (timingSafeEqual(digest(attempt), expected)) return { ok: true };
      failures.set(address, [...recent, now]);
      return { ok: false, reason: 'wrong-pin', message: 'wrong PIN; check it with the host and try again' };
    },
    size: () => failures.size,
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
