/**
 * A blank page on an origin of its own, where page B's browser waits before it opens a call
 * link: its renderer is running, as a phone's browser is when its user scans the code, but
 * nothing of the call's site is in its cache or connection pool (a phone has never seen it).
 * 127.0.0.1 on another port is the same site, so Chromium keeps the renderer for the call page.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { BENCH_HOST } from './servers.js';

const PAGE = '<!doctype html><meta charset="utf-8"><title>Another site</title><p>Another site.</p>';

export interface WarmPage {
  url: string;
  close(): Promise<void>;
}

export async function startWarmPage(): Promise<WarmPage> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(PAGE);
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

/**
 * The same page served from inside a network namespace (the simulated laptop, at `host`), for a
 * page B on the simulated phone, which cannot reach the bench's own loopback. A child process,
 * because a namespace is entered per process (`ip netns exec`).
 */
export async function startWarmPageIn(namespace: string, host: string): Promise<WarmPage> {
  const server = `
    const server = require('node:http').createServer((_q, r) => { r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); r.end(${JSON.stringify(PAGE)}); });
    server.listen(0, ${JSON.stringify(host)}, () => console.log(server.address().port));`;
  const child = spawn('ip', ['netns', 'exec', namespace, process.execPath, '-e', server], { stdio: ['ignore', 'pipe', 'inherit'] });
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill();
    await once(child, 'exit');
  };
  try {
    const exited = once(child, 'exit').then(() => {
      throw new Error(`the warm-up page in namespace ${namespace} exited before it listened`);
    });
    const [line] = (await Promise.race([once(createInterface({ input: child.stdout }), 'line'), exited])) as [string];
    return { url: `http://${host}:${Number(line)}/`, close };
  } catch (error) {
    await close();
    throw error;
  }
}
