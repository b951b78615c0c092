/**
 * Client side of the relay bench: two real clients per pair, connected the way each design
 * expects (socket.io + join for the designs that speak our events, socket.io for the broadcast
 * baseline, plain ws for the floor). Every design gets the same message, serialised and parsed
 * on each hop as JSON by socket.io's default parser (or JSON.stringify for the ws floor).
 */
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import type { ClientToServerEvents, OutboundSignal, ServerToClientEvents } from '../../src/shared/protocol.js';
import { PAIRED } from '../baseline/ws-forwarder.js';
import { offerSdp, speaksOurEvents, type Design } from './designs.js';
import { within } from './stats.js';

type CallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const CONNECT_TIMEOUT_MS = 20_000;

/** Two connected ends of one pair; `onA`/`onB` fire when a message for that end arrives. */
export interface PairLink {
  sendFromA(): void;
  sendFromB(): void;
  onA(handler: () => void): void;
  onB(handler: () => void): void;
  /** Messages the server refused (rate limit, validation): the bench must see none. */
  refused(): number;
  close(): void;
}

const SDP = offerSdp();

function signalTo(to: string, type: 'offer' | 'answer'): OutboundSignal {
  return { to, signal: { kind: 'description', description: { type, sdp: SDP } } };
}

export function connectPair(design: Design, origin: string, index: number): Promise<PairLink> {
  const pair =
    speaksOurEvents(design) ? joinedPair(origin, index) : design === 'baseline' ? baselinePair(origin, index) : floorPair(origin, index);
  return within(CONNECT_TIMEOUT_MS, `pair ${index} to connect to the ${design} server`, pair);
}

export function connectSocketIo(origin: string): Promise<CallSocket> {
  const socket: CallSocket = io(origin, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: CONNECT_TIMEOUT_MS });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

async function joinedPair(origin: string, index: number): Promise<PairLink> {
  const [a, b] = await Promise.all([connectSocketIo(origin), connectSocketIo(origin)]);
  const room = `bench-${index}`;
  const bJoined = new Promise<string>((resolve) => a.once('peer-joined', ({ peerId }) => resolve(peerId)));
  const joinA = await a.timeout(CONNECT_TIMEOUT_MS).emitWithAck('join', { room });
  const joinB = await b.timeout(CONNECT_TIMEOUT_MS).emitWithAck('join', { room });
  if (!joinA.ok || !joinB.ok) throw new Error(`pair ${index} could not join its room`);
  const bId = await bJoined;
  const offer = signalTo(bId, 'offer');
  const answer = signalTo(joinA.peerId, 'answer');
  let refused = 0;
  for (const socket of [a, b]) socket.on('rejected', () => refused++);
  return {
    sendFromA: () => a.emit('signal', offer),
    sendFromB: () => b.emit('signal', answer),
    onA: (handler) => a.on('signal', handler),
    onB: (handler) => b.on('signal', handler),
    refused: () => refused,
    close: () => {
      a.disconnect();
      b.disconnect();
    },
  };
}

async function baselinePair(origin: string, index: number): Promise<PairLink> {
  // The naive server has no rooms: everyone gets every signal and keeps those addressed to it.
  const [a, b] = await Promise.all([connectSocketIo(origin), connectSocketIo(origin)]);
  const idA = `${index}a`;
  const idB = `${index}b`;
  const offer = signalTo(idB, 'offer');
  const answer = signalTo(idA, 'answer');
  const addressedTo = (socket: CallSocket, id: string, handler: () => void) =>
    (socket as unknown as Socket).on('signal', (message: { to?: string }) => {
      if (message.to === id) handler();
    });
  return {
    sendFromA: () => (a as unknown as Socket).emit('signal', offer),
    sendFromB: () => (b as unknown as Socket).emit('signal', answer),
    onA: (handler) => addressedTo(a, idA, handler),
    onB: (handler) => addressedTo(b, idB, handler),
    refused: () => 0,
    close: () => {
      a.disconnect();
      b.disconnect();
    },
  };
}

async function floorPair(origin: string, index: number): Promise<PairLink> {
  const url = `${origin.replace(/^http/, 'ws')}/?pair=${index}`;
  const [a, b] = await Promise.all([connectWs(url), connectWs(url)]);
  await Promise.all([a.paired, b.paired]);
  const offer = signalTo('b', 'offer');
  const answer = signalTo('a', 'answer');
  const onMessage = (socket: WebSocket, handler: () => void) =>
    socket.on('message', (data) => {
      JSON.parse(String(data));
      handler();
    });
  return {
    sendFromA: () => a.socket.send(JSON.stringify(offer)),
    sendFromB: () => b.socket.send(JSON.stringify(answer)),
    onA: (handler) => onMessage(a.socket, handler),
    onB: (handler) => onMessage(b.socket, handler),
    refused: () => 0,
    close: () => {
      a.socket.terminate();
      b.socket.terminate();
    },
  };
}

function connectWs(url: string): Promise<{ socket: WebSocket; paired: Promise<void> }> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  const paired = new Promise<void>((resolve) => {
    socket.once('message', (data) => {
      if (String(data) === PAIRED) resolve();
    });
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, paired }));
    socket.once('error', reject);
  });
}
