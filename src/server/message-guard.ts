/**
 * Runs before every handler of a socket: counts each inbound message against the socket's rate
 * limit (unknown events too, which socket.io would otherwise drop silently) and refuses events
 * the protocol does not have.
 */
import type { Socket } from 'socket.io';
import type { Rejection } from '../shared/protocol.js';
import { createMessageBucket, type RateLimit } from './rate-limit.js';

/** Event names a client may send; anything else is refused. */
export type KnownEvents = ReadonlySet<string>;

export function guardMessages(
  socket: Socket,
  options: { rateLimit: RateLimit; knownEvents: KnownEvents; refuse: (rejection: Rejection) => void },
): void {
  const bucket = createMessageBucket(options.rateLimit);
  socket.use(([event], next) => {
    const decision = bucket.take();
    if (decision === 'burst-started') {
      options.refuse({
        reason: 'rate-limited',
        message: `too many messages (over ${options.rateLimit.messagesPerSecond}/s); dropping them until the rate falls`,
      });
    }
    if (decision !== 'allowed') return;
    if (typeof event !== 'string' || !options.knownEvents.has(event)) {
      options.refuse({ reason: 'unknown-event', message: `unknown message "${String(event).slice(0, 40)}" refused` });
      return;
    }
    next();
  });
}
