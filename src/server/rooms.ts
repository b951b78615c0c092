/**
 * Room state as plain data and functions: who is in which call. No sockets, no I/O, so every
 * rule (room full, reload takes its place back, unknown room) is tested directly.
 */
import type { RejectReason } from '../shared/protocol.js';

export interface Peer {
  peerId: string;
  /** Private to the tab that joined: proves a reload is the same participant. */
  resumeToken: string;
  /** The socket currently speaking for this peer. */
  connectionId: string;
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
  | { ok: true; room: Room; peer: Peer; others: Peer[]; replaced?: Peer }
  | { ok: false; reason: RejectReason; message: string };

export interface JoinAttempt {
  roomId: string;
  connectionId: string;
  resumeToken?: string;
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
    const peer: Peer = { ...returning, connectionId: attempt.connectionId };
    room.peers = room.peers.map((p) => (p === returning ? peer : p));
    rooms.roomOfConnection.delete(returning.connectionId);
    rooms.roomOfConnection.set(attempt.connectionId, room.id);
    return { ok: true, room, peer, others: room.peers.filter((p) => p !== peer), replaced: returning };
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
  room.peers = [...room.peers, peer];
  rooms.roomOfConnection.set(attempt.connectionId, room.id);
  return { ok: true, room, peer, others };
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
): { ok: true; room: Room; from: Peer; to: Peer } | { ok: false; reason: 'not-joined' | 'unknown-peer' } {
  const roomId = rooms.roomOfConnection.get(connectionId);
  const room = roomId === undefined ? undefined : rooms.byId.get(roomId);
  const from = room?.peers.find((p) => p.connectionId === connectionId);
  if (!room || !from) return { ok: false, reason: 'not-joined' };
  const to = room.peers.find((p) => p.peerId === toPeerId);
  if (!to || to === from) return { ok: false, reason: 'unknown-peer' };
  return { ok: true, room, from, to };
}
