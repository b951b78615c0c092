/**
 * The naive design the bench compares against: one socket.io server that broadcasts every
 * signal to every other connected socket and lets clients pick out their own. No rooms, no
 * validation. Only the bench uses it. With `page`, it also serves the reference call page
 * (reference-page/) and socket.io's own client script, as the original demo's server did.
 */
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { Server } from 'socket.io';
import type { AddressInfo } from 'node:net';

export interface BenchServer {
  port: number;
  close(): Promise<void>;
}

export async function startBroadcastServer(host: string, { page = false } = {}): Promise<BenchServer> {
  const httpServer = createServer(page ? servePage() : undefined);
  const io = new Server(httpServer, { perMessageDeflate: false, serveClient: page });
  io.on('connection', (socket) => {
    socket.on('signal', (message: unknown) => socket.broadcast.emit('signal', message));
  });
  await new Promise<void>((resolve) => httpServer.listen(0, host, resolve));
  return {
    port: (httpServer.address() as AddressInfo).port,
    close: () => io.close(),
  };
}

/** /call.js is the page's script; every other path (a room's link, /r/<room>) is the page. */
function servePage(): RequestListener {
  const folder = new URL('./reference-page/', import.meta.url);
  const html = readFileSync(new URL('index.html', folder));
  const script = readFileSync(new URL('call.js', folder));
  return (request, response) => {
    const isScript = request.url === '/call.js';
    response.writeHead(200, { 'content-type': isScript ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8' });
    response.end(isScript ? script : html);
  };
}
