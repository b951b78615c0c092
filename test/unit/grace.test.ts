import { describe, expect, it } from 'vitest';
import {
  createRooms,
  expireAwayPeer,
  findRoute,
  holdsPlace,
  joinRoom,
  suspendPeer,
  type JoinAttempt,
} from '../../src/server/rooms.js';

const attempt = (connectionId: string, extra: Partial<JoinAttempt> = {}): JoinAttempt => ({
  roomId: 'call',
  connectionId,
  newPeerId: `peer-${connectionId}`,
  newResumeToken: `token-${connectionId}`,
  ...extra,
});

const twoInACall = () => {
  const rooms = createRooms({ maxPeers: 2, openRooms: false, rooms: ['call'] });
  joinRoom(rooms, attempt('a'));
  joinRoom(rooms, attempt('b'));
  return rooms;
};

describe('a peer whose connection dropped', () => {
  it('keeps its place while away, so the room stays full', () => {
    const rooms = twoInACall();
    expect(suspendPeer(rooms, 'b')).toMatchObject({ peer: { peerId: 'peer-b', away: true } });
    expect(joinRoom(rooms, attempt('c'))).toMatchObject({ ok: false, reason: 'room-full' });
    expect(findRoute(rooms, 'a', 'peer-b')).toEqual({ ok: false, reason: 'peer-away' });
  });

  it('is still the subject of the other page\'s reports while away (they go only to the log)', () => {
    const rooms = twoInACall();
    suspendPeer(rooms, 'b');
    expect(findRoute(rooms, 'a', 'peer-b', { awayOk: true })).toMatchObject({ ok: true, to: { peerId: 'peer-b', away: true } });
    expect(findRoute(rooms, 'b', 'peer-a', { awayOk: true })).toEqual({ ok: false, reason: 'not-joined' });
  });

  it('comes back as the same peer, connections kept, with its token', () => {
    const rooms = twoInACall();
    suspendPeer(rooms, 'b');
    const back = joinRoom(rooms, attempt('b2', { resumeToken: 'token-b', keepConnections: true }));
    expect(back).toMatchObject({ ok: true, resumed: true, peer: { peerId: 'peer-b', connectionId: 'b2' } });
    expect(back.ok && back.peer.away).toBeUndefined();
    expect(findRoute(rooms, 'a', 'peer-b')).toMatchObject({ ok: true });
  });

  it('comes back as a reload (others start over) without keepConnections', () => {
    const rooms = twoInACall();
    suspendPeer(rooms, 'b');
    expect(joinRoom(rooms, attempt('b2', { resumeToken: 'token-b' }))).toMatchObject({ ok: true, resumed: false });
  });

  it('is removed when its grace period ends, and not if it came back', () => {
    const rooms = twoInACall();
    suspendPeer(rooms, 'b');
    expect(expireAwayPeer(rooms, 'call', 'peer-b')).toMatchObject({ peer: { peerId: 'peer-b' } });
    expect(rooms.byId.get('call')?.peers.map((p) => p.peerId)).toEqual(['peer-a']);

    suspendPeer(rooms, 'a');
    joinRoom(rooms, attempt('a2', { resumeToken: 'token-a', keepConnections: true }));
    expect(expireAwayPeer(rooms, 'call', 'peer-a')).toBeUndefined();
  });

  it('proves with its token that it was let in (no PIN needed again)', () => {
    const rooms = twoInACall();
    expect(holdsPlace(rooms, 'call', 'token-a')).toBe(true);
    expect(holdsPlace(rooms, 'call', 'guess')).toBe(false);
    expect(holdsPlace(rooms, 'call', undefined)).toBe(false);
  });
});
