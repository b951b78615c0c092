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
  type CallRequirement,
  type ClientToServerEvents,
  type DiagnosisNotice,
  type JoinReply,
  type Rejection,
  type ServerToClientEvents,
} from '../shared/protocol.js';
import { createAdmission } from './admission.js';
import { signalBytes, signalKind, type CallEvents } from './events.js';
import { createGraceTimers } from './grace.js';
import { createMessageGuard } from './message-guard.js';
import type { PinCheck } from './pin.js';
import { createLogThrottle, type RateLimit } from './rate-limit.js';
import type { PageIceConfig } from './ice-servers.js';
import { publishReport } from './reports.js';
import { expireAwayPeer, findRoute, holdsPlace, joinAsVisitor, joinRoom, leaveAsVisitor, leaveRoom, suspendPeer, type Rooms } from './rooms.js';

type SignalingServer = Server<ClientToServerEvents, ServerToClientEvents>;
type SignalingSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface SignalingOptions {
  rooms: Rooms;
  events: CallEvents;
  rateLimit: RateLimit;
  maxConnectionsPerAddress: number;
  /** How long a peer whose connection dropped keeps its place. */
  gracePeriodMs: number;
  pin?: PinCheck;
  /** Hostnames in the printed URLs, accepted as Origin besides IP addresses and localhost. */
  knownHostnames: () => ReadonlySet<string>;
  /** Pages report chat text and file names, not only sizes (`start --verbose`). */
  logContent: boolean;
  /** The STUN/TURN configuration a joining page gets, TURN credentials minted for it (ice-servers.ts). */
  iceFor?: (peerId: string) => PageIceConfig | undefined;
  /** The server's STUN address for the UDP probe of a page that reached it at `localAddress` (udp-probe.ts). */
  udpProbeFor?: (localAddress: string | undefined) => string | undefined;
}

interface SignalingContext extends SignalingOptions {
  grace: ReturnType<typeof createGraceTimers>;
}

export interface Signaling {
  io: SignalingServer;
  /** Tells every page the host ended the call, then closes every socket and the servers. */
  end(): Promise<void>;
  /** Sends one peer the diagnosis of its connection to another (a peer away misses it). */
  tellDiagnosis(roomId: string, peerId: string, notice: DiagnosisNotice): void;
}

// socket.io's defaults (25 s ping, 20 s timeout) keep a vanished phone "in the call" for 45 s;
// these notice it within 5 s, which with the grace period (grace.ts) reports it gone within 10 s.
const PING_INTERVAL_MS = 2_000;
const PING_TIMEOUT_MS = 3_000;
/** What a client may send; socket.io's own reserved events never reach handlers. */
const CLIENT_EVENTS: ReadonlySet<string> = new Set<keyof ClientToServerEvents>(['join', 'signal', 'report']);
const ENDED_MESSAGE = 'the host ended the call';

export function attachSignaling(httpServers: HttpServer[], options: SignalingOptions): Signaling {
  const context: SignalingContext = { ...options, grace: createGraceTimers() };
  const shouldLog = createLogThrottle(5_000);
  const admission = createAdmission({
    maxConnectionsPerAddress: options.maxConnectionsPerAddress,
    knownHostnames: options.knownHostnames,
    onRefused: ({ reason, message, address }) => {
      if (shouldLog(`${reason} ${address}`)) options.events.publish({ type: 'rejected', at: Date.now(), reason, message, address });
    },
  });
  const io: SignalingServer = new Server({
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    pingInterval: PING_INTERVAL_MS,
    pingTimeout: PING_TIMEOUT_MS,
    perMessageDeflate: false,
    serveClient: false,
    allowRequest: admission.allowRequest,
  });
  for (const server of httpServers) io.attach(server);
  admission.track(io); // io.engine exists once attached
  const guard = createMessageGuard({
    rateLimit: options.rateLimit,
    knownEvents: CLIENT_EVENTS,
    refuse: (socket: SignalingSocket, rejection: Rejection) => reject(socket, context, rejection),
  });
  const handlers = createHandlers(context);
  io.on('connection', (socket) => {
    // Messages go to a peer's socket directly (peerSocket), never through the room socket.io
    // puts each socket in under its own id, so leave it: that Set and its adapter entries would
    // weigh on every idle connection for nothing.
    socket.leave(socket.id);
    guard(socket);
    socket.on('join', handlers.join);
    socket.on('signal', handlers.signal);
    socket.on('report', handlers.report);
    socket.on('disconnect', handlers.disconnect);
    socket.on('error', handlers.error);
  });
  return {
    io,
    end: () => endCall(io, context),
    tellDiagnosis(roomId, peerId, notice) {
      const peer = options.rooms.byId.get(roomId)?.peers.find((p) => p.peerId === peerId && !p.away);
      if (peer) io.sockets.sockets.get(peer.connectionId)?.emit('diagnosis', notice);
    },
  };
}

/**
 * One set of listeners shared by every socket: socket.io calls them with `this` = the socket.
 * A closure per socket and event (plus their context) would weigh on every idle connection.
 */
