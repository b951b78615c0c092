/**
 * Lets go of each connection's HTTP upgrade request once the connection is open. engine.io keeps
 * it for the connection's lifetime three times over:
 * - on the connection (`request`, which socket.io's "Memory usage" page says may be set to null);
 * - in the stand-in response it gives upgrade middlewares, which itself stays reachable from a
 *   'close' listener engine.io puts on the TCP socket (for middlewares such as pino-http);
 * - in socket.io's `handshake.headers`, which is the request's own headers object.
 * The first two were dropped before; with the stand-in's listener and the headers too, an idle
 * websocket costs ~0.9 KB less heap (10.6 → 9.7 KB per connection with the `npm run bench`
 * memory scenario's clients; a browser's headers are larger still).
 *
 * What the server reads later stays: the address, and the one header the join event reports
 * (user-agent). admission.ts counts by the TCP socket's `remoteAddress`.
 */
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket as TcpSocket } from 'node:net';
import type { Server } from 'socket.io';

/** The headers socket.io's handshake keeps after the connection opens. */
const KEPT_HEADERS = ['user-agent'] as const;

/** engine.io's stand-in for the response to a websocket upgrade. */
interface UpgradeStandIn {
  req: IncomingMessage | null;
  socket?: TcpSocket;
}

export function releaseUpgradeRequests(io: Server): void {
  // Registered before any other engine middleware, so the newest 'close' listener on the TCP
  // socket is the one the stand-in's constructor has just added.
  io.engine.use((request: IncomingMessage, response: unknown, next: () => void) => {
    if (!(response instanceof ServerResponse)) releaseStandIn(response as UpgradeStandIn);
    next();
  });
  io.on('connection', (socket) => {
    (socket.conn as { request: IncomingMessage | null }).request = null;
    const { headers } = socket.handshake;
    socket.handshake.headers = {};
    for (const name of KEPT_HEADERS) if (headers[name] !== undefined) socket.handshake.headers[name] = headers[name];
  });
}

type OnceListener = ((...args: unknown[]) => void) & { listener?: unknown };

function releaseStandIn(standIn: UpgradeStandIn): void {
  // Its `req` only serves setHeader/getHeader for middlewares that ran before this one; its
  // 'close' relay only serves middlewares that watch the response, and we have none.
  standIn.req = null;
  const tcp = standIn.socket;
  const relay = tcp?.rawListeners('close').at(-1) as OnceListener | undefined;
  // Only that relay (a once-listener re-emitting 'close'): should engine.io change, nothing is
  // removed and test/integration/upgrade-request.test.ts fails instead.
  if (tcp && relay && /\.emit\(\s*["']close["']\s*\)/.test(String(relay.listener))) tcp.removeListener('close', relay);
}
