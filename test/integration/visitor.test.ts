import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPeerPool, SAMPLE_OFFER } from '../helpers/peer-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

describe('a page that cannot call joins as a visitor', () => {
  let server: TestServer;
  const peers = createPeerPool();
  const peer = () => peers.connect(server.origin);

  beforeEach(async () => {
    server = await startTestServer({ room: 'main', pin: '2468' });
  });
  afterEach(async () => {
    peers.closeAll();
    await server.close();
  });

  it('is logged as join + unsupported, takes no place, and nobody is told or can reach it', async () => {
    const [visitor, a, b] = await Promise.all([peer(), peer(), peer()]);
    // No PIN: it learns nothing of the call (no peers in its reply) and can send nothing.
    const visit = await visitor.join('main', undefined, { unsupported: ['RTCPeerConnection'] });
    expect(visit).toMatchObject({ ok: true, peers: [] });
    if (!visit.ok) throw new Error('visitor refused');
    const joinedA = await a.join('main', undefined, { pin: '2468' });
    const joinedB = await b.join('main', undefined, { pin: '2468' });
    if (!joinedA.ok || !joinedB.ok) throw new Error('callers refused: the visitor took a place');
    expect(joinedB.peers).toEqual([{ peerId: joinedA.peerId }]);

    const events = server.log.filter((e) => 'peerId' in e && e.peerId === visit.peerId);
    expect(events.map((e) => e.type)).toEqual(['join', 'unsupported']);
    expect(events[0]).toMatchObject({ type: 'join', visitor: true, rejoin: false });
    expect(events[1]).toMatchObject({ type: 'unsupported', room: 'main', peerId: visit.peerId, missing: ['RTCPeerConnection'] });

    a.socket.emit('signal', { to: visit.peerId, signal: SAMPLE_OFFER });
    expect(await a.next('rejected')).toMatchObject({ reason: 'unknown-peer' });
    visitor.socket.emit('signal', { to: joinedA.peerId, signal: SAMPLE_OFFER });
    expect(await visitor.next('rejected')).toMatchObject({ reason: 'not-joined' });

    visitor.close();
    await waitFor('the visitor to leave', () => server.log.some((e) => e.type === 'leave' && e.peerId === visit.peerId));
    // Only callers hear of callers: no peer-joined or peer-left ever named the visitor.
    const told = [...a.received, ...b.received].filter((r) => 'peerId' in (r.payload ?? {}) && (r.payload as { peerId: string }).peerId === visit.peerId);
    expect(told).toEqual([]);
  });

  it('refuses a join that names something a call does not need', async () => {
    const page = await peer();
    expect(await page.join('main', undefined, { unsupported: ['WebSocket' as 'RTCPeerConnection'] })).toMatchObject({
      ok: false,
      reason: 'invalid-message',
      message: expect.stringContaining('unsupported'),
    });
  });
});
