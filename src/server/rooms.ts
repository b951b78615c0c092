/**
 * Room state as plain data and functions: who is in which call. No sockets, no I/O, so every
 * rule (room full, reload takes its place back, unknown room) is tested directly.
 */
import type { RejectReason } from '../shared/protocol.js';
import { DEFAULT_MAX_VISITORS } from './defaults.js';

export interface Peer {
  peerId: string;
  /** Private to the tab that joined: proves a reload is the same participant. */
  resumeToken: string;
  /** The socket currently speaking for this peer (the last one, while the peer is away). */
  connectionId: string;
  /** Lost its connection; its place is held for a grace period (see suspendPeer). */
  away?: boolean;
}

export interface Room {
  id: string;
  peers: Peer[];
  /**
   * Pages whose browser cannot call (joined with `unsupported`): in the room so the terminal
   * sees them come and go, but never counted against maxPeers, never announced to the peers
   * and never routed to. Absent until the first one comes (an idle room costs no array).
   */
  visitors?: Peer[];
}

export interface Rooms {
  maxPeers: number;
  /** Visitors that cannot call, per room (see Room.visitors). */
  maxVisitors: number;
  /** When false, only rooms created up front (by `start`) can be joined. */
  openRooms: boolean;
  byId: Map<string, Room>;
  /** connectionId → room id, for leave() on disconnect. */
  roomOfConnection: Map<string, string>;
}

export function createRooms(options: { maxPeers: number; maxVisitors?: number; openRooms: boolean; rooms?: string[] }): Rooms {
  const rooms: Rooms = {
    maxPeers: options.maxPeers,
    maxVisitors: options.maxVisitors ?? DEFAULT_MAX_VISITORS,
    openRooms: options.openRooms,
    byId: new Map(),
    roomOfConnection: new Map(),
  };
  for (const id of options.rooms ?? []) rooms.byId.set(id, { id, peers: [] });
  return rooms;
}

export type JoinResult =
  | {
      ok: true;
      room: Room;
      peer: Peer;
      others: Peer[];
      /** The earlier self this join took the place of (same resume token). */
      replaced?: Peer;
      /** The page kept its connections, so the others keep theirs: nobody starts over. */
      resumed: boolean;
    }
  | { ok: false; reason: RejectReason; message: string };

export interface JoinAttempt {
  roomId: string;
  connectionId: string;
  resumeToken?: string;
  /** The page still holds its peer connections (a reconnect, not a reload). */
  keepConnections?: boolean;
  /** Fresh ids the caller generated, used when this is a new participant. */
  newPeerId: string;
  newResumeToken: string;
}

type Refusal = { ok: false; reason: RejectReason; message: string };

/** The room to join: an existing one, or a new one when rooms are open. */
function openRoom(rooms: Rooms, roomId: string): { ok: true; room: Room } | Refusal {
  const existing = rooms.byId.get(roomId);
  if (existing) return { ok: true, room: existing };
  if (!rooms.openRooms) {
    return {
      ok: false,
      reason: 'unknown-room',
      message: `there is no call "${roomId}" on this server; ask for the link printed by "webrtc-call start"`,
    };
  }
  const room: Room = { id: roomId, peers: [] };
  rooms.byId.set(room.id, room);
  return { ok: true, room };
}

export function joinRoom(rooms: Rooms, attempt: JoinAttempt): JoinResult {
  const opened = openRoom(rooms, attempt.roomId);
  if (!opened.ok) return opened;
  const { room } = opened;
  const previousRoom = rooms.roomOfConnection.get(attempt.connectionId);
  if (previousRoom !== undefined) leaveRoom(rooms, attempt.connectionId);

  const returning = attempt.resumeToken
    ? room.peers.find((p) => p.resumeToken === attempt.resumeToken)
    : undefined;
  if (returning) {
    const peer: Peer = { peerId: returning.peerId, resumeToken: returning.resumeToken, connectionId: attempt.connectionId };
    room.peers = room.peers.map((p) => (p === returning ? peer : p));
    rooms.roomOfConnection.delete(returning.connectionId);
    rooms.roomOfConnection.set(attempt.connectionId, room.id);
    const others = room.peers.filter((p) => p !== peer);
    return { ok: true, room, peer, others, replaced: returning, resumed: attempt.keepConnections === true };
  }
  if (room.peers.length >= rooms.maxPeers) {
    return {
      ok: false,
      reason: 'room-full',
      message: `this call is full (${rooms.maxPeers} of ${rooms.maxPeers} people are in it)`,
    };
  }
  const peer: Peer = {
    peerId: attempt.newPeerId,
    resumeToken: attempt.newResumeToken,
    connectionId: attempt.connectionId,
  };
  const others = [...room.peers];
  // concat allocates exactly the slots it needs; a spread leaves room to grow in every idle room.
  room.peers = room.peers.concat(peer);
  rooms.roomOfConnection.set(attempt.connectionId, room.id);
  return { ok: true, room, peer, others, resumed: false };
}

/**
 * A page that cannot call joins as a visitor: it takes no place (maxPeers counts callers only)
 * and nobody is told, so nobody tries to call it.
 */