function createHandlers(context: SignalingContext) {
  return {
    join(this: SignalingSocket, request: unknown, reply: unknown) {
      onJoin(this, context, request, reply);
    },
    signal(this: SignalingSocket, message: unknown) {
      onSignal(this, context, message);
    },
    report(this: SignalingSocket, message: unknown, received: unknown) {
      const rejection = publishReport(context, this.id, message);
      if (rejection) reject(this, context, rejection);
      // Read, published or refused: either way the page need not send it again (report-outbox.ts).
      if (typeof received === 'function') received();
    },
    disconnect(this: SignalingSocket, reason: string) {
      onDisconnect(this, context, reason);
    },
    // socket.io could not decode a packet from this socket and closes its connection; without
    // a listener that went unsaid on both sides.
    error(this: SignalingSocket, error: Error) {
      reject(this, context, { reason: 'invalid-message', message: `undecodable message (${error.message}); connection closed` });
    },
  };
}

function onJoin(socket: SignalingSocket, context: SignalingContext, request: unknown, reply: unknown): void {
  const respond = typeof reply === 'function' ? (reply as (r: JoinReply) => void) : () => {};
  const parsed = parse(JoinRequestSchema, request);
  if (!parsed.ok) {
    report(socket, context, { reason: 'invalid-message', message: `join refused: ${parsed.message}` });
    respond({ ok: false, reason: 'invalid-message', message: `join refused: ${parsed.message}` });
    return;
  }
  if (parsed.value.unsupported) {
    onVisitorJoin(socket, context, parsed.value.room, parsed.value.unsupported, respond);
    return;
  }
  const { room: roomId, resumeToken, pin } = parsed.value;
  // A valid resume token proves this page was let in before; only newcomers need the PIN.
  const pinVerdict =
    context.pin && !holdsPlace(context.rooms, roomId, resumeToken)
      ? context.pin.check(socket.handshake.address, pin)
      : { ok: true as const };
  if (!pinVerdict.ok) {
    report(socket, context, { reason: pinVerdict.reason, message: pinVerdict.message }, roomId);
    respond({ ok: false, reason: pinVerdict.reason, message: pinVerdict.message, retryAfterSeconds: pinVerdict.retryAfterSeconds });
    return;
  }
  const result = joinRoom(context.rooms, {
    roomId,
    connectionId: socket.id,
    resumeToken,
    keepConnections: parsed.value.keepConnections,
    newPeerId: randomBytes(6).toString('base64url'),
    newResumeToken: randomBytes(18).toString('base64url'),
  });
  if (!result.ok) {
    report(socket, context, { reason: result.reason, message: result.message }, parsed.value.room);
    respond({ ok: false, reason: result.reason, message: result.message });
    return;
  }
  const { room, peer, others, replaced, resumed } = result;
  if (replaced) context.grace.release(room.id, peer.peerId);
  if (replaced && resumed) {
    // Same page, new socket (network blip, server noticed late or not at all): the others keep
    // their connections to it; drop the old socket if it is still hanging on.
    for (const other of others) peerSocket(socket, other.connectionId)?.emit('peer-reconnected', { peerId: peer.peerId });
    if (replaced.connectionId !== socket.id) peerSocket(socket, replaced.connectionId)?.disconnect(true);
  } else if (replaced) {
    // The tab reloaded: its old page is gone, so the others must drop their connection to it.
    context.events.publish({ type: 'leave', at: Date.now(), room: room.id, peerId: peer.peerId, reason: 'reloaded' });
    for (const other of others) peerSocket(socket, other.connectionId)?.emit('peer-left', { peerId: peer.peerId });
    peerSocket(socket, replaced.connectionId)?.disconnect(true);
  }
  // peer-joined goes out before the reply so the others know the newcomer before its offer arrives.
  if (!resumed) for (const other of others) peerSocket(socket, other.connectionId)?.emit('peer-joined', { peerId: peer.peerId });
  // The local end of this page's own connection: an address of this machine that the page reaches.
  const udpProbe = parsed.value.udpProbe ? context.udpProbeFor?.(socket.request.socket.localAddress) : undefined;
  context.events.publish({
    type: 'join',
    at: Date.now(),
    room: room.id,
    peerId: peer.peerId,
    userAgent: socket.handshake.headers['user-agent'],
    language: parsed.value.language,
    address: socket.handshake.address,
    rejoin: replaced !== undefined,
    resumed,
    ...(udpProbe ? { udpProbe } : {}),
  });
  respond({
    ok: true,
    room: room.id,
    peerId: peer.peerId,
    resumeToken: peer.resumeToken,
    resumed,
    peers: others.map((o) => ({ peerId: o.peerId })),
    ...context.iceFor?.(peer.peerId),
    ...(udpProbe ? { udpProbe } : {}),
    ...(context.logContent ? { logContent: true } : {}),
  });
}

/**
 * A page whose browser cannot call (it says what it lacks) joins as a visitor, so the terminal
 * shows who came and why they cannot call. It needs no PIN: it learns nothing of the call (its
 * reply names no peer) and can send nothing to anyone.
 */
