import { describe, expect, it } from 'vitest';
import { createRooms, findRoute, joinRoom, leaveRoom, type JoinAttempt } from '../../src/server/rooms.js';

const attempt = (connectionId: string, extra: Partial<JoinAttempt> = {}): JoinAttempt => ({
  roomId: 'call',
  connectionId,
  newPeerId: `peer-${connectionId}`,
  newResumeToken: `token-${connectionId}`,
  ...extra,
});

describe('rooms', () => {
  it('lets two people into a created room and tells the second who is there', () => {
    const rooms = createRooms({ maxPeers: 2, openRooms: false, rooms: ['call'] });
    const first = joinRoom(rooms, attempt('a'));
    const second = joinRoom(rooms, attempt('b'));
    expect(first).toMatchObject({ ok: true, others: [] });
    expect(second.ok && second.others.map((p) => p.peerId)).toEqual(['peer-a']);
  });

  it('refuses a third peer with room-full', () => {
    const rooms = createRooms({ maxPeers: 2, openRooms: false, rooms: ['call'] });
    joinRoom(rooms, attempt('a'));
    joinRoom(rooms, attempt('b'));
    expect(joinRoom(rooms, attempt('c'))).toMatchObject({ ok: false, reason: 'room-full' });
    expect(rooms.byId.get('call')?.peers).toHaveLength(2);
  });

  it('honours a larger limit', () => {
    const rooms = createRooms({ maxPeers: 3, openRooms: false, rooms: ['call'] });
    for (const id of ['a', 'b', 'c']) expect(joinRoom(rooms, attempt(id)).ok).toBe(true);
    expect(joinRoom(rooms, attempt('d'))).toMatchObject({ ok: false, reason: 'room-full' });
  });

  it('refuses rooms that were not created unless rooms are open', () => {
    const closed = createRooms({ maxPeers: 2, openRooms: false, rooms: ['call'] });
    expect(joinRoom(closed, attempt('a', { roomId: 'guess' }))).toMatchObject({ ok: false, reason: 'unknown-room' });
    const open = createRooms({ maxPeers: 2, openRooms: true });
    expect(joinRoom(open, attempt('a', { roomId: 'anything' })).ok).toBe(true);
  });

  it('gives a reloaded tab its place back even when the room is full', () => {
    const rooms = createRooms({ maxPeers: 2, openRooms: false, rooms: ['call'] });
    joinRoom(rooms, attempt('a'));
    joinRoom(rooms, attempt('b'));
    const back = joinRoom(rooms, attempt('b2', { resumeToken: 'token-b' }));
    expect(back).toMatchObject({ ok: true, peer: { peerId: 'peer-b', connectionId: 'b2' }, replaced: { connectionId: 'b' } });
    // the old connection closing afterwards must not remove the returned peer
    expect(leaveRoom(rooms, 'b')).toBeUndefined();
    expect(rooms.byId.get('call')?.peers.map((p) => p.peerId)).toEqual(['peer-a', 'peer-b']);
  });

  it('frees the place when a peer leaves', () => {
    const rooms = createRooms({ maxPeers: 2, openRooms: false, rooms: ['call'] });
    joinRoom(rooms, attempt('a'));
    joinRoom(rooms, attempt('b'));
    expect(leaveRoom(rooms, 'a')).toMatchObject({ peer: { peerId: 'peer-a' } });
    expect(joinRoom(rooms, attempt('c')).ok).toBe(true);
  });

  it('routes only between peers of the same room', () => {
    const rooms = createRooms({ maxPeers: 2, openRooms: true });
    joinRoom(rooms, attempt('a', { roomId: 'one' }));
    joinRoom(rooms, attempt('b', { roomId: 'one' }));
    joinRoom(rooms, attempt('x', { roomId: 'two' }));
    expect(findRoute(rooms, 'a', 'peer-b')).toMatchObject({ ok: true, to: { connectionId: 'b' } });
    expect(findRoute(rooms, 'a', 'peer-x')).toEqual({ ok: false, reason: 'unknown-peer' });
    expect(findRoute(rooms, 'a', 'peer-a')).toEqual({ ok: false, reason: 'unknown-peer' });
    expect(findRoute(rooms, 'nobody', 'peer-a')).toEqual({ ok: false, reason: 'not-joined' });
  });
});
