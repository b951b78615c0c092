/**
 * One call of the capacity scenario, played without browsers: two socket.io-client peers, each
 * from its own loopback address (as each device in an office has its own, so the server's
 * per-address connection limit stays at its default), join a room and send what a Chromium page
 * sends to set up a call: the offer and answer captured from a real call
 * (test/fixtures/chromium-call.json), 10 ICE candidates each way and the end of candidates. Then
 * each reports its connection state, and a stats report every STATS_INTERVAL_MS, as the page does.
 *
 * Relay round trip under load: peer A sends a late ICE candidate to B, B sends it straight back
 * (A → server → B → server → A); every signal either side sends is counted where it arrives.
 */
import { performance } from 'node:perf_hooks';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  STATS_INTERVAL_MS,
  type CallStats,
  type ClientToServerEvents,
  type IceCandidate,
  type InboundSignal,
  type ServerToClientEvents,
} from '../../src/shared/protocol.js';
import { chromium } from '../../test/helpers/fixtures.js';
import { within } from './stats.js';

type CallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Candidates each side trickles, as the issue asks (a laptop with Wi-Fi, Ethernet and a VPN sends about that many). */
export const CANDIDATES_PER_SIDE = 10;

export interface OfficeRoom {
  /** From the first peer's connect to both peers joined. */
  joinedMs: number;
  /** From the first peer's connect to both having the other's end of candidates. */
  signaledMs: number;
  /** Starts the stats reports (at a random phase, as pages start at random times). */
  startReports(): void;
  /** One relay round trip A → B → A, in ms. */
  probe(timeoutMs: number): Promise<number>;
  /** Signals sent by either peer, signals that arrived at the other, rejections received. */
  counts(): { sent: number; received: number; refused: number };
  close(): void;
}

const template = chromium.candidates.find((c): c is IceCandidate => c !== null && / udp /.test(c.candidate));
if (!template) throw new Error('test/fixtures/chromium-call.json has no udp candidate to copy');

/** A host candidate like the captured one, on its own port (field 6 of candidate-attribute). */
function candidate(port: number): IceCandidate {
  const fields = template!.candidate.split(' ');
  fields[5] = String(port);
  return { ...template!, candidate: fields.join(' ') };
}

/** The captured report's shape, with video flowing as in a call (the capture's was taken before it did). */
const STATS: CallStats = (() => {
  const captured = chromium.reports.find((r) => r.type === 'stats');
  if (!captured || captured.type !== 'stats') throw new Error('test/fixtures/chromium-call.json has no stats report');
  const { stats } = captured as unknown as { stats: CallStats };
  return { ...stats, video: { ...stats.video, inKbps: 336, outKbps: 412, codecIn: 'VP8', packetsReceived: 9_000, width: 640, height: 480, fps: 23 } };
})();

function connect(origin: string, localAddress: string, timeoutMs: number): Promise<CallSocket> {
  // engine.io-client hands localAddress to ws in Node (its websocket transport's options), though
  // socket.io-client's types do not list it.
  const options: Partial<ManagerOptions & SocketOptions> & { localAddress: string } = {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
    localAddress,
  };
  const socket: CallSocket = io(origin, options);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(new Error(`connect refused: ${error.message}`));
    });
  });
}

async function join(socket: CallSocket, room: string, timeoutMs: number): Promise<{ peerId: string; peers: string[] }> {
  const reply = await socket.timeout(timeoutMs).emitWithAck('join', { room });
  if (!reply.ok) throw new Error(`join refused: ${reply.reason}`);
  return { peerId: reply.peerId, peers: reply.peers.map((p: { peerId: string }) => p.peerId) };
}

