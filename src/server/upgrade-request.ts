/**
 * Lets go of each connection's HTTP upgrade request once the connection is open. engine.io keeps
 * it for the connection's lifetime twice over: on the connection (`request`, which socket.io's
 * "Memory usage" page says may be set to null) and in the stand-in response it gives upgrade
 * middlewares, which the socket's close listener keeps alive. Only after both are dropped is the
 * request (with its raw headers, ~0.9 KB) collected; dropping just the first frees nothing
 * (measured with 1,000-5,000 idle websockets).
 *
 * What the server reads later stays: socket.io copies the headers and address into each
 * socket's `handshake` before 'connection'; admission.ts counts by `remoteAddress`.
 */
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';

export function releaseUpgradeRequests(io: Server): void {
  // For a websocket upgrade `response` is engine.io's stand-in, not a real ServerResponse; its
  // `req` only serves setHeader/getHeader for middlewares that run before this one.
  io.engine.use((request: IncomingMessage, response: unknown, next: () => void) => {
    if (!(response instanceof ServerResponse)) (response as { req: IncomingMessage | null }).req = null;
    next();
  });
  io.on('connection', (socket) => {
    (socket.conn as { request: IncomingMessage | null }).request = null;
  });
}
