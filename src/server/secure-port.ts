/**
 * One port that speaks both http and https. The first byte of a connection tells them apart
 * (0x16 opens a TLS handshake), so `--port` stays one number: http://localhost:3000 on this
 * machine (a secure context without any certificate warning) and https://<lan-ip>:3000 for
 * phones, which need https for the camera. @httptoolkit/httpolyglot does the sniffing; it is
 * the maintained fork used by HTTP Toolkit, and edge cases of peeking at sockets (half-open
 * TLS, partial reads) are its job, not ours.
 */
import type { RequestListener } from 'node:http';
import type { Server as NetServer, Socket } from 'node:net';
import { createServer } from '@httptoolkit/httpolyglot';
import type { TlsCredentials } from './tls.js';

export interface DualProtocolServer {
  /** Listen on this one; it hands each connection to the http or the TLS side. */
  net: NetServer;
  /** Ends every open connection (keep-alive, websockets) so close() does not wait on them. */
  destroyConnections(): void;
}

export function createDualProtocolServer(app: RequestListener, credentials?: TlsCredentials): DualProtocolServer {
  // The app is added as a 'request' listener rather than given to the constructor so that
  // socket.io, which takes over the existing 'request' listeners, can route /socket.io first.
  const server = createServer(credentials ? { tls: { cert: credentials.cert, key: credentials.key } } : {}, () => {});
  server.on('request', app);
  const sockets = new Set<Socket>();
  // One listener shared by every socket (called with `this` = the socket), not a closure each.
  function forget(this: Socket): void {
    sockets.delete(this);
  }
  // httpolyglot also forwards this listener to its inner servers, so TLS sockets are tracked
  // too, and a plain socket is announced twice (by the port, then by its http server): track it
  // once, with one shared listener: a once('close') closure per announcement made every idle
  // connection measurably heavier in the bench's memory scenario.
  server.on('connection', (socket: Socket) => {
    if (sockets.has(socket)) return;
    sockets.add(socket);
    socket.on('close', forget);
  });
  return {
    net: server,
    destroyConnections() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
  };
}
