/** Scenario 1: the same relay load against each design, server and clients in separate processes. */
import os from 'node:os';
import type { RelayResult } from './bounce.js';
import { startWorker } from './child.js';
import type { Design } from './designs.js';
import { median } from './stats.js';
import { BENCH_HOST, SERVER_WORKER } from './servers.js';
import type { CpuSample, ServerReady } from '../workers/server.js';

export interface RelayOptions {
  designs: readonly Design[];
  pairCounts: readonly number[];
  warmupMs: number;
  durationMs: number;
  /**
   * Rounds at the largest pair count, the one the targets are set at: the designs take turns
   * and each design's figures are the medians over its rounds. One run of a design and one of
   * the floor a few seconds apart on this shared VM differed by up to 2× in msgs/s, both ways.
   */
  rounds?: number;
}

export interface RoundFigures {
  messagesPerSecond: number;
  p99Ms?: number;
  serverCpuUsPerMessage?: number;
}

export interface RelayRun extends RelayResult {
  loadAverage: number;
  /** Server CPU time per relayed message: what the design costs, less sensitive to a busy machine. */
  serverCpuUsPerMessage?: number;
  error?: string;
  /** With more than one round: every round's figures, in the order they ran. */
  rounds?: RoundFigures[];
}

const LOAD_WORKER = new URL('../workers/relay-load.ts', import.meta.url);

export async function measureRelay(options: RelayOptions, progress: (line: string) => void = () => {}): Promise<RelayRun[]> {
  const runs: RelayRun[] = [];
  const largest = Math.max(...options.pairCounts);
  for (const pairs of options.pairCounts) {
    const rounds = pairs === largest ? Math.max(1, options.rounds ?? 1) : 1;
    const byDesign = options.designs.map((): RelayRun[] => []);
    for (let round = 1; round <= rounds; round++) {
      for (const [index, design] of options.designs.entries()) {
        const run = await relayOnce(design, pairs, options);
        progress(`${describeRun(run)}${rounds > 1 ? ` (round ${round}/${rounds})` : ''}`);
        byDesign[index]?.push(run);
      }
    }
    runs.push(...byDesign.map(medianRun));
  }
  return runs;
}

/**
 * Each figure is its median over the rounds that ran (a failed round is left out and kept in
 * `rounds`): a round's p99 and its msgs/s need not come from the same round.
 */
export function medianRun(rounds: RelayRun[]): RelayRun {
  const [first] = rounds;
  if (!first) throw new Error('relay: a design was measured zero times');
  if (rounds.length === 1) return first;
  const ran = rounds.filter((r) => !r.error);
  const all = rounds.map((r) => ({ messagesPerSecond: r.messagesPerSecond, p99Ms: r.p99Ms, serverCpuUsPerMessage: r.serverCpuUsPerMessage }));
  if (ran.length === 0) return { ...first, rounds: all };
  const mid = (pick: (r: RelayRun) => number | undefined) => median(ran.flatMap((r) => pick(r) ?? []));
  return {
    ...first,
    error: undefined,
    roundTrips: mid((r) => r.roundTrips) ?? 0,
    p50Ms: mid((r) => r.p50Ms),
    p99Ms: mid((r) => r.p99Ms),
    messagesPerSecond: mid((r) => r.messagesPerSecond) ?? 0,
    starvedPairs: mid((r) => r.starvedPairs) ?? 0,
    refused: Math.max(...ran.map((r) => r.refused)),
    deliveredTotal: mid((r) => r.deliveredTotal) ?? 0,
    clientCpuUsPerMessage: mid((r) => r.clientCpuUsPerMessage),
    serverCpuUsPerMessage: mid((r) => r.serverCpuUsPerMessage),
    loadAverage: mid((r) => r.loadAverage) ?? 0,
    rounds: all,
  };
}

async function relayOnce(design: Design, pairs: number, options: RelayOptions): Promise<RelayRun> {
  const loadAverage = os.loadavg()[0] ?? 0;
  const server = startWorker(SERVER_WORKER, [design]);
  const load = startWorker(LOAD_WORKER, []);
  try {
    const { port } = await server.next<ServerReady>(30_000, `the ${design} server to start`);
    await load.next(30_000, 'the load worker to start');
    // Connecting 1,000 sockets on a busy 2-core machine can take a while; the run itself is fixed.
    const connected = await load.ask<{ error?: string }>({ op: 'connect', design, origin: `http://${BENCH_HOST}:${port}`, pairs }, 120_000);
    if (connected.error) throw new Error(connected.error);
    const before = await server.ask<CpuSample>({ op: 'cpu' }, 10_000);
    const result = await load.ask<RelayResult | { error: string }>(
      { op: 'bounce', warmupMs: options.warmupMs, durationMs: options.durationMs },
      30_000 + options.warmupMs + options.durationMs,
    );
    if ('error' in result) throw new Error(result.error);
    // A design drowning in its own backlog (the baseline at 500 pairs) may not answer in time:
    // its CPU figure is then missing, its latency and rate still stand.
    const after = await server.ask<CpuSample>({ op: 'cpu' }, 10_000).catch(() => undefined);
    const serverCpuUsPerMessage =
      after && result.deliveredTotal > 0 ? ((after.cpuMs - before.cpuMs) * 1000) / result.deliveredTotal : undefined;
    return { ...result, loadAverage, serverCpuUsPerMessage };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { design, pairs, roundTrips: 0, messagesPerSecond: 0, starvedPairs: pairs, refused: 0, deliveredTotal: 0, loadAverage, error: message };
  } finally {
    await Promise.all([load.stop(), server.stop()]);
  }
}

function describeRun(run: RelayRun): string {
  if (run.error) return `relay K=${run.pairs} ${run.design}: failed (${run.error})`;
  const ms = (v?: number) => (v === undefined ? '–' : `${v.toFixed(1)} ms`);
  return `relay K=${run.pairs} ${run.design}: p50 ${ms(run.p50Ms)}, p99 ${ms(run.p99Ms)}, ${Math.round(run.messagesPerSecond)} msgs/s, server ${run.serverCpuUsPerMessage?.toFixed(0) ?? '–'} µs CPU/msg, clients ${run.clientCpuUsPerMessage?.toFixed(0) ?? '–'} µs CPU/msg` +
    (run.starvedPairs ? `, ${run.starvedPairs} pairs starved` : '') + (run.refused ? `, ${run.refused} refused` : '');
}
