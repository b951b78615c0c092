/**
 * Worker: the clients of some of the capacity scenario's rooms (see lib/capacity.ts), in a
 * process of their own. Requests, in order:
 * { op: 'open', origin, rooms, prefix, subnet, spreadMs? } opens `rooms` calls (all at once spread
 *   over `spreadMs`: a join storm; else a steady ramp); peer i connects from 127.<subnet>.x.y;
 * { op: 'run', probeEveryMs } starts the stats reports and the relay probes;
 * { op: 'finish' } stops them, waits for signals still in flight, and returns the tallies.
 */
import { serveRequests } from '../lib/child.js';
import { openOfficeRoom, type OfficeRoom } from '../lib/office-room.js';
import { inBatches, within } from '../lib/stats.js';

export interface OpenRequest {
  op: 'open';
  origin: string;
  rooms: number;
  prefix: string;
  subnet: number;
  spreadMs?: number;
}

export interface OpenResult {
  opened: number;
  /** Why each failed room failed ("join refused: too-many-connections", a timeout…). */
  failures: string[];
  joinedMs: number[];
  signaledMs: number[];
}

export interface FinishResult {
  /** Relay round trips: when each was sent (epoch ms) and how long it took. */
  roundTrips: Array<{ at: number; ms: number }>;
  probeFailures: number;
  sent: number;
  received: number;
  refused: number;
  cpuMs: number;
}

const TIMEOUT_MS = 30_000;
/** A steady ramp: enough calls opening at once to be quick, few enough not to stall the accept queue. */
const RAMP_CONCURRENCY = 50;

const rooms: OfficeRoom[] = [];
const roundTrips: FinishResult['roundTrips'] = [];
const timers: NodeJS.Timeout[] = [];
let probeFailures = 0;
const cpuAtStart = process.cpuUsage();

/** Each peer its own loopback address, as each device of an office has its own (the kernel routes all of 127/8 to lo). */
const addressOf = (subnet: number, peer: number) => `127.${subnet}.${Math.floor(peer / 250)}.${(peer % 250) + 1}`;

async function open(request: OpenRequest): Promise<OpenResult> {
  const result: OpenResult = { opened: 0, failures: [], joinedMs: [], signaledMs: [] };
  const one = async (i: number) => {
    try {
      const room = await openOfficeRoom(request.origin, `${request.prefix}-${i}`, [addressOf(request.subnet, 2 * i), addressOf(request.subnet, 2 * i + 1)], TIMEOUT_MS);
      rooms.push(room);
      result.opened++;
      result.joinedMs.push(room.joinedMs);
      result.signaledMs.push(room.signaledMs);
    } catch (error) {
      result.failures.push(error instanceof Error ? error.message : String(error));
    }
  };
  const spreadMs = request.spreadMs;
  if (spreadMs === undefined) await inBatches(request.rooms, RAMP_CONCURRENCY, one);
  else {
    const started = Array.from(
      { length: request.rooms },
      (_, i) => new Promise<void>((resolve) => setTimeout(() => void one(i).then(resolve), (i * spreadMs) / request.rooms)),
    );
    await Promise.all(started);
  }
  return result;
}

function run(probeEveryMs: number): { running: number } {
  for (const room of rooms) {
    room.startReports();
    // Each room probes at its own phase, so the probes are spread evenly over time.
    const probe = () =>
      room.probe(TIMEOUT_MS).then(
        (ms) => roundTrips.push({ at: Date.now() - ms, ms }),
        () => probeFailures++,
      );
    timers.push(setTimeout(() => timers.push(setInterval(probe, probeEveryMs)), Math.random() * probeEveryMs));
  }
  return { running: rooms.length };
}

async function finish(): Promise<FinishResult> {
  for (const timer of timers) clearTimeout(timer);
  const total = () =>
    rooms.reduce((sum, room) => {
      const counts = room.counts();
      return { sent: sum.sent + counts.sent, received: sum.received + counts.received, refused: sum.refused + counts.refused };
    }, { sent: 0, received: 0, refused: 0 });
  // Signals still in flight arrive now; what has not arrived within the bound is lost.
  const drained = new Promise<void>((resolve) => {
    const check = () => (total().received >= total().sent ? resolve() : setTimeout(check, 50));
    check();
  });
  await within(10_000, 'signals in flight to arrive', drained).catch(() => undefined);
  const counts = total();
  for (const room of rooms) room.close();
  const cpu = process.cpuUsage(cpuAtStart);
  return { roundTrips, probeFailures, ...counts, cpuMs: (cpu.user + cpu.system) / 1000 };
}

serveRequests(async (request) => {
  if (request.op === 'open') return open(request as unknown as OpenRequest);
  if (request.op === 'run') return run(Number(request.probeEveryMs));
  if (request.op === 'finish') return finish();
  throw new Error(`unknown request ${String(request.op)}`);
});
process.send?.({ ready: true });
