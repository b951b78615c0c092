/**
 * Plain socket.io, used the way its docs suggest: a join puts the socket in a room, a signal goes
 * to the addressed socket with `socket.to(id).emit`. Same events as webrtc-call, so the bench
 * drives it with the same client code; no validation, no rate limit, no room rules, no events.
 * It shows what socket.io itself costs on this load, apart from what webrtc-call adds.
 * Only the bench uses it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { BenchServer } from './broadcast-server.js';

interface JoinRequest {
  room: string;
}

interface SignalRequest {
  to: string;
  signal: unknown;
}

export async function startSocketIoRelay(host: string): Promise<BenchServer> {
  const httpServer = createServer();
  const io = new Server(httpServer, { perMessageDeflate: false, serveClient: false });
  io.on('connection', (socket) => {
    socket.on('join', ({ room }: JoinRequest, reply: (answer: object) => void) => {
      void socket.join(room);
      socket.to(room).emit('peer-joined', { peerId: socket.id });
      reply({ ok: true, peerId: socket.id });
    });
    socket.on('signal', ({ to, signal }: SignalRequest) => socket.to(to).emit('signal', { from: socket.id, signal }));
  });
  await new Promise<void>((resolve) => httpServer.listen(0, host, resolve));
  return {
    port: (httpServer.address() as AddressInfo).port,
    close: () => io.close(),
  };
}
