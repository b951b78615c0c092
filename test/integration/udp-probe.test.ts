/**
 * The UDP probe's server side, with real sockets on loopback: the join reply names the server's
 * STUN address only to a page that asks, the server answers a Binding request as any STUN server
 * does, and the diagnosis tells "UDP never arrived" from "every check failed" by it.
 */
import stun from '@msimerson/stun';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPeerPool, SAMPLE_OFFER, type TestPeer } from '../helpers/peer-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const candidate = (address: string) => ({
  kind: 'candidate' as const,
  candidate: { candidate: `candidate:1 1 udp 2122260223 ${address} 50000 typ host generation 0`, sdpMid: '0', sdpMLineIndex: 0 },
});

/** Longer than the 2 s a probe is given before its silence counts. */
const DIAGNOSIS_DELAY_MS = 2_500;

describe("the server's UDP probe", () => {
  let server: TestServer;
  const peers = createPeerPool();
  const joined = async (udpProbe?: true): Promise<{ peer: TestPeer; id: string; probe?: string }> => {
    const peer = await peers.connect(server.origin);
    const reply = await peer.join('main', undefined, udpProbe ? { udpProbe } : {});
    if (!reply.ok) throw new Error(reply.message);
    return { peer, id: reply.peerId, probe: reply.udpProbe };
  };
  /** The probe starts beside the HTTP server (start-up does not wait for it): a join the moment it starts may precede it. */
  const probeListening = () =>
    waitFor('the UDP probe to listen', async () => {
      const { peer, probe } = await joined(true);
      peer.close();
      return probe;
    });
  /** Two peers on one LAN that offer and exchange candidates, then never connect. */
  const failingCall = async (a: { peer: TestPeer; id: string }, b: { peer: TestPeer; id: string }) => {
    b.peer.socket.emit('signal', { to: a.id, signal: SAMPLE_OFFER });
    b.peer.socket.emit('signal', { to: a.id, signal: candidate('192.168.1.31') });
    a.peer.socket.emit('signal', { to: b.id, signal: candidate('192.168.1.20') });
    return a.peer.next('diagnosis');
  };

  beforeEach(async () => {
    server = await startTestServer({ room: 'main', host: '127.0.0.1', diagnosisDelayMs: DIAGNOSIS_DELAY_MS });
    await probeListening();
  });
  afterEach(async () => {
    peers.closeAll();
    await server.close();
  });

  it('names its STUN address, as the page reached the server, only to a page that asks', async () => {
    const asking = await joined(true);
    expect(asking.probe).toMatch(/^stun:127\.0\.0\.1:\d+$/);
    expect((await joined()).probe).toBeUndefined();
  });

  it('answers a Binding request with the address it came from', async () => {
    const { probe } = await joined(true);
    const response = await stun.request(probe?.replace('stun:', '') ?? '', { timeout: 500, retries: 3 });
    expect(response.getXorAddress()).toMatchObject({ address: '127.0.0.1' });
  });

  it('a page whose UDP probe never arrived, though its signaling did: UDP is blocked', async () => {
    const [a, b] = [await joined(true), await joined(true)];
    const diagnosis = await failingCall(a, b);
    expect(diagnosis.cause).toBe('udp-blocked');
    expect(diagnosis.message).toMatch(/UDP from the .+ and the .+ does not reach the computer running webrtc-call/);
  });

  it('probes that arrived leave every check failed as the cause', async () => {
    const [a, b] = [await joined(true), await joined(true)];
    // Both clients are on this machine: one probe from 127.0.0.1 is both of theirs.
    await stun.request(a.probe?.replace('stun:', '') ?? '', { timeout: 500, retries: 3 });
    expect((await failingCall(a, b)).cause).toBe('checks-failed');
  });
});
