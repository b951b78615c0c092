/**
 * A blank page on an origin of its own, where page B's browser waits before it opens a call
 * link: its renderer is running, as a phone's browser is when its user scans the code, but
 * nothing of the call's site is in its cache or connection pool (a phone has never seen it).
 * 127.0.0.1 on another port is the same site, so Chromium keeps the renderer for the call page.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BENCH_HOST } from './servers.js';

export interface WarmPage {
  url: string;
  close(): Promise<void>;
}

export async function startWarmPage(): Promise<WarmPage> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><meta charset="utf-8"><title>Another site</title><p>Another site.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, BENCH_HOST, resolve));
  return {
    url: `http://${BENCH_HOST}:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
