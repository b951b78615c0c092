import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL, MB } from '../helpers/load.js';
import { connectPeer, type TestPeer } from '../helpers/peer-client.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

const CYCLES = FULL ? 5_000 : 1_000;
const WARM_UP = 50;

const candidate = { kind: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 } } as const;

/**
 * One visitor joining and leaving. Every fifth one loses its connection instead of leaving and
 * comes back with its resume token (the reconnect path), then leaves.
 */
async function joinAndLeave(server: ServerProcess, host: TestPeer, hostId: string, cycle: number): Promise<void> {
  const visitor = await connectPeer(server.origin);
  const joined = await visitor.join(server.room);
  if (!joined.ok) throw new Error(`cycle ${cycle}: ${joined.message}`);
  visitor.socket.emit('signal', { to: hostId, signal: candidate });
  await host.next('signal');
  if (cycle % 5 === 0) {
    visitor.socket.io.engine.close();
    await host.next('peer-reconnecting');
    const back = await connectPeer(server.origin);
    const resumed = await back.join(server.room, joined.resumeToken, { keepConnections: true });
    if (!resumed.ok || !resumed.resumed) throw new Error(`cycle ${cycle}: resume failed`);
    await host.next('peer-reconnected');
    back.close();
  } else {
    visitor.close();
  }
  await host.next('peer-left');
}

describe('soak', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ gracePeriodMs: 5_000 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it(`${CYCLES} join/leave cycles leave the server's heap where it was (< 5 MB growth)`, async () => {
    const host = await connectPeer(server.origin);
    try {
      const joined = await host.join(server.room);
      if (!joined.ok) throw new Error(joined.message);
      for (let cycle = 0; cycle < WARM_UP; cycle++) await joinAndLeave(server, host, joined.peerId, cycle);
      host.received.length = 0;
      const baseline = await server.heapUsed();
      const started = Date.now();
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        await joinAndLeave(server, host, joined.peerId, cycle);
        if (cycle % 100 === 99) host.received.length = 0; // the test's own memory, not the server's
      }
      const after = await server.heapUsed();
      const counts = await server.counts();
      console.log(
        `soak: ${CYCLES} cycles in ${Date.now() - started} ms; heap ${(baseline / MB).toFixed(2)} → ${(after / MB).toFixed(2)} MB ` +
          `(${((after - baseline) / MB).toFixed(2)} MB); events ${JSON.stringify(counts)}`,
      );
      expect(counts.join).toBe(1 + WARM_UP + CYCLES + (WARM_UP + CYCLES) / 5);
      expect(after - baseline).toBeLessThan(5 * MB);
    } finally {
      host.close();
    }
  });
});
