/**
 * Worker: the client side of one relay run (see lib/bounce.ts). Requests, in order:
 * { op: 'connect', design, origin, pairs } then { op: 'bounce', warmupMs, durationMs }.
 */
import { bounce, connectPairs, type BounceRequest, type ConnectRequest } from '../lib/bounce.js';
import { serveRequests } from '../lib/child.js';
import type { PairLink } from '../lib/pairs.js';

let connected: { request: ConnectRequest; links: PairLink[] } | undefined;

serveRequests(async (request) => {
  if (request.op === 'connect') {
    const connect = request as unknown as ConnectRequest;
    connected = { request: connect, links: await connectPairs(connect) };
    return { connected: connected.links.length };
  }
  if (!connected) throw new Error('connect before bounce');
  return bounce(connected.request.design, connected.links, request as unknown as BounceRequest);
});
process.send?.({ ready: true });
