/**
 * What a user's own script does: socket.io-client v4 as it comes, no parser or options of ours,
 * carrying a real Chromium call's offer, answer and candidates through the server.
 */
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JoinReply, Signal } from '../../src/shared/protocol.js';
import { chromium } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/** A plain client and everything it heard, in order. */
function plainClient(socket: Socket) {
  const heard: Array<{ event: string; payload: unknown }> = [];
  const disconnects: string[] = [];
  socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
  socket.on('disconnect', (reason) => disconnects.push(reason));
  return {
    socket,
    heard,
    disconnects,
    signals: () => heard.filter((h) => h.event === 'signal').map((h) => h.payload),
    join: (room: string): Promise<JoinReply> => socket.timeout(5_000).emitWithAck('join', { room }),
    send: (to: string, signal: Signal) => socket.emit('signal', { to, signal }),
  };
}

// The capture's candidates: the offerer's, its end-of-candidates (null), then the answerer's.
const endOfOffererCandidates = chromium.candidates.indexOf(null) + 1;
const offererCandidates = chromium.candidates.slice(0, endOfOffererCandidates);
const answererCandidates = chromium.candidates.slice(endOfOffererCandidates);
const candidate = (c: (typeof chromium.candidates)[number]): Signal => ({ kind: 'candidate', candidate: c });

describe('a socket.io-client with its default parser', () => {
  let server: TestServer;
  const sockets: Socket[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server.close();
  });

  it('joins, and carries a real Chromium offer, answer and candidates both ways, exactly as sent', async () => {
    // One client as io(url) makes it (long-polling, then the upgrade), one on websocket only.
    const first = plainClient(io(server.origin));
    const second = plainClient(io(server.origin, { transports: ['websocket'] }));
    sockets.push(first.socket, second.socket);

    const joinedFirst = await first.join(server.room);
    const joinedSecond = await second.join(server.room);
    if (!joinedFirst.ok || !joinedSecond.ok) throw new Error(`join failed: ${JSON.stringify([joinedFirst, joinedSecond])}`);
    expect(joinedSecond.peers).toEqual([{ peerId: joinedFirst.peerId }]);

    // The newcomer offers to the peer already in the room; that one answers.
    const fromNewcomer: Signal[] = [{ kind: 'description', description: { type: 'offer', sdp: chromium.offer } }, ...offererCandidates.map(candidate)];
    const fromFirst: Signal[] = [{ kind: 'description', description: { type: 'answer', sdp: chromium.answer } }, ...answererCandidates.map(candidate)];
    for (const signal of fromNewcomer) second.send(joinedFirst.peerId, signal);
    await waitFor('the offer and candidates to arrive', () => first.signals().length >= fromNewcomer.length);
    for (const signal of fromFirst) first.send(joinedSecond.peerId, signal);
    await waitFor('the answer and candidates to arrive', () => second.signals().length >= fromFirst.length);

    expect(first.signals()).toEqual(fromNewcomer.map((signal) => ({ from: joinedSecond.peerId, signal })));
    expect(second.signals()).toEqual(fromFirst.map((signal) => ({ from: joinedFirst.peerId, signal })));
    expect(first.heard.map((h) => h.event)).toEqual(['peer-joined', ...fromNewcomer.map(() => 'signal')]);
    expect(second.heard.map((h) => h.event)).toEqual(fromFirst.map(() => 'signal'));
    expect([first.disconnects, second.disconnects]).toEqual([[], []]);
    expect([first.socket.connected, second.socket.connected]).toEqual([true, true]);
    expect(server.log.filter((e) => e.type === 'rejected')).toEqual([]);
    expect(server.log.filter((e) => e.type === 'signal')).toHaveLength(fromNewcomer.length + fromFirst.length);
  });
});
