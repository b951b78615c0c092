/**
 * socket.io wiring: every inbound message is validated, checked against the room state, relayed
 * to the one peer it is addressed to, and published as an event.
 */
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  JoinRequestSchema,
  MAX_MESSAGE_BYTES,
  OutboundSignalSchema,
  parse,
  type ClientToServerEvents,
  type JoinReply,
  type Rejection,
  type ServerToClientEvents,
} from '../shared/protocol.js';
import { signalBytes, signalKind, type CallEvents } from './events.js';
import { publishReport } from './reports.js';
import { findRoute, joinRoom, leaveRoom, type Rooms } from './rooms.js';

type CallServer = Server<ClientToServerEvents, ServerToClientEvents>;
type CallSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface SignalingContext {
  rooms: Rooms;
  events: CallEvents;
}

// socket.io's defaults (25 s ping, 20 s timeout) keep a vanished phone "in the call" for 45 s;
// these notice it within ~10 s while tolerating a busy mobile browser.
const PING_INTERVAL_MS = 5_000;
const PING_TIMEOUT_MS = 5_000;

export function attachSignaling(httpServers: HttpServer[], context: SignalingContext): CallServer {
  const io: CallServer = new Server({
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    pingInterval: PING_INTERVAL_MS,
    pingTimeout: PING_TIMEOUT_MS,
    perMessageDeflate: false,
    serveClient: false,
  });
  for (const server of httpServers) io.attach(server);
  io.on('connection', (socket) => handleConnection(socket, context));
  return io;
}

function handleConnection(socket: CallSocket, context: SignalingContext): void {
  socket.on('join', (request, reply) => onJoin(socket, context, request, reply));
  socket.on('signal', (message) => onSignal(socket, context, message));
  socket.on('report', (message) => {
    const rejection = publishReport(context, socket.id, message);
    if (rejection) reject(socket, context, rejection);
  });
  socket.on('disconnect', (reason) => onDisconnect(socket, context, reason));
}

function onJoin(socket: CallSocket, context: SignalingContext, request: unknown, reply: unknown): void {
  const respond = typeof reply === 'function' ? (reply as (r: JoinReply) => void) : () => {};
  const parsed = parse(JoinRequestSchema, request);
  if (!parsed.ok) {
    report(socket, context, { reason: 'invalid-message', message: `join refused: ${parsed.message}` });
    respond({ ok: false, reason: 'invalid-message', message: `join refused: ${parsed.message}` });
    return;
  }
  const result = joinRoom(context.rooms, {
    roomId: parsed.value.room,
    connectionId: socket.id,
    resumeToken: parsed.value.resumeToken,
    newPeerId: randomBytes(6).toString('base64url'),
    newResumeToken: randomBytes(18).toString('base64url'),
  });
  if (!result.ok) {
    report(socket, context, { reason: result.reason, message: result.message }, parsed.value.room);
    respond({ ok: false, reason: result.reason, message: result.message });
    return;
  }
  const { room, peer, others, replaced } = result;
  if (replaced) {
    // The tab reloaded: its old page is gone, so the others must drop their connection to it.
    context.events.publish({ type: 'leave', at: Date.now(), room: room.id, peerId: peer.peerId, reason: 'reloaded' });
    for (const other of others) socket.to(other.connectionId).emit('peer-left', { peerId: peer.peerId });
    socket.nsp.sockets.get(replaced.connectionId)?.disconnect(true);
  }
  // peer-joined goes out before the reply so the others know the newcomer before its offer arrives.
  for (const other of others) socket.to(other.connectionId).emit('peer-joined', { peerId: peer.peerId });
  context.events.publish({
    type: 'join',
    at: Date.now(),
    room: room.id,
    peerId: peer.peerId,
    userAgent: socket.handshake.headers['user-agent'],
    address: socket.handshake.address,
    rejoin: replaced !== undefined,
  });
  respond({
    ok: true,
    room: room.id,
    peerId: peer.peerId,
    resumeToken: peer.resumeToken,
    peers: others.map((o) => ({ peerId: o.peerId })),
  });
}

function onSignal(socket: CallSocket, context: SignalingContext, message: unknown): void {
  const parsed = parse(OutboundSignalSchema, message);
  if (!parsed.ok) {
    reject(socket, context, { reason: 'invalid-message', message: `signal refused: ${parsed.message}` });
    return;
  }
  const route = findRoute(context.rooms, socket.id, parsed.value.to);
  if (!route.ok) {
    const text =
      route.reason === 'not-joined'
        ? 'signal refused: join a room first'
        : `signal refused: peer ${parsed.value.to} is not in your room`;
    reject(socket, context, { reason: route.reason, message: text });
    return;
  }
  const { room, from, to } = route;
  socket.to(to.connectionId).emit('signal', { from: from.peerId, signal: parsed.value.signal });
  context.events.publish({
    type: 'signal',
    at: Date.now(),
    room: room.id,
    from: from.peerId,
    to: to.peerId,
    kind: signalKind(parsed.value.signal),
    bytes: signalBytes(parsed.value.signal),
    signal: parsed.value.signal,
  });
}

function onDisconnect(socket: CallSocket, context: SignalingContext, reason: string): void {
  const left = leaveRoom(context.rooms, socket.id);
  if (!left) return;
  for (const other of left.room.peers) socket.to(other.connectionId).emit('peer-left', { peerId: left.peer.peerId });
  context.events.publish({ type: 'leave', at: Date.now(), room: left.room.id, peerId: left.peer.peerId, reason });
}

/** A refused message the client did not ask an answer for: tell it, and log it. */
function reject(socket: CallSocket, context: SignalingContext, rejection: Rejection): void {
  socket.emit('rejected', rejection);
  report(socket, context, rejection);
}

function report(socket: CallSocket, context: SignalingContext, rejection: Rejection, room?: string): void {
  context.events.publish({
    type: 'rejected',
    at: Date.now(),
    ...rejection,
    room,
    address: socket.handshake.address,
  });
}
