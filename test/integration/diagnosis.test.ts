import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPeerPool, SAMPLE_OFFER, type TestPeer } from '../helpers/peer-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const candidate = (address: string) => ({
  kind: 'candidate' as const,
  candidate: { candidate: `candidate:1 1 udp 2122260223 ${address} 50000 typ host generation 0`, sdpMid: '0', sdpMLineIndex: 0 },
});
const END = { kind: 'candidate' as const, candidate: null };

describe('a connection that does not connect is diagnosed by the server', () => {
  let server: TestServer;
  const peers = createPeerPool();
  const joined = async (): Promise<{ peer: TestPeer; id: string }> => {
    const peer = await peers.connect(server.origin);
    const reply = await peer.join('main');
    if (!reply.ok) throw new Error(reply.message);
    return { peer, id: reply.peerId };
  };

  beforeEach(async () => {
    server = await startTestServer({ room: 'main', diagnosisDelayMs: 300 });
  });
  afterEach(async () => {
    peers.closeAll();
    await server.close();
  });

  it('tells both peers and publishes one diagnosis event, from the candidates it relayed', async () => {
    const a = await joined();
    const b = await joined();
    b.peer.socket.emit('signal', { to: a.id, signal: SAMPLE_OFFER });
    b.peer.socket.emit('signal', { to: a.id, signal: candidate('10.0.0.7') });
    b.peer.socket.emit('signal', { to: a.id, signal: END });
    a.peer.socket.emit('signal', { to: b.id, signal: candidate('192.168.1.20') });
    a.peer.socket.emit('signal', { to: b.id, signal: END });
    const [toA, toB] = await Promise.all([a.peer.next('diagnosis'), b.peer.next('diagnosis')]);
    expect(toA).toMatchObject({ about: b.id, cause: 'no-shared-network' });
    expect(toB).toMatchObject({ about: a.id, cause: 'no-shared-network' });
    expect(toA.message).toMatch(/^Can't reach the .* directly: .*different networks/);
    const diagnoses = server.log.filter((e) => e.type === 'diagnosis');
    expect(diagnoses).toEqual([expect.objectContaining({ room: 'main', peers: [b.id, a.id], cause: 'no-shared-network' })]);
  });
});