function onVisitorJoin(
  socket: SignalingSocket,
  context: SignalingContext,
  roomId: string,
  missing: CallRequirement[],
  respond: (reply: JoinReply) => void,
): void {
  const result = joinAsVisitor(context.rooms, {
    roomId,
    connectionId: socket.id,
    newPeerId: randomBytes(6).toString('base64url'),
    newResumeToken: randomBytes(18).toString('base64url'),
  });
  if (!result.ok) {
    report(socket, context, { reason: result.reason, message: result.message }, roomId);
    respond({ ok: false, reason: result.reason, message: result.message });
    return;
  }
  const { room, visitor } = result;
  const at = Date.now();
  context.events.publish({
    type: 'join',
    at,
    room: room.id,
    peerId: visitor.peerId,
    userAgent: socket.handshake.headers['user-agent'],
    address: socket.handshake.address,
    rejoin: false,
    visitor: true,
  });
  context.events.publish({ type: 'unsupported', at, room: room.id, peerId: visitor.peerId, missing });
  respond({ ok: true, room: room.id, peerId: visitor.peerId, resumeToken: visitor.resumeToken, peers: [] });
}

function onSignal(socket: SignalingSocket, context: SignalingContext, message: unknown): void {
  const parsed = parse(OutboundSignalSchema, message);
  if (!parsed.ok) {
    reject(socket, context, { reason: 'invalid-message', message: `signal refused: ${parsed.message}` });
    return;
  }
  const route = findRoute(context.rooms, socket.id, parsed.value.to);
  if (!route.ok) {
    const text = {
      'not-joined': 'signal refused: join a room first',
      'unknown-peer': `signal refused: peer ${parsed.value.to} is not in your room`,
      'peer-away': `signal refused: peer ${parsed.value.to} is reconnecting; send it again when it is back`,
    }[route.reason];
    reject(socket, context, { reason: route.reason, message: text });
    return;
  }
  const { room, from, to } = route;
  // findRoute never routes a peer to itself.
  peerSocket(socket, to.connectionId)?.emit('signal', { from: from.peerId, signal: parsed.value.signal });
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

// The page said goodbye (tab closed, call left) or the server dropped it: no point waiting.
const DELIBERATE_DISCONNECTS = new Set(['client namespace disconnect', 'server namespace disconnect', 'server shutting down']);

function onDisconnect(socket: SignalingSocket, context: SignalingContext, reason: string): void {
  // A visitor holds no place to keep for a reconnect, and only the terminal knew it was there.
  const visit = leaveAsVisitor(context.rooms, socket.id);
  if (visit) {
    context.events.publish({ type: 'leave', at: Date.now(), room: visit.room.id, peerId: visit.visitor.peerId, reason });
    return;
  }
  if (DELIBERATE_DISCONNECTS.has(reason)) {
    const left = leaveRoom(context.rooms, socket.id);
    if (left) announceLeave(socket, context, left.room.id, left.room.peers, left.peer.peerId, reason);
    return;
  }
  const away = suspendPeer(context.rooms, socket.id);
  if (!away) return;
  const { room, peer } = away;
  for (const other of room.peers) if (other !== peer) peerSocket(socket, other.connectionId)?.emit('peer-reconnecting', { peerId: peer.peerId });
  context.grace.hold(room.id, peer.peerId, context.gracePeriodMs, () => {
    const gone = expireAwayPeer(context.rooms, room.id, peer.peerId);
    if (gone) announceLeave(socket, context, gone.room.id, gone.room.peers, gone.peer.peerId, `${reason}, did not come back`);
  });
}

function announceLeave(
  socket: SignalingSocket,
  context: SignalingContext,
  roomId: string,
  remaining: { connectionId: string }[],
  peerId: string,
  reason: string,
): void {
  for (const other of remaining) peerSocket(socket, other.connectionId)?.emit('peer-left', { peerId });
  context.events.publish({ type: 'leave', at: Date.now(), room: roomId, peerId, reason });
}

async function endCall(io: SignalingServer, context: SignalingContext): Promise<void> {
  context.grace.releaseAll();
  io.emit('ended', { message: ENDED_MESSAGE });
  // disconnect(true) flushes what is queued (the ended message) before closing each connection.
  io.disconnectSockets(true);
  const deadline = Date.now() + 1_000;
  while (io.engine.clientsCount > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await io.close();
}

/**
 * The socket of another peer, to send to it directly. Not socket.to(id): a message here has
 * exactly one recipient, and the broadcast path (operator, adapter, except-sets, a pre-encoded
 * frame) is work for many that one recipient does not need; and sockets leave their own-id
 * room on connection.
 */
function peerSocket(socket: SignalingSocket, connectionId: string): SignalingSocket | undefined {
  return socket.nsp.sockets.get(connectionId);
}

/** A refused message the client did not ask an answer for: tell it, and log it. */
function reject(socket: SignalingSocket, context: SignalingContext, rejection: Rejection): void {
  socket.emit('rejected', rejection);
  report(socket, context, rejection);
}

function report(socket: SignalingSocket, context: SignalingContext, rejection: Rejection, room?: string): void {
  context.events.publish({
    type: 'rejected',
    at: Date.now(),
    ...rejection,
    room,
    address: socket.handshake.address,
  });
}