export function joinAsVisitor(
  rooms: Rooms,
  attempt: { roomId: string; connectionId: string; newPeerId: string; newResumeToken: string },
): { ok: true; room: Room; visitor: Peer } | Refusal {
  const opened = openRoom(rooms, attempt.roomId);
  if (!opened.ok) return opened;
  const { room } = opened;
  if (rooms.roomOfConnection.has(attempt.connectionId)) leaveRoom(rooms, attempt.connectionId);
  const visitors = room.visitors ?? [];
  if (visitors.length >= rooms.maxVisitors) {
    return {
      ok: false,
      reason: 'room-full',
      message: `this call already has ${rooms.maxVisitors} visitors whose browsers cannot call`,
    };
  }
  const visitor: Peer = { peerId: attempt.newPeerId, resumeToken: attempt.newResumeToken, connectionId: attempt.connectionId };
  room.visitors = visitors.concat(visitor);
  rooms.roomOfConnection.set(attempt.connectionId, room.id);
  return { ok: true, room, visitor };
}

/** The visitor this connection speaks for, removed; undefined when it is a caller or nobody. */
export function leaveAsVisitor(rooms: Rooms, connectionId: string): { room: Room; visitor: Peer } | undefined {
  const roomId = rooms.roomOfConnection.get(connectionId);
  const room = roomId === undefined ? undefined : rooms.byId.get(roomId);
  const visitor = room?.visitors?.find((v) => v.connectionId === connectionId);
  if (!room || !visitor) return undefined;
  rooms.roomOfConnection.delete(connectionId);
  room.visitors = room.visitors?.filter((v) => v !== visitor);
  if (room.visitors?.length === 0) delete room.visitors;
  dropIfEmpty(rooms, room);
  return { room, visitor };
}

/** Whether this token holds a place in the room: its holder already proved it was let in. */
export function holdsPlace(rooms: Rooms, roomId: string, resumeToken: string | undefined): boolean {
  if (resumeToken === undefined) return false;
  return rooms.byId.get(roomId)?.peers.some((p) => p.resumeToken === resumeToken) ?? false;
}

/**
 * The connection dropped without saying goodbye (network cut, phone locked): keep the peer's
 * place, marked away, so a reconnect with its resume token can take it back.
 */
export function suspendPeer(rooms: Rooms, connectionId: string): { room: Room; peer: Peer } | undefined {
  const roomId = rooms.roomOfConnection.get(connectionId);
  const room = roomId === undefined ? undefined : rooms.byId.get(roomId);
  const present = room?.peers.find((p) => p.connectionId === connectionId);
  rooms.roomOfConnection.delete(connectionId);
  if (!room || !present) return undefined;
  const peer: Peer = { ...present, away: true };
  room.peers = room.peers.map((p) => (p === present ? peer : p));
  return { room, peer };
}

/** The grace period ran out: remove the peer if it is still away (it may have come back). */
export function expireAwayPeer(rooms: Rooms, roomId: string, peerId: string): { room: Room; peer: Peer } | undefined {
  const room = rooms.byId.get(roomId);
  const peer = room?.peers.find((p) => p.peerId === peerId && p.away === true);
  if (!room || !peer) return undefined;
  room.peers = room.peers.filter((p) => p !== peer);
  dropIfEmpty(rooms, room);
  return { room, peer };
}

/** Rooms created up front outlive their peers; rooms made on demand go with the last one. */
function dropIfEmpty(rooms: Rooms, room: Room): void {
  if (rooms.openRooms && room.peers.length === 0 && !room.visitors) rooms.byId.delete(room.id);
}

/** Removes whoever this connection speaks for. A connection already replaced by a reload leaves nothing. */
export function leaveRoom(rooms: Rooms, connectionId: string): { room: Room; peer: Peer } | undefined {
  const visit = leaveAsVisitor(rooms, connectionId);
  if (visit) return { room: visit.room, peer: visit.visitor };
  const roomId = rooms.roomOfConnection.get(connectionId);
  if (roomId === undefined) return undefined;
  rooms.roomOfConnection.delete(connectionId);
  const room = rooms.byId.get(roomId);
  const peer = room?.peers.find((p) => p.connectionId === connectionId);
  if (!room || !peer) return undefined;
  room.peers = room.peers.filter((p) => p !== peer);
  dropIfEmpty(rooms, room);
  return { room, peer };
}

/**
 * The sender and the addressee, only if both are in the same room. A signal cannot reach a peer
 * that is away; a report about one (`awayOk`) goes nowhere but the log, so it is routed.
 */
export function findRoute(
  rooms: Rooms,
  connectionId: string,
  toPeerId: string,
  { awayOk = false }: { awayOk?: boolean } = {},
): { ok: true; room: Room; from: Peer; to: Peer } | { ok: false; reason: 'not-joined' | 'unknown-peer' | 'peer-away' } {
  const roomId = rooms.roomOfConnection.get(connectionId);
  const room = roomId === undefined ? undefined : rooms.byId.get(roomId);
  const from = room?.peers.find((p) => p.connectionId === connectionId);
  if (!room || !from) return { ok: false, reason: 'not-joined' };
  const to = room.peers.find((p) => p.peerId === toPeerId);
  if (!to || to === from) return { ok: false, reason: 'unknown-peer' };
  if (to.away && !awayOk) return { ok: false, reason: 'peer-away' };
  return { ok: true, room, from, to };
}
