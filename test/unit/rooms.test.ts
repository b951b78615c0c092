import { describe, expect, it } from 'vitest';
import { createRooms, findRoute, joinAsVisitor, joinRoom, leaveAsVisitor, leaveRoom, type JoinAttempt } from '../../src/server/rooms.js';

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

  describe('a visitor whose browser cannot call', () => {
    const visitor = (connectionId: string) => ({ roomId: 'call', connectionId, newPeerId: `visitor-${connectionId}`, newResumeToken: `t-${connectionId}` });

    it('takes no place: a full call of two still lets it in, and two callers still get in after it', () => {
      const rooms = createRooms({ maxPeers: 2, openRooms: false, rooms: ['call'] });
      expect(joinAsVisitor(rooms, visitor('v'))).toMatchObject({ ok: true, visitor: { peerId: 'visitor-v' } });
      expect(joinRoom(rooms, attempt('a'))).toMatchObject({ ok: true, others: [] });
      const second = joinRoom(rooms, attempt('b'));
      expect(second.ok && second.others.map((p) => p.peerId)).toEqual(['peer-a']);
      expect(joinAsVisitor(rooms, visitor('w')).ok).toBe(true);
    });

    it('is never a route for a signal, either way', () => {
      const rooms = createRooms({ maxPeers: 2, openRooms: false, rooms: ['call'] });
      joinRoom(rooms, attempt('a'));
      joinAsVisitor(rooms, visitor('v'));
      expect(findRoute(rooms, 'a', 'visitor-v')).toEqual({ ok: false, reason: 'unknown-peer' });
      expect(findRoute(rooms, 'v', 'peer-a')).toEqual({ ok: false, reason: 'not-joined' });
    });

    it('is bounded per room, and an unknown room is refused as for a caller', () => {
      const rooms = createRooms({ maxPeers: 2, maxVisitors: 1, openRooms: false, rooms: ['call'] });
      expect(joinAsVisitor(rooms, visitor('v')).ok).toBe(true);
      expect(joinAsVisitor(rooms, visitor('w'))).toMatchObject({ ok: false, reason: 'room-full' });
      expect(joinAsVisitor(rooms, { ...visitor('x'), roomId: 'other' })).toMatchObject({ ok: false, reason: 'unknown-room' });
    });

    it('leaves at once; an open room goes with the last of its peers and visitors', () => {
      const rooms = createRooms({ maxPeers: 2, openRooms: true });
      joinAsVisitor(rooms, visitor('v'));
      joinRoom(rooms, attempt('a'));
      leaveRoom(rooms, 'a');
      expect(rooms.byId.has('call')).toBe(true);
      expect(leaveAsVisitor(rooms, 'a')).toBeUndefined();
      expect(leaveAsVisitor(rooms, 'v')).toMatchObject({ visitor: { peerId: 'visitor-v' } });
      expect(rooms.byId.has('call')).toBe(false);
    });
  });
});
