/**
 * The floor: a plain `ws` server that forwards each message, unparsed, to the other socket of
 * its pair (`/?pair=<n>`). Nothing can relay a signal for less; only the bench uses it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BenchServer } from './broadcast-server.js';

export const PAIRED = 'paired';

export async function startWsForwarder(host: string): Promise<BenchServer> {
  const httpServer = createServer();
  const wss = new WebSocketServer({ server: httpServer, perMessageDeflate: false });
  const waiting = new Map<string, WebSocket>();
  wss.on('connection', (socket, request) => {
    const pair = new URL(request.url ?? '/', 'http://bench').searchParams.get('pair') ?? '';
    const first = waiting.get(pair);
    if (!first) {
      waiting.set(pair, socket);
      return;
    }
    waiting.delete(pair);
    first.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
    socket.on('message', (data, isBinary) => first.send(data, { binary: isBinary }));
    first.send(PAIRED);
    socket.send(PAIRED);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, host, resolve));
  return {
    port: (httpServer.address() as AddressInfo).port,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
