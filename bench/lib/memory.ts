/** Scenario 2: server memory with 0, 1,000 and 5,000 idle connections held by another process. */
import os from 'node:os';
import { startWorker } from './child.js';
import type { Design } from './designs.js';
import { BENCH_HOST, SERVER_WORKER } from './servers.js';
import type { MemorySample, ServerReady } from '../workers/server.js';

export interface MemoryRun {
  design: Design;
  samples: Array<{ connections: number } & MemorySample>;
  /**
   * RSS growth per 1,000 connections between the two largest counts: the marginal cost of a
   * connection. The first connections also pay one-time costs (JIT-compiled handlers, the
   * young generation growing), reported separately as `rssMBPer1000FromZero`.
   */
  rssMBPer1000?: number;
  heapMBPer1000?: number;
  rssMBPer1000FromZero?: number;
  /** RSS per 1,000 of every repeat; the run reported is the one with the median. */
  rssMBPer1000Repeats?: number[];
  loadAverage: number;
  error?: string;
}

const CLIENT_WORKER = new URL('../workers/idle-clients.ts', import.meta.url);
/** Time for heartbeats and buffers to reach their steady size before reading memory. */
const SETTLE_MS = 2_000;

/**
 * Each design is measured `repeats` times, the designs taking turns, and the run with the median
 * RSS per 1,000 is reported: RSS per 1,000 from one run swung between 10 and 19 MB for the same
 * server on a busy machine (how much of V8's heap is committed when it is read), while the heap
 * figure stays within ±0.1 MB.
 */
export async function measureMemory(
  designs: readonly Design[],
  counts: readonly number[],
  progress: (line: string) => void = () => {},
  repeats = 3,
): Promise<MemoryRun[]> {
  const runs: MemoryRun[][] = designs.map(() => []);
  for (let repeat = 1; repeat <= Math.max(1, repeats); repeat++) {
    for (const [index, design] of designs.entries()) {
      const run = await memoryOnce(design, counts);
      progress(
        `memory ${design} (${repeat}/${repeats}): ${run.samples.map((s) => `${s.connections} → ${s.rssMB.toFixed(1)} MB`).join(', ')}` +
          (run.rssMBPer1000 === undefined ? '' : `; ${run.rssMBPer1000.toFixed(1)} MB RSS, ${run.heapMBPer1000?.toFixed(1)} MB heap per 1,000`) +
          (run.error ? ` (failed: ${run.error})` : ''),
      );
      runs[index]?.push(run);
    }
  }
  return runs.map(medianRun);
}

/** The run with the median RSS per 1,000 among those that measured it, else the first (it says why it failed). */
function medianRun(runs: MemoryRun[]): MemoryRun {
  const measured = runs.filter((run) => run.rssMBPer1000 !== undefined).sort((a, b) => (a.rssMBPer1000 ?? 0) - (b.rssMBPer1000 ?? 0));
  const median = measured[Math.floor((measured.length - 1) / 2)] ?? runs[0];
  if (!median) throw new Error('memory: a design was measured zero times');
  return { ...median, rssMBPer1000Repeats: measured.map((run) => run.rssMBPer1000 ?? NaN) };
}

async function memoryOnce(design: Design, counts: readonly number[]): Promise<MemoryRun> {
  const run: MemoryRun = { design, samples: [], loadAverage: os.loadavg()[0] ?? 0 };
  const server = startWorker(SERVER_WORKER, [design], ['--expose-gc']);
  const clients = startWorker(CLIENT_WORKER, []);
  try {
    const { port } = await server.next<ServerReady>(30_000, `the ${design} server to start`);
    await clients.next(30_000, 'the idle-clients worker to start');
    for (const connections of counts) {
      const opened = await clients.ask<{ open?: number; error?: string }>(
        { design, origin: `http://${BENCH_HOST}:${port}`, total: connections },
        180_000,
      );
      if (opened.error) throw new Error(opened.error);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      run.samples.push({ connections, ...(await server.ask<MemorySample>({ op: 'memory' }, 30_000)) });
    }
  } catch (error) {
    run.error = error instanceof Error ? error.message : String(error);
  } finally {
    await Promise.all([clients.stop(), server.stop()]);
  }
  const [zero, ...rest] = run.samples;
  const last = rest.at(-1);
  const before = rest.at(-2) ?? zero;
  if (zero && before && last && last.connections > before.connections) {
    const thousands = (last.connections - before.connections) / 1000;
    run.rssMBPer1000 = (last.rssMB - before.rssMB) / thousands;
    run.heapMBPer1000 = (last.heapUsedMB - before.heapUsedMB) / thousands;
    run.rssMBPer1000FromZero = (last.rssMB - zero.rssMB) / (last.connections / 1000);
  }
  return run;
}
