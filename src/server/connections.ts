/**
 * Every TCP connection the HTTP server accepted, including websocket upgrades (which
 * closeAllConnections() does not see), so a stop is not held up by a peer that vanished: its
 * websocket close handshake would otherwise wait ~30 s for an answer that never comes.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export function trackConnections(server: Server): { destroyAll(): void } {
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  return {
    destroyAll() {
      for (const socket of open) socket.destroy();
    },
  };
}
