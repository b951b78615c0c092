/**
 * Runs before every handler of a socket: counts each inbound message against the socket's rate
 * limit (unknown events too, which socket.io would otherwise drop silently) and refuses events
 * the protocol does not have.
 */
import type { Rejection } from '../shared/protocol.js';
import { createMessageBucket, type MessageBucket, type RateLimit } from './rate-limit.js';

/** Event names a client may send; anything else is refused. */
export type KnownEvents = ReadonlySet<string>;

/** What the guard needs of a socket.io socket: its middleware hook. */
interface GuardedSocket {
  use(middleware: (packet: [string, ...unknown[]], next: (error?: Error) => void) => void): unknown;
}

export interface MessageGuardOptions<S> {
  rateLimit: RateLimit;
  knownEvents: KnownEvents;
  refuse: (socket: S, rejection: Rejection) => void;
}

/**
 * Made once per server; the returned function guards one socket. Everything but the socket's
 * own bucket is shared, so a socket costs one small closure and its bucket.
 */
export function createMessageGuard<S extends GuardedSocket>(options: MessageGuardOptions<S>): (socket: S) => void {
  const check = (socket: S, bucket: MessageBucket, event: unknown, next: () => void): void => {
    const decision = bucket.take();
    if (decision === 'burst-started') {
      options.refuse(socket, {
        reason: 'rate-limited',
        message: `too many messages (over ${options.rateLimit.messagesPerSecond}/s); dropping them until the rate falls`,
      });
    }
    if (decision !== 'allowed') return;
    if (typeof event !== 'string' || !options.knownEvents.has(event)) {
      options.refuse(socket, { reason: 'unknown-event', message: `unknown message "${String(event).slice(0, 40)}" refused` });
      return;
    }
    next();
  };
  return (socket) => {
    const bucket = createMessageBucket(options.rateLimit);
    socket.use(([event], next) => check(socket, bucket, event, next));
  };
}
