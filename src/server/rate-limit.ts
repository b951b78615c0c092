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

/**
 * - `allowed`: pass the message on.
 * - `burst-started`: the first message dropped since the last one allowed: log it once.
 * - `dropped`: drop it quietly; the burst was already logged.
 */
export type RateDecision = 'allowed' | 'burst-started' | 'dropped';

export interface MessageBucket {
  take(now?: number): RateDecision;
}

/**
 * A plain object per socket rather than a closure over its state: every connected socket holds
 * one, and the object is about a third of a closure, its context and the returned method table.
 */
class TokenBucket implements MessageBucket {
  private readonly limit: RateLimit;
  private tokens: number;
  private refilledAt = Date.now();
  private dropping = false;

  constructor(limit: RateLimit) {
    this.limit = limit;
    this.tokens = limit.burst;
  }

  take(now = Date.now()): RateDecision {
    this.tokens = Math.min(this.limit.burst, this.tokens + (Math.max(0, now - this.refilledAt) / 1000) * this.limit.messagesPerSecond);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.dropping = false;
      return 'allowed';
    }
    if (this.dropping) return 'dropped';
    this.dropping = true;
    return 'burst-started';
  }
}

export function createMessageBucket(limit: RateLimit): MessageBucket {
  return new TokenBucket(limit);
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
