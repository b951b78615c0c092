/**
 * Room state as plain data and functions: who is in which call. No sockets, no I/O, so every
 * rule (room full, reload takes its place back, unknown room) is tested directly.
 */
import type { RejectReason } from '../shared/protocol.js';

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
}

export interface Rooms {
  maxPeers: number;
  /** When false, only rooms created up front (by `start`) can be joined. */
  openRooms: boolean;
  byId: Map<string, Room>;
  /** connectionId → room id, for leave() on disconnect. */
  roomOfConnection: Map<string, string>;
}

export function createRooms(options: { maxPeers: number; openRooms: boolean; rooms?: string[] }): Rooms {
  const rooms: Rooms = {
    maxPeers: options.maxPeers,
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

export function joinRoom(rooms: Rooms, attempt: JoinAttempt): JoinResult {
  let room = rooms.byId.get(attempt.roomId);
  if (!room) {
    if (!rooms.openRooms) {
      return {
        ok: false,
        reason: 'unknown-room',
        message: `there is no call "${attempt.roomId}" on this server; ask for the link printed by "webrtc-call start"`,
      };
    }
    room = { id: attempt.roomId, peers: [] };
    rooms.byId.set(room.id, room);
  }
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
  if (room.peers.length === 0 && rooms.openRooms) rooms.byId.delete(room.id);
  return { room, peer };
}

/** Removes whoever this connection speaks for. A connection already replaced by a reload leaves nothing. */
export function leaveRoom(rooms: Rooms, connectionId: string): { room: Room; peer: Peer } | undefined {
  const roomId = rooms.roomOfConnection.get(connectionId);
  if (roomId === undefined) return undefined;
  rooms.roomOfConnection.delete(connectionId);
  const room = rooms.byId.get(roomId);
  const peer = room?.peers.find((p) => p.connectionId === connectionId);
  if (!room || !peer) return undefined;
  room.peers = room.peers.filter((p) => p !== peer);
  // Rooms created up front outlive their peers; rooms made on demand do not.
  if (room.peers.length === 0 && rooms.openRooms) rooms.byId.delete(room.id);
  return { room, peer };
}

/** The sender and the addressee, only if both are in the same room. */
export function findRoute(
  rooms: Rooms,
  connectionId: string,
  toPeerId: string,
): { ok: true; room: Room; from: Peer; to: Peer } | { ok: false; reason: 'not-joined' | 'unknown-peer' | 'peer-away' } {
  const roomId = rooms.roomOfConnection.get(connectionId);
  const room = roomId === undefined ? undefined : rooms.byId.get(roomId);
  const from = room?.peers.find((p) => p.connectionId === connectionId);
  if (!room || !from) return { ok: false, reason: 'not-joined' };
  const to = room.peers.find((p) => p.peerId === toPeerId);
  if (!to || to === from) return { ok: false, reason: 'unknown-peer' };
  if (to.away) return { ok: false, reason: 'peer-away' };
  return { ok: true, room, from, to };
}
