/**
 * Worker: runs one design's server and answers questions about its own cost.
 * Args: <ours|baseline|floor>. Requests: { op: 'memory' } (after a full collection: start
 * with --expose-gc) and { op: 'cpu' } (process CPU time so far).
 */
import { serveRequests } from '../lib/child.js';
import type { Design } from '../lib/designs.js';
import { startDesign } from '../lib/servers.js';

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

const server = await startDesign(process.argv[2] as Design);
serveRequests(async (request) => (request.op === 'memory' ? measureMemory() : measureCpu()));
process.send?.({ port: server.port } satisfies ServerReady);

function measureMemory(): MemorySample {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Twice: the first pass can leave objects freed only by finalizers for the second.
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return { rssMB: usage.rss / 1e6, heapUsedMB: usage.heapUsed / 1e6 };
}

function measureCpu(): CpuSample {
  const usage = process.cpuUsage();
  return { cpuMs: (usage.user + usage.system) / 1000 };
}
