/**
 * The naive design the bench compares against: one socket.io server that broadcasts every
 * signal to every other connected socket and lets clients pick out their own. No rooms, no
 * validation. Only the bench uses it.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import type { AddressInfo } from 'node:net';

export interface BenchServer {
  port: number;
  close(): Promise<void>;
}

export async function startBroadcastServer(host: string): Promise<BenchServer> {
  const httpServer = createServer();
  const io = new Server(httpServer, { perMessageDeflate: false, serveClient: false });
  io.on('connection', (socket) => {
    socket.on('signal', (message: unknown) => socket.broadcast.emit('signal', message));
  });
  await new Promise<void>((resolve) => httpServer.listen(0, host, resolve));
  return {
    port: (httpServer.address() as AddressInfo).port,
    close: () => io.close(),
  };
}
