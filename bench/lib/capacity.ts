/**
 * Capacity of one process, as someone hosting calls for an office runs it: the real
 * `webrtc-call start --open-rooms` (built CLI, default limits) holds `rooms` calls of two
 * socket.io-client peers (lib/office-room.ts), whose clients live in other processes
 * (workers/office-clients.ts). After the calls are set up, every peer sends a stats report every
 * 2 s for `durationMs`, one relayed round trip per room every `probeEveryMs` times the relay, and
 * half-way through `stormRooms` new calls join within one second. The server's own CPU, RSS and
 * event-loop delay come from a probe preloaded into it (workers/process-probe.mjs).
 *
 * Clients share this machine's cores with the server: on 2 cores the server's figures include
 * the cost of waiting for them.
 */
import { startWorker, type Worker } from './child.js';
import { startCliServer, type ServerSample } from './cli-server.js';
import { percentile, within } from './stats.js';
import type { FinishResult, OpenRequest, OpenResult } from '../workers/office-clients.js';

export interface CapacityPlan {
  rooms: number;
  durationMs: number;
  stormRooms: number;
  stormSpreadMs: number;
  probeEveryMs: number;
  /** Processes the steady rooms' clients are split over (the storm's have one more of their own). */
  clientProcesses: number;
}

const OFFICE: CapacityPlan = { rooms: 1_000, durationMs: 60_000, stormRooms: 200, stormSpreadMs: 1_000, probeEveryMs: 10_000, clientProcesses: 2 };

/**
 * The office (1,000 calls for a minute, a storm of 200 in one second), then four times
 * as many calls, to see how far past it one process goes; --quick: a smoke run.
 */
export const CAPACITY_PLAN: Record<'full' | 'quick', CapacityPlan[]> = {
  full: [OFFICE, { ...OFFICE, rooms: 4_000, clientProcesses: 4 }],
  quick: [{ rooms: 20, durationMs: 6_000, stormRooms: 10, stormSpreadMs: 1_000, probeEveryMs: 1_000, clientProcesses: 2 }],
};

export type CapacityRun = CapacityResult | { plan: CapacityPlan; error: string };

/** Each plan in turn; a run that fails is reported with why, and the next still runs. */
export async function measureCapacityRuns(plans: readonly CapacityPlan[], progress: (line: string) => void = () => {}): Promise<CapacityRun[]> {
  const runs: CapacityRun[] = [];
  for (const plan of plans) {
    runs.push(
      await measureCapacity(plan, progress).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        progress(`capacity, ${plan.rooms} calls: failed (${message})`);
        return { plan, error: message };
      }),
    );
  }
  return runs;
}


export interface Window {
  seconds: number;
  /** Server CPU time over wall time, in % of one core. */
  serverCpuPercent: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** % of the window the server's event loop waited for a core held by another process. */
  waitedForCpuPercent: number;
  gcMaxPauseMs: number;
  relayP50Ms?: number;
  relayP99Ms?: number;
  roundTrips: number;
}

export interface CapacityResult {
  plan: CapacityPlan;
  command: string;
  /** Setting up the steady calls (ramp of 50 at a time). */
  ramp: { rooms: number; seconds: number; serverCpuPercent: number; failures: string[]; signaledP99Ms?: number };
  /** The whole steady phase, storm included. */
  steady: Window & { rssMB: number; maxRssMB: number; clientCpuPercent: number };
  /** Before the storm: the held calls alone (RSS at its end). */
  held: Window & { rssMB: number };
  storm: Window & { rooms: number; failures: string[]; joinedP50Ms?: number; joinedP99Ms?: number; signaledP99Ms?: number };
  sent: number;
  lost: number;
  refused: number;
  probeFailures: number;
}

