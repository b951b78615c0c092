import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPeerPool } from '../helpers/peer-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const stats = {
  audio: { inKbps: 30, outKbps: 30, packetsReceived: 100, packetsLost: 0 },
  video: { inKbps: 900, outKbps: 1000, packetsReceived: 900, packetsLost: 1, width: 640, height: 480, fps: 30 },
};

describe('page reports', () => {
  let server: TestServer;
  const peers = createPeerPool();
  const joined = async (room = 'main') => {
    const peer = await peers.connect(server.origin);
    const reply = await peer.join(room);
    if (!reply.ok) throw new Error(reply.message);
    return { peer, id: reply.peerId, reply };
  };

  beforeEach(async () => {
    server = await startTestServer({ openRooms: true, room: 'main' });
  });
  afterEach(async () => {
    peers.closeAll();
    await server.close();
  });

  it('publishes state and stats attributed to the sending peer and its room, and relays nothing', async () => {
    const a = await joined();
    const b = await joined();
    a.peer.socket.emit('report', { kind: 'state', about: b.id, connection: 'connected', ice: 'completed' });
    a.peer.socket.emit('report', { kind: 'stats', about: b.id, stats });
    await waitFor('both reports', () => server.log.filter((e) => e.type === 'peer-state' || e.type === 'stats').length === 2);
    expect(server.log.find((e) => e.type === 'peer-state')).toMatchObject({ room: 'main', peerId: a.id, remotePeerId: b.id, connection: 'connected', ice: 'completed' });
    expect(server.log.find((e) => e.type === 'stats')).toMatchObject({ room: 'main', peerId: a.id, remotePeerId: b.id, stats });
    expect(b.peer.received.filter((r) => r.event !== 'peer-joined')).toEqual([]);
  });

  it('acknowledges a report it read, and dates a state report held while the page was away by its ageMs', async () => {
    const a = await joined();
    const b = await joined();
    const before = Date.now();
    await a.peer.socket.timeout(5_000).emitWithAck('report', { kind: 'state', about: b.id, connection: 'disconnected', ice: 'disconnected', ageMs: 4_000 });
    const record = server.log.find((e) => e.type === 'peer-state');
    expect(record).toMatchObject({ peerId: a.id, remotePeerId: b.id, connection: 'disconnected' });
    expect(record?.at).toBeLessThanOrEqual(Date.now() - 4_000);
    expect(record?.at).toBeGreaterThanOrEqual(before - 4_000);
    // Refused is read too: acknowledged, so a page does not send it again.
    await a.peer.socket.timeout(5_000).emitWithAck('report', { kind: 'state', about: b.id, connection: 'connected', ice: 'connected', ageMs: 10 * 60_000 });
    expect(await a.peer.next('rejected')).toMatchObject({ reason: 'invalid-message', message: expect.stringMatching(/^report refused: ageMs/) });
  });

  it('publishes that a chat message of so many bytes went from one peer to another, with no text, and refuses one over the limit', async () => {
    const a = await joined();
    const b = await joined();
    a.peer.socket.emit('report', { kind: 'chat', about: b.id, bytes: 42 });
    await waitFor('the chat report', () => server.log.some((e) => e.type === 'chat'));
    expect(server.log.find((e) => e.type === 'chat')).toEqual({ type: 'chat', at: expect.any(Number), room: 'main', peerId: a.id, remotePeerId: b.id, bytes: 42 });
    a.peer.socket.emit('report', { kind: 'chat', about: b.id, bytes: 16 * 1024 + 1 });
    expect(await a.peer.next('rejected')).toMatchObject({ reason: 'invalid-message', message: expect.stringMatching(/^report refused: bytes/) });
    expect(b.peer.received.filter((r) => r.event !== 'peer-joined')).toEqual([]);
  });

  it('tells the pages whether the host logs content, and publishes chat text and file names only then', async () => {
    const a = await joined();
    const b = await joined();
    expect(a.reply).not.toHaveProperty('logContent');
    // A page that sends the text anyway: a host that did not ask does not publish it.
    a.peer.socket.emit('report', { kind: 'chat', about: b.id, bytes: 2, text: 'hi' });
    b.peer.socket.emit('report', { kind: 'file', about: a.id, bytes: 1000, ms: 20, outcome: 'verified', name: 'photo.jpg' });
    await waitFor('both reports', () => server.log.some((e) => e.type === 'chat') && server.log.some((e) => e.type === 'file'));
    expect(JSON.stringify(server.log)).not.toMatch(/"hi"|photo\.jpg/);

    const verbose = await startTestServer({ room: 'main', logContent: true });
    try {
      const c = await peers.connect(verbose.origin);
      const cReply = await c.join('main');
      const d = await peers.connect(verbose.origin);
      const dReply = await d.join('main');
      if (!cReply.ok || !dReply.ok) throw new Error('both join');
      expect(cReply.logContent).toBe(true);
      c.socket.emit('report', { kind: 'chat', about: dReply.peerId, bytes: 2, text: 'hi' });
      d.socket.emit('report', { kind: 'file', about: cReply.peerId, bytes: 1000, ms: 20, outcome: 'verified', name: 'photo.jpg' });
      await waitFor('both reports', () => verbose.log.some((e) => e.type === 'chat') && verbose.log.some((e) => e.type === 'file'));
      expect(verbose.log.find((e) => e.type === 'chat')).toMatchObject({ peerId: cReply.peerId, bytes: 2, text: 'hi' });
      expect(verbose.log.find((e) => e.type === 'file')).toMatchObject({ peerId: cReply.peerId, name: 'photo.jpg' });
    } finally {
      await verbose.close();
    }
  });

  it('publishes screen sharing from the sharer, and a file from its sender to the receiver that reported it', async () => {
    const a = await joined();
    const b = await joined();
    a.peer.socket.emit('report', { kind: 'screen-share', about: b.id, on: true });
    b.peer.socket.emit('report', { kind: 'file', about: a.id, bytes: 1000, ms: 20, outcome: 'verified', name: 'photo.jpg' });
    await waitFor('both reports', () => server.log.some((e) => e.type === 'screen-share') && server.log.some((e) => e.type === 'file'));
    expect(server.log.find((e) => e.type === 'screen-share')).toMatchObject({ peerId: a.id, remotePeerId: b.id, on: true });
    expect(server.log.find((e) => e.type === 'file')).toEqual({ type: 'file', at: expect.any(Number), room: 'main', peerId: a.id, remotePeerId: b.id, bytes: 1000, ms: 20, outcome: 'verified' });
    b.peer.socket.emit('report', { kind: 'file', about: a.id, bytes: 500_000_001, ms: 20, outcome: 'verified' });
    expect(await b.peer.next('rejected')).toMatchObject({ reason: 'invalid-message', message: expect.stringMatching(/^report refused: bytes/) });
  });

  it('refuses a malformed or oversized report and says why', async () => {
    const a = await joined();
    const b = await joined();
    a.peer.socket.emit('report', { kind: 'stats', about: b.id, stats: { ...stats, video: { ...stats.video, codecIn: 'x'.repeat(65) } } });
    expect(await a.peer.next('rejected')).toMatchObject({ reason: 'invalid-message', message: expect.stringMatching(/^report refused: stats\.video\.codecIn/) });
    a.peer.socket.emit('report', { kind: 'state', about: b.id, connection: 'excellent', ice: 'new' } as never);
    expect(await a.peer.next('rejected')).toMatchObject({ reason: 'invalid-message' });
    expect(server.log.some((e) => e.type === 'stats' || e.type === 'peer-state')).toBe(false);
  });

  it('drops a report about a peer outside the sender\'s room without bothering the page', async () => {
    const a = await joined('main');
    const other = await joined('elsewhere');
    a.peer.socket.emit('report', { kind: 'state', about: other.id, connection: 'connected', ice: 'connected' });
    // A valid report that follows proves the first one was processed (and dropped), not lost in flight.
    const b = await joined('main');
    a.peer.socket.emit('report', { kind: 'state', about: b.id, connection: 'connecting', ice: 'checking' });
    await waitFor('the valid report', () => server.log.some((e) => e.type === 'peer-state'));
    expect(server.log.filter((e) => e.type === 'peer-state')).toHaveLength(1);
    expect(a.peer.received.some((r) => r.event === 'rejected')).toBe(false);
  });
});
