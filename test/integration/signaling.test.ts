import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectPeer, createPeerPool, SAMPLE_OFFER } from '../helpers/peer-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const offer = SAMPLE_OFFER;

describe('signaling server', () => {
  let server: TestServer;
  const peers = createPeerPool();
  const peer = () => peers.connect(server.origin);

  beforeEach(async () => {
    server = await startTestServer({ openRooms: true, room: 'main' });
  });
  afterEach(async () => {
    peers.closeAll();
    await server.close();
  });

  it('tells the one already there who joined, and the newcomer who is there', async () => {
    const a = await peer();
    const b = await peer();
    const joinedA = await a.join('main');
    const joinedB = await b.join('main');
    if (!joinedA.ok || !joinedB.ok) throw new Error('join failed');
    expect(joinedA.peers).toEqual([]);
    expect(joinedB.peers).toEqual([{ peerId: joinedA.peerId }]);
    expect(await a.next('peer-joined')).toEqual({ peerId: joinedB.peerId });
    expect(server.log.filter((e) => e.type === 'join').map((e) => e.type === 'join' && e.peerId)).toEqual([
      joinedA.peerId,
      joinedB.peerId,
    ]);
  });

  it('names the browser and address of whoever joins, taken from its handshake', async () => {
    const phone = await connectPeer(server.origin, { extraHeaders: { 'user-agent': 'Mozilla/5.0 (iPhone) test' } });
    try {
      await phone.join('main');
      await waitFor('the join event', () => server.log.find((e) => e.type === 'join'));
      expect(server.log.find((e) => e.type === 'join')).toMatchObject({
        userAgent: 'Mozilla/5.0 (iPhone) test',
        address: expect.stringContaining('127.0.0.1'),
      });
    } finally {
      phone.close();
    }
  });

  it("puts the visitor's browser language in the join event, and refuses a join with a malformed one", async () => {
    const [phone, odd] = await Promise.all([peer(), peer()]);
    expect(await phone.join('main', undefined, { language: 'pt-BR' })).toMatchObject({ ok: true });
    await waitFor('the join event', () => server.log.find((e) => e.type === 'join'));
    expect(server.log.find((e) => e.type === 'join')).toMatchObject({ language: 'pt-BR' });
    const refused = await odd.join('main', undefined, { language: '<script>alert(1)</script>' });
    expect(refused).toMatchObject({ ok: false, reason: 'invalid-message', message: expect.stringContaining('language') });
    expect(server.log.filter((e) => e.type === 'join')).toHaveLength(1);
  });

  it('relays a signal only to the addressed peer of the same room', async () => {
    const [a, b, x, y] = await Promise.all([peer(), peer(), peer(), peer()]);
    const joinedA = await a.join('main');
    const joinedB = await b.join('main');
    await x.join('other');
    const joinedY = await y.join('other');
    if (!joinedA.ok || !joinedB.ok || !joinedY.ok) throw new Error('join failed');

    a.socket.emit('signal', { to: joinedB.peerId, signal: offer });
    expect(await b.next('signal')).toEqual({ from: joinedA.peerId, signal: offer });

    // across rooms: refused and logged, never delivered
    a.socket.emit('signal', { to: joinedY.peerId, signal: offer });
    expect(await a.next('rejected')).toMatchObject({ reason: 'unknown-peer' });
    await waitFor('the rejection to be logged', () => server.log.some((e) => e.type === 'rejected'));
    expect([x, y].flatMap((p) => p.received).filter((r) => r.event === 'signal')).toEqual([]);
    expect(server.log.filter((e) => e.type === 'signal')).toHaveLength(1);
  });

  it('tells the others when a peer leaves', async () => {
    const a = await peer();
    const b = await peer();
    await a.join('main');
    const joinedB = await b.join('main');
    if (!joinedB.ok) throw new Error('join failed');
    b.close();
    expect(await a.next('peer-left')).toEqual({ peerId: joinedB.peerId });
    await waitFor('the leave event', () => server.log.find((e) => e.type === 'leave'));
  });

  it('refuses a third peer with room-full and keeps the first two', async () => {
    const [a, b, c] = await Promise.all([peer(), peer(), peer()]);
    await a.join('main');
    const joinedB = await b.join('main');
    const third = await c.join('main');
    expect(third).toMatchObject({ ok: false, reason: 'room-full', message: expect.stringContaining('full') });
    if (!joinedB.ok) throw new Error('join failed');
    a.socket.emit('signal', { to: joinedB.peerId, signal: offer });
    expect(await b.next('signal')).toMatchObject({ signal: offer });
    expect(server.log.some((e) => e.type === 'rejected' && e.reason === 'room-full')).toBe(true);
  });

  it('lets a reloaded tab take its place back with its resume token', async () => {
    const [a, b] = await Promise.all([peer(), peer()]);
    await a.join('main');
    const first = await b.join('main');
    if (!first.ok) throw new Error('join failed');
    const reloaded = await peer();
    const again = await reloaded.join('main', first.resumeToken);
    expect(again).toMatchObject({ ok: true, peerId: first.peerId });
    expect(await a.next('peer-left')).toEqual({ peerId: first.peerId });
    expect(await a.next('peer-joined')).toEqual({ peerId: first.peerId });
    await waitFor('the old socket to be dropped', () => b.socket.disconnected);
  });

  it('answers malformed messages with a reason and keeps serving', async () => {
    const a = await peer();
    const bad = await a.join('no spaces allowed');
    expect(bad).toMatchObject({ ok: false, reason: 'invalid-message', message: expect.stringContaining('room') });
    a.socket.emit('signal', { to: 'nobody', signal: { kind: 'nonsense' } } as never);
    expect(await a.next('rejected')).toMatchObject({ reason: 'invalid-message' });
    expect((await a.join('main')).ok).toBe(true);
  });

  it('logs a packet socket.io cannot decode, with the reason, and keeps serving the others', async () => {
    const [a, b, c] = await Promise.all([peer(), peer(), peer()]);
    const joinedA = await a.join('main');
    const joinedB = await b.join('main');
    if (!joinedA.ok || !joinedB.ok) throw new Error('join failed');
    // "9" is no socket.io packet type: the decoder throws and socket.io closes the connection
    c.sendRaw('9["signal"]');
    await waitFor('the undecodable packet to be logged', () =>
      server.log.some((e) => e.type === 'rejected' && /undecodable message \(unknown packet type 9\); connection closed/.test(e.message)),
    );
    await waitFor('the sender to be disconnected', () => c.socket.disconnected);
    // a client's own "error" event is not that: it is refused like any event the protocol lacks
    b.sendRaw('2["error",{"message":"fake"}]');
    expect(await b.next('rejected')).toMatchObject({ reason: 'unknown-event' });
    expect(b.socket.connected).toBe(true);
    a.socket.emit('signal', { to: joinedB.peerId, signal: offer });
    expect(await b.next('signal')).toEqual({ from: joinedA.peerId, signal: offer });
  });
});

describe('rooms created by start', () => {
  it('refuses a room the server did not create', async () => {
    const server = await startTestServer();
    const a = await connectPeer(server.origin);
    try {
      expect(await a.join('guessed')).toMatchObject({ ok: false, reason: 'unknown-room' });
      expect((await a.join(server.room)).ok).toBe(true);
      expect(server.room).toMatch(/^[A-Za-z0-9_-]{22}$/);
    } finally {
      a.close();
      await server.close();
    }
  });
});
