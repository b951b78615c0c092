/**
 * Per-socket message rate limit: a token bucket, so a page's bursts (an offer and a dozen ICE
 * candidates at once) pass while a flood is cut down to a steady trickle.
 */

export interface RateLimit {
  /** Steady rate a socket may send at. */
  messagesPerSecond: number;
  /** Messages a socket may send at once before the steady rate applies. */
  burst: number;
}

// Setting up a call sends an offer/answer and ~5-30 candidates within a second; an ICE restart
// does it again. 100 at once and 20/s leave headroom for both and still stop a flood.
export const DEFAULT_RATE_LIMIT: RateLimit = { messagesPerSecond: 20, burst: 100 };

/**
 * - `allowed`: pass the message on.
 * - `burst-started`: the first message dropped since the last one allowed: log it once.
 * - `dropped`: drop it quietly; the burst was already logged.
 */
export type RateDecision = 'allowed' | 'burst-started' | 'dropped';

export interface MessageBucket {
  take(now?: number): RateDecision;
}

export function createMessageBucket(limit: RateLimit): MessageBucket {
  let tokens = limit.burst;
  let refilledAt = Date.now();
  let dropping = false;
  return {
    take(now = Date.now()) {
      tokens = Math.min(limit.burst, tokens + (Math.max(0, now - refilledAt) / 1000) * limit.messagesPerSecond);
      refilledAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        dropping = false;
        return 'allowed';
      }
      if (dropping) return 'dropped';
      dropping = true;
      return 'burst-started';
    },
  };
}

/**
 * One log line per burst for refusals that have no socket to hang a bucket on (refused
 * handshakes): the first refusal per key is logged, repeats within `windowMs` are not.
 */
export function createLogThrottle(windowMs: number): (key: string, now?: number) => boolean {
  const lastLogged = new Map<string, number>();
  return (key, now = Date.now()) => {
    for (const [k, at] of lastLogged) if (now - at >= windowMs) lastLogged.delete(k);
    if (lastLogged.has(key)) return false;
    lastLogged.set(key, now);
    return true;
  };
}
