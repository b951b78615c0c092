import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomMessage, seededRandom } from '../helpers/fuzz.js';
import { FULL, MB } from '../helpers/load.js';
import { CLIENT_OPTIONS, connectPeer, type TestSocket } from '../helpers/peer-client.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

const SOCKETS = FULL ? 8 : 5;
const MESSAGES_PER_SOCKET = FULL ? 5_000 : 700;
const TIME_BUDGET_MS = FULL ? 240_000 : 40_000;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

/** Two well-behaved pages: join a fresh room and relay an offer and an answer. */
async function normalCall(server: ServerProcess, room: string): Promise<void> {
  const a = await connectPeer(server.origin);
  const b = await connectPeer(server.origin);
  try {
    const joinedA = await a.join(room);
    const joinedB = await b.join(room);
    if (!joinedA.ok || !joinedB.ok) throw new Error(`join refused: ${JSON.stringify([joinedA, joinedB])}`);
    const offer = { kind: 'description', description: { type: 'offer', sdp: 'v=0\r\n' } } as const;
    const answer = { kind: 'description', description: { type: 'answer', sdp: 'v=0\r\n' } } as const;
    b.socket.emit('signal', { to: joinedA.peerId, signal: offer });
    expect(await a.next('signal')).toEqual({ from: joinedB.peerId, signal: offer });
    a.socket.emit('signal', { to: joinedB.peerId, signal: answer });
    expect(await b.next('signal')).toEqual({ from: joinedA.peerId, signal: answer });
  } finally {
    a.close();
    b.close();
  }
}

function openSocket(origin: string): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const socket: TestSocket = io(origin, CLIENT_OPTIONS);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** One socket sending its share; reconnects when the server drops it (an oversized frame). */
async function fuzzFrom(server: ServerProcess, random: () => number, deadline: number): Promise<{ sent: number; dropped: number }> {
  let socket = await openSocket(server.origin);
  let sent = 0;
  let dropped = 0;
  const raw = () => socket as unknown as { emit(event: string, ...args: unknown[]): void };
  for (let i = 0; i < MESSAGES_PER_SOCKET && Date.now() < deadline; i++) {
    if (socket.disconnected) {
      dropped++;
      socket = await openSocket(server.origin);
    }
    const { event, args } = randomMessage(random, server.room, ['aaaaaaaa', 'bbbbbbbb']);
    const withAck = random() < 0.2 ? [...args, () => {}] : args;
    raw().emit(event, ...withAck);
    sent++;
    // Every so often wait until the server has handled everything sent so far.
    if (i % 50 === 49) await socket.timeout(10_000).emitWithAck('join', { room: 'barrier' }).catch(() => undefined);
  }
  socket.close();
  return { sent, dropped };
}

describe('fuzzing the signaling server', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({
      openRooms: true,
      gracePeriodMs: 200,
      // the fuzz must reach validation; the rate limit has its own test
      rateLimit: { messagesPerSecond: 1_000_000, burst: 1_000_000 },
      maxConnectionsPerAddress: 1_000,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it(`survives ${SOCKETS}×${MESSAGES_PER_SOCKET} random and malformed messages, still serves a call, and frees the memory`, async () => {
    await normalCall(server, 'warm-up');
    const baseline = await server.heapUsed();
    console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);

    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: SOCKETS }, (_, i) => fuzzFrom(server, seededRandom(SEED + i), started + TIME_BUDGET_MS)),
    );
    const sent = results.reduce((sum, r) => sum + r.sent, 0);
    const dropped = results.reduce((sum, r) => sum + r.dropped, 0);

    await normalCall(server, 'after-fuzz');
    expect(await server.polluted()).toBe(false);
    const counts = await server.counts();
    expect(counts['rejected:invalid-message'] ?? 0).toBeGreaterThan(sent / 10);
    expect(counts['rejected:unknown-event'] ?? 0).toBeGreaterThan(0);

    await new Promise((resolve) => setTimeout(resolve, 300)); // let grace periods (200 ms) of dropped sockets run out
    const after = await server.heapUsed();
    console.log(
      `fuzz: ${sent} messages in ${Date.now() - started} ms, ${dropped} sockets dropped by the server (oversized), ` +
        `heap ${(baseline / MB).toFixed(1)} → ${(after / MB).toFixed(1)} MB; rejections ${JSON.stringify(counts)}`,
    );
    expect(sent).toBeGreaterThan(SOCKETS * 100);
    expect(after - baseline).toBeLessThan(5 * MB);
  });
});
