/**
 * The relay load: every pair keeps exactly one signal in flight, A → server → B → server → A,
 * for a fixed time. Round trips that finish inside the measured window are timed; every message
 * delivered inside it counts towards msgs/s.
 */
import { performance } from 'node:perf_hooks';
import { connectPair, type PairLink } from './pairs.js';
import type { Design } from './designs.js';
import { inBatches, percentile } from './stats.js';

export interface ConnectRequest {
  design: Design;
  origin: string;
  pairs: number;
}

export interface BounceRequest {
  warmupMs: number;
  durationMs: number;
}

export interface RelayResult {
  design: Design;
  pairs: number;
  roundTrips: number;
  p50Ms?: number;
  p99Ms?: number;
  messagesPerSecond: number;
  /** Pairs that completed no round trip in the window (the design could not keep up). */
  starvedPairs: number;
  refused: number;
  /** Every message delivered from the first send to the end, warm-up included (for CPU per message). */
  deliveredTotal: number;
  /**
   * CPU time of the clients' process per delivered message: both ends of every pair encode and
   * decode each message, so a heavier client library slows the run however cheap the server is.
   */
  clientCpuUsPerMessage?: number;
}

/** Connections opened at once: enough to be quick, few enough not to stall the accept queue. */
const CONNECT_CONCURRENCY = 50;

export function connectPairs(request: ConnectRequest): Promise<PairLink[]> {
  return inBatches(request.pairs, CONNECT_CONCURRENCY, (i) => connectPair(request.design, request.origin, i));
}

export async function bounce(design: Design, links: PairLink[], request: BounceRequest): Promise<RelayResult> {
  const start = performance.now();
  const cpuAtStart = process.cpuUsage();
  const measureFrom = start + request.warmupMs;
  const measureUntil = measureFrom + request.durationMs;
  const roundTrips: number[] = [];
  const completedByPair = new Array<number>(links.length).fill(0);
  let delivered = 0;
  let deliveredTotal = 0;
  let stopped = false;
  const inWindow = (t: number) => t >= measureFrom && t < measureUntil;

  links.forEach((link, index) => {
    let sentAt = 0;
    const sendFromA = () => {
      sentAt = performance.now();
      link.sendFromA();
    };
    link.onB(() => {
      if (stopped) return;
      deliveredTotal++;
      if (inWindow(performance.now())) delivered++;
      link.sendFromB();
    });
    link.onA(() => {
      if (stopped) return;
      deliveredTotal++;
      const now = performance.now();
      if (inWindow(now)) {
        delivered++;
        // Only round trips that began after the warm-up, so the connect burst is not timed.
        if (sentAt >= measureFrom) {
          roundTrips.push(now - sentAt);
          completedByPair[index] = (completedByPair[index] ?? 0) + 1;
        }
      }
      if (now < measureUntil) sendFromA();
    });
    sendFromA();
  });
  await new Promise((resolve) => setTimeout(resolve, measureUntil - performance.now()));
  stopped = true;
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    design,
    pairs: links.length,
    roundTrips: roundTrips.length,
    p50Ms: percentile(roundTrips, 50),
    p99Ms: percentile(roundTrips, 99),
    messagesPerSecond: delivered / (request.durationMs / 1000),
    starvedPairs: completedByPair.filter((n) => n === 0).length,
    refused: links.reduce((sum, link) => sum + link.refused(), 0),
    deliveredTotal,
    clientCpuUsPerMessage: deliveredTotal > 0 ? (cpu.user + cpu.system) / deliveredTotal : undefined,
  };
}
