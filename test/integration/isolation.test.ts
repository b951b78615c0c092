import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPeer, type TestPeer } from '../helpers/peer-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const ROOMS = 8;
const SIGNALS_PER_PEER = 150;

describe('rooms under concurrent load', () => {
  let server: TestServer;
  const peers: TestPeer[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      openRooms: true,
      maxConnectionsPerAddress: ROOMS * 2,
      rateLimit: { messagesPerSecond: 10_000, burst: 10_000 },
    });
  });
  afterAll(async () => {
    for (const p of peers) p.close();
    await server.close();
  });

  it('never delivers a byte of one room\'s signals to another room', async () => {
    const calls = await Promise.all(
      Array.from({ length: ROOMS }, async (_, i) => {
        const room = `room-${i}`;
        const a = await connectPeer(server.origin);
        const b = await connectPeer(server.origin);
        peers.push(a, b);
        const joinedA = await a.join(room);
        const joinedB = await b.join(room);
        if (!joinedA.ok || !joinedB.ok) throw new Error('join failed');
        return { room, a, b, aId: joinedA.peerId, bId: joinedB.peerId };
      }),
    );
    // every pair talks at once; each signal carries its room's name
    const signal = (room: string, n: number) =>
      ({ kind: 'description', description: { type: 'offer', sdp: `v=0\r\ns=${room}#${n}\r\n` } }) as const;
    for (let n = 0; n < SIGNALS_PER_PEER; n++) {
      for (const call of calls) {
        call.a.socket.emit('signal', { to: call.bId, signal: signal(call.room, n) });
        call.b.socket.emit('signal', { to: call.aId, signal: signal(call.room, n) });
        // and each tries to reach the next room's peer, which must be refused
        const next = calls[(calls.indexOf(call) + 1) % calls.length];
        if (next && n % 10 === 0) call.a.socket.emit('signal', { to: next.bId, signal: signal(call.room, -n) });
      }
    }
    await waitFor('every signal to arrive', () =>
      calls.every((c) => [c.a, c.b].every((p) => p.received.filter((r) => r.event === 'signal').length >= SIGNALS_PER_PEER)),
    );
    for (const call of calls) {
      for (const [receiver, from] of [[call.b, call.aId], [call.a, call.bId]] as const) {
        const signals = receiver.received.filter((r) => r.event === 'signal');
        expect(signals).toHaveLength(SIGNALS_PER_PEER);
        for (const r of signals) {
          const text = JSON.stringify(r.payload);
          expect(text).toContain(`s=${call.room}#`);
          expect(r.payload).toMatchObject({ from });
        }
      }
    }
    const refused = server.log.filter((e) => e.type === 'rejected' && e.reason === 'unknown-peer');
    expect(refused).toHaveLength(ROOMS * (SIGNALS_PER_PEER / 10));
  });
});