const CLIENTS = new URL('../workers/office-clients.ts', import.meta.url);
export const CAPACITY_ARGS = ['start', '--open-rooms', '--host', '127.0.0.1', '--port', '0', '--no-open', '--quiet'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cpuPercent = (s: ServerSample) => (s.wallMs > 0 ? (100 * s.cpuMs) / s.wallMs : 0);

function windowOf(samples: ServerSample[], roundTrips: FinishResult['roundTrips'], from: number, to: number): Window {
  const wallMs = samples.reduce((sum, s) => sum + s.wallMs, 0);
  const cpuMs = samples.reduce((sum, s) => sum + s.cpuMs, 0);
  const inside = roundTrips.filter((r) => r.at >= from && r.at < to).map((r) => r.ms);
  return {
    seconds: wallMs / 1000,
    serverCpuPercent: wallMs > 0 ? (100 * cpuMs) / wallMs : 0,
    // A p99 cannot be merged across windows: the steady one takes the worst window's.
    loopDelayP99Ms: Math.max(...samples.map((s) => s.loopDelayP99Ms)),
    loopDelayMaxMs: Math.max(...samples.map((s) => s.loopDelayMaxMs)),
    waitedForCpuPercent: wallMs > 0 ? (100 * samples.reduce((sum, s) => sum + s.runQueueWaitMs, 0)) / wallMs : 0,
    gcMaxPauseMs: Math.max(...samples.map((s) => s.gcMaxPauseMs)),
    relayP50Ms: percentile(inside, 50),
    relayP99Ms: percentile(inside, 99),
    roundTrips: inside.length,
  };
}

export async function measureCapacity(plan: CapacityPlan, progress: (line: string) => void = () => {}): Promise<CapacityResult> {
  const server = await startCliServer(CAPACITY_ARGS);
  const steadyWorkers: Worker[] = Array.from({ length: plan.clientProcesses }, () => startWorker(CLIENTS, []));
  const stormWorker = startWorker(CLIENTS, []);
  const workers = [...steadyWorkers, stormWorker];
  try {
    await Promise.all(workers.map((w) => w.next(60_000, 'a client worker to start')));
    const share = (i: number) => Math.floor(plan.rooms / plan.clientProcesses) + (i < plan.rooms % plan.clientProcesses ? 1 : 0);
    await server.sample();
    const rampStart = Date.now();
    const opened = await Promise.all(
      steadyWorkers.map((w, i) =>
        w.ask<OpenResult>({ op: 'open', origin: server.origin, rooms: share(i), prefix: `office-${i}`, subnet: 10 + i } satisfies OpenRequest, 600_000),
      ),
    );
    const rampSample = await server.sample();
    const rampFailures = opened.flatMap((o) => o.failures);
    const ramp = {
      rooms: opened.reduce((sum, o) => sum + o.opened, 0),
      seconds: (Date.now() - rampStart) / 1000,
      serverCpuPercent: cpuPercent(rampSample),
      failures: rampFailures,
      signaledP99Ms: percentile(opened.flatMap((o) => o.signaledMs), 99),
    };
    progress(`capacity, ${plan.rooms} calls: ${ramp.rooms} set up in ${ramp.seconds.toFixed(1)} s (${rampFailures.length} failed), server ${ramp.serverCpuPercent.toFixed(0)}% CPU`);

    const steadyStart = Date.now();
    await Promise.all(steadyWorkers.map((w) => w.ask({ op: 'run', probeEveryMs: plan.probeEveryMs }, 30_000)));
    await sleep(plan.durationMs / 2);
    const heldSample = await server.sample();
    const stormStart = Date.now();
    const storm = await stormWorker.ask<OpenResult>(
      { op: 'open', origin: server.origin, rooms: plan.stormRooms, prefix: 'storm', subnet: 10 + plan.clientProcesses, spreadMs: plan.stormSpreadMs } satisfies OpenRequest,
      120_000,
    );
    const stormSample = await server.sample();
    const stormEnd = Date.now();
    progress(`capacity, ${plan.rooms} calls: join storm of ${plan.stormRooms} calls in ${plan.stormSpreadMs} ms: ${storm.opened} set up in ${((stormEnd - stormStart) / 1000).toFixed(1)} s, ${storm.failures.length} failed`);
    await stormWorker.ask({ op: 'run', probeEveryMs: plan.probeEveryMs }, 30_000);
    await sleep(Math.max(0, steadyStart + plan.durationMs - Date.now()));
    const restSample = await server.sample();
    const steadyEnd = Date.now();
    const finished = await Promise.all(workers.map((w) => w.ask<FinishResult>({ op: 'finish' }, 60_000)));
    const roundTrips = finished.flatMap((f) => f.roundTrips);
    const clientCpuMs = finished.reduce((sum, f) => sum + f.cpuMs, 0);
    const sent = finished.reduce((sum, f) => sum + f.sent, 0);
    const received = finished.reduce((sum, f) => sum + f.received, 0);
    const result: CapacityResult = {
      plan,
      command: `webrtc-call ${CAPACITY_ARGS.join(' ')}`,
      ramp,
      steady: {
        ...windowOf([heldSample, stormSample, restSample], roundTrips, steadyStart, steadyEnd),
        rssMB: restSample.rssMB,
        maxRssMB: restSample.maxRssMB,
        // The clients' processes over the whole run, ramp included: what the load itself cost.
        clientCpuPercent: (100 * clientCpuMs) / (steadyEnd - rampStart),
      },
      held: { ...windowOf([heldSample], roundTrips, steadyStart, stormStart), rssMB: heldSample.rssMB },
      storm: {
        ...windowOf([stormSample], roundTrips, stormStart, stormEnd),
        rooms: storm.opened,
        failures: storm.failures,
        joinedP50Ms: percentile(storm.joinedMs, 50),
        joinedP99Ms: percentile(storm.joinedMs, 99),
        signaledP99Ms: percentile(storm.signaledMs, 99),
      },
      sent,
      lost: Math.max(0, sent - received),
      refused: finished.reduce((sum, f) => sum + f.refused, 0),
      probeFailures: finished.reduce((sum, f) => sum + f.probeFailures, 0),
    };
    progress(`capacity, ${plan.rooms} calls: ${JSON.stringify({ steady: result.steady, held: result.held, storm: { ...result.storm, failures: result.storm.failures.length }, lost: result.lost, refused: result.refused })}`);
    return result;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    server.stop();
  }
}
