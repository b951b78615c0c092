import { afterEach, describe, expect, it } from 'vitest';
import { createPeerPool, SAMPLE_OFFER } from '../helpers/peer-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const offer = SAMPLE_OFFER;

describe('when a connection drops', () => {
  let server: TestServer;
  const peers = createPeerPool();
  const peer = () => peers.connect(server.origin);
  const pair = async () => {
    const a = await peer();
    const b = await peer();
    await a.join(server.room);
    const joinedB = await b.join(server.room);
    if (!joinedB.ok) throw new Error('join failed');
    return { a, b, joinedB };
  };
  afterEach(async () => {
    peers.closeAll();
    await server.close();
  });

  it('tells the other side "reconnecting", then lets the peer back as itself without a restart', async () => {
    server = await startTestServer({ gracePeriodMs: 10_000 });
    const { a, b, joinedB } = await pair();
    await a.next('peer-joined');
    const before = a.received.length;
    b.socket.io.engine.close(); // the network, not the page, dropped it
    expect(await a.next('peer-reconnecting')).toEqual({ peerId: joinedB.peerId });

    const back = await peer();
    const again = await back.join(server.room, joinedB.resumeToken, { keepConnections: true });
    expect(again).toMatchObject({ ok: true, resumed: true, peerId: joinedB.peerId });
    expect(await a.next('peer-reconnected')).toEqual({ peerId: joinedB.peerId });
    // nobody starts over: no peer-left / peer-joined went to A
    expect(a.received.slice(before).filter((r) => r.event === 'peer-left' || r.event === 'peer-joined')).toEqual([]);
    a.socket.emit('signal', { to: joinedB.peerId, signal: offer });
    expect(await back.next('signal')).toMatchObject({ signal: offer });
  });

  it('says the peer left once its grace period ends', async () => {
    server = await startTestServer({ gracePeriodMs: 300 });
    const { a, b, joinedB } = await pair();
    b.socket.io.engine.close();
    expect(await a.next('peer-reconnecting')).toEqual({ peerId: joinedB.peerId });
    expect(await a.next('peer-left')).toEqual({ peerId: joinedB.peerId });
    await waitFor('the leave event', () => server.log.find((e) => e.type === 'leave' && /did not come back/.test(e.reason)));
    // its place is free for someone else
    const c = await peer();
    expect((await c.join(server.room)).ok).toBe(true);
  });

  it('refuses signals to a peer that is away, with a reason', async () => {
    server = await startTestServer({ gracePeriodMs: 10_000 });
    const { a, b, joinedB } = await pair();
    b.socket.io.engine.close();
    await a.next('peer-reconnecting');
    a.socket.emit('signal', { to: joinedB.peerId, signal: offer });
    expect(await a.next('rejected')).toMatchObject({ reason: 'peer-away' });
  });

  it('frees the place at once when the page leaves on purpose', async () => {
    server = await startTestServer({ gracePeriodMs: 60_000 });
    const { a, b, joinedB } = await pair();
    b.close();
    expect(await a.next('peer-left')).toEqual({ peerId: joinedB.peerId });
    expect(a.received.some((r) => r.event === 'peer-reconnecting')).toBe(false);
  });

  it('notices a peer that vanished without a word, using the default timings', async () => {
    server = await startTestServer();
    const { a, b, joinedB } = await pair();
    // Stop B answering pings, as a phone whose Wi-Fi is gone: the server must notice by itself.
    const engine = b.socket.io.engine as unknown as { transport: { ws?: { pause?: () => void; _socket?: { pause(): void } } } };
    engine.transport.ws?._socket?.pause();
    const started = Date.now();
    expect(await waitFor('A to be told B is reconnecting', () => a.received.find((r) => r.event === 'peer-reconnecting'), { timeoutMs: 15_000 })).toBeTruthy();
    expect(await waitFor('A to be told B left', () => a.received.find((r) => r.event === 'peer-left'), { timeoutMs: 15_000 })).toMatchObject({
      payload: { peerId: joinedB.peerId },
    });
    console.log(`vanished peer reported gone after ${Date.now() - started} ms`);
    const closing = Date.now();
    await server.close();
    console.log(`server closed in ${Date.now() - closing} ms with a dead client`);
  });

  it('tells every page the host ended the call when the server stops', async () => {
    server = await startTestServer();
    const { a, b } = await pair();
    await server.close();
    expect(await a.next('ended')).toEqual({ message: 'the host ended the call' });
    expect(await b.next('ended')).toEqual({ message: 'the host ended the call' });
    await waitFor('the sockets to close', () => a.socket.disconnected && b.socket.disconnected);
  });
});
