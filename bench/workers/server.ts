/**
 * Worker: runs one design's server and answers questions about its own cost.
 * Args: <ours|socketio|baseline|floor|reference-page> [web root of ours, to compare another build of the page, or ""]
 * [ICE options of ours as JSON: a TURN relay for the call set-up through it].
 * Requests: { op: 'memory' } (after a full collection: start with --expose-gc) and
 * { op: 'cpu' } (process CPU time so far).
 */
import { serveRequests } from '../lib/child.js';
import { startDesign, type ServedDesign } from '../lib/servers.js';
import type { IceOptions } from '../../src/server/index.js';

export interface ServerReady {
  port: number;
}

export interface MemorySample {
  rssMB: number;
  heapUsedMB: number;
}

export interface CpuSample {
  cpuMs: number;
}

const [design, webRoot, ice] = process.argv.slice(2) as [ServedDesign, string | undefined, string | undefined];
const server = await startDesign(design, webRoot || undefined, ice ? (JSON.parse(ice) as IceOptions) : undefined);
serveRequests(async (request) => (request.op === 'memory' ? await measureMemory() : measureCpu()));
process.send?.({ port: server.port } satisfies ServerReady);

/** V8 hands pages freed by a collection back to the OS from a background task. */
const PAGES_RELEASED_MS = 1_000;

async function measureMemory(): Promise<MemorySample> {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Twice: the first pass can leave objects freed only by finalizers for the second.
  gc?.();
  gc?.();
  const { heapUsed } = process.memoryUsage();
  // RSS once that task has run: on a busy machine it runs late, and RSS read at once still
  // counted up to ~6 MB of freed pages at 5,000 connections. (The heap is read before: the
  // heartbeats' garbage would count in it a second later.)
  await new Promise((resolve) => setTimeout(resolve, PAGES_RELEASED_MS));
  return { rssMB: process.memoryUsage.rss() / 1e6, heapUsedMB: heapUsed / 1e6 };
}

function measureCpu(): CpuSample {
  const usage = process.cpuUsage();
  return { cpuMs: (usage.user + usage.system) / 1000 };
}
