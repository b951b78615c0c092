/**
 * One room's share of a saved log, and the facts every part of the report reads from it: who
 * took part (in the order they joined) and when the call began and ended (its last record: a
 * server left running after the call does not stretch the charts).
 */
import type { JsonPeer, JsonRecord } from '../terminal/json-record.js';

export interface RoomLog {
  room: string;
  records: JsonRecord[];
  peers: JsonPeer[];
  /** The first join (or the first record): time zero of the ladder and the charts. */
  startedAt: number;
  endedAt: number;
}

/** The log's rooms in the order they first appear; a room nobody joined is left out. */
export function splitByRoom(records: JsonRecord[]): RoomLog[] {
  const rooms = new Map<string, JsonRecord[]>();
  for (const record of records) {
    const room = 'room' in record ? record.room : undefined;
    if (room === undefined) continue;
    const list = rooms.get(room) ?? [];
    list.push(record);
    rooms.set(room, list);
  }
  return [...rooms.entries()]
    .map(([room, list]) => roomLog(room, list))
    .filter((log) => log.peers.length > 0);
}

function roomLog(room: string, records: JsonRecord[]): RoomLog {
  const peers = new Map<string, JsonPeer>();
  for (const record of records) if (record.type === 'join' && !peers.has(record.peer.id)) peers.set(record.peer.id, record.peer);
  const firstJoin = records.find((r) => r.type === 'join');
  const last = records.at(-1);
  const startedAt = firstJoin?.at ?? records[0]?.at ?? 0;
  return { room, records, peers: [...peers.values()], startedAt, endedAt: Math.max(startedAt, last?.at ?? startedAt) };
}