export async function openOfficeRoom(origin: string, room: string, addresses: [string, string], timeoutMs: number): Promise<OfficeRoom> {
  const startedAt = performance.now();
  const sockets: CallSocket[] = [];
  let sent = 0;
  let received = 0;
  let refused = 0;
  try {
    const a = await connect(origin, addresses[0], timeoutMs);
    sockets.push(a);
    const aJoined = await join(a, room, timeoutMs);
    const bArrived = new Promise<string>((resolve) => a.once('peer-joined', ({ peerId }) => resolve(peerId)));
    const b = await connect(origin, addresses[1], timeoutMs);
    sockets.push(b);
    const bJoined = await join(b, room, timeoutMs);
    const bId = await within(timeoutMs, `room ${room}: A to hear that B joined`, bArrived);
    const joinedMs = performance.now() - startedAt;
    for (const socket of sockets) socket.on('rejected', () => refused++);

    const send = (from: CallSocket, to: string, signal: InboundSignal['signal']) => {
      sent++;
      from.emit('signal', { to, signal });
    };
    const trickle = (from: CallSocket, to: string, firstPort: number) => {
      for (let i = 0; i < CANDIDATES_PER_SIDE; i++) send(from, to, { kind: 'candidate', candidate: candidate(firstPort + i) });
      send(from, to, { kind: 'candidate', candidate: null });
    };
    let steady = false;
    const pending = new Map<string, (at: number) => void>();
    const endOf = (socket: CallSocket) =>
      new Promise<void>((resolve) =>
        socket.on('signal', ({ signal }) => {
          received++;
          if (signal.kind === 'candidate' && signal.candidate === null) resolve();
        }),
      );
    const aDone = endOf(a);
    const bDone = endOf(b);
    // The newcomer offers to the peers already there, as the page does; they answer.
    a.on('signal', ({ signal }) => {
      if (signal.kind === 'description' && signal.description.type === 'offer') {
        send(a, bId, { kind: 'description', description: { type: 'answer', sdp: chromium.answer } });
        trickle(a, bId, 41_000);
      } else if (steady && signal.kind === 'candidate' && signal.candidate) pending.get(signal.candidate.candidate)?.(performance.now());
    });
    b.on('signal', ({ signal }) => {
      if (steady && signal.kind === 'candidate' && signal.candidate) send(b, aJoined.peerId, signal);
    });
    if (!bJoined.peers.includes(aJoined.peerId)) throw new Error(`room ${room}: B's join reply does not list A`);
    send(b, aJoined.peerId, { kind: 'description', description: { type: 'offer', sdp: chromium.offer } });
    trickle(b, aJoined.peerId, 42_000);
    await within(timeoutMs, `room ${room}: offer, answer and candidates to arrive`, Promise.all([aDone, bDone]));
    const signaledMs = performance.now() - startedAt;
    steady = true;
    a.emit('report', { kind: 'state', about: bId, connection: 'connected', ice: 'connected' });
    b.emit('report', { kind: 'state', about: aJoined.peerId, connection: 'connected', ice: 'connected' });

    const timers: NodeJS.Timeout[] = [];
    let probes = 0;
    return {
      joinedMs,
      signaledMs,
      startReports() {
        for (const [socket, about] of [[a, bId], [b, aJoined.peerId]] as const) {
          const report = () => socket.emit('report', { kind: 'stats', about, stats: STATS });
          const phase = setTimeout(() => timers.push(setInterval(report, STATS_INTERVAL_MS)), Math.random() * STATS_INTERVAL_MS);
          timers.push(phase);
        }
      },
      probe(probeTimeoutMs) {
        const late = candidate(50_000 + (probes++ % 10_000));
        const sentAt = performance.now();
        const back = new Promise<number>((resolve) => pending.set(late.candidate, (at) => resolve(at - sentAt)));
        send(a, bId, { kind: 'candidate', candidate: late });
        return within(probeTimeoutMs, `room ${room}: a relayed candidate to come back`, back).finally(() => pending.delete(late.candidate));
      },
      counts: () => ({ sent, received, refused }),
      close() {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.disconnect();
      },
    };
  } catch (error) {
    for (const socket of sockets) socket.disconnect();
    throw error;
  }
}
