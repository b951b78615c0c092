import { afterEach, describe, expect, it } from 'vitest';
import { connectPeer, type TestPeer } from '../helpers/peer-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

// Each protection below has a test that fails when the protection is removed: the attack is
// tried for real against the real server, and what it got is checked.
describe('who gets in', () => {
  let server: TestServer | undefined;
  const peers: TestPeer[] = [];
  const peer = async (options?: Parameters<typeof connectPeer>[1]) => {
    if (!server) throw new Error('no server');
    const p = await connectPeer(server.origin, options);
    peers.push(p);
    return p;
  };
  afterEach(async () => {
    for (const p of peers.splice(0)) p.close();
    await server?.close();
    server = undefined;
  });

  it('refuses a socket opened by a page on another site, over websocket and polling', async () => {
    server = await startTestServer();
    for (const transports of [['websocket'], ['polling']]) {
      await expect(peer({ transports, extraHeaders: { origin: 'http://evil.example' } })).rejects.toThrow();
    }
    const refused = server.log.filter((e) => e.type === 'rejected' && e.reason === 'forbidden-origin');
    // one line per address and burst, not one per attempt
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ message: expect.stringContaining('http://evil.example') });
    // the call's own page is let in
    const own = await peer({ extraHeaders: { origin: server.origin } });
    expect((await own.join(server.room)).ok).toBe(true);
  });

  it('sends no CORS permission to another site', async () => {
    server = await startTestServer();
    const response = await fetch(`${server.origin}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a room the server did not create unless open rooms are on', async () => {
    server = await startTestServer();
    const a = await peer();
    expect(await a.join('guessed-room')).toMatchObject({ ok: false, reason: 'unknown-room', message: expect.stringContaining('webrtc-call start') });
    await server.close();
    server = await startTestServer({ openRooms: true });
    const b = await peer();
    expect((await b.join('guessed-room')).ok).toBe(true);
  });

  it('asks for the PIN, refuses wrong ones, slows down guessing, and lets the right one in', async () => {
    server = await startTestServer({ pin: '4821' });
    const a = await peer();
    expect(await a.join(server.room)).toMatchObject({ ok: false, reason: 'pin-required' });
    expect(await a.join(server.room, undefined, { pin: '0000' })).toMatchObject({ ok: false, reason: 'wrong-pin' });
    const joined = await a.join(server.room, undefined, { pin: '4821' });
    expect(joined).toMatchObject({ ok: true });
    if (!joined.ok) return;

    // a guesser from the same address is stopped after 5 wrong PINs, even when it then guesses right
    const guesser = await peer();
    for (let i = 1; i < 5; i++) expect(await guesser.join(server.room, undefined, { pin: `000${i}` })).toMatchObject({ ok: false, reason: 'wrong-pin' });
    expect(await guesser.join(server.room, undefined, { pin: '4821' })).toMatchObject({ ok: false, reason: 'too-many-attempts' });

    // a reconnect after a network drop, with a valid resume token, needs no PIN
    a.socket.io.engine.close();
    const back = await peer();
    expect(await back.join(server.room, joined.resumeToken, { keepConnections: true })).toMatchObject({ ok: true, peerId: joined.peerId });
  });

  it('caps connections per address', async () => {
    server = await startTestServer({ maxConnectionsPerAddress: 3 });
    await Promise.all([peer(), peer(), peer()]);
    await expect(peer()).rejects.toThrow();
    await waitFor('the refusal to be logged', () => server?.log.some((e) => e.type === 'rejected' && e.reason === 'too-many-connections'));
    // closing one frees a place
    peers[0]?.close();
    await waitFor('a place to free up', async () => {
      try {
        await peer();
        return true;
      } catch {
        return false;
      }
    });
  });
});

describe('what a joined socket may send', () => {
  let server: TestServer;
  const peers: TestPeer[] = [];
  afterEach(async () => {
    for (const p of peers.splice(0)) p.close();
    await server.close();
  });
  const pair = async () => {
    const [a, b] = await Promise.all([connectPeer(server.origin), connectPeer(server.origin)]);
    peers.push(a, b);
    await a.join(server.room);
    const joinedB = await b.join(server.room);
    if (!joinedB.ok) throw new Error('join failed');
    return { a, b, bId: joinedB.peerId };
  };
  const candidate = (n: number) =>
    ({ kind: 'candidate', candidate: { candidate: `candidate:${n} 1 udp 1 10.0.0.1 ${n} typ host`, sdpMid: '0', sdpMLineIndex: 0 } }) as const;

  it('drops a flood beyond the rate limit, logging and telling the sender once per burst', async () => {
    server = await startTestServer({ rateLimit: { messagesPerSecond: 5, burst: 20 } });
    const { a, b, bId } = await pair();
    for (let n = 0; n < 300; n++) a.socket.emit('signal', { to: bId, signal: candidate(n) });
    expect(await a.next('rejected')).toMatchObject({ reason: 'rate-limited' });
    // a marker sent after the flood is relayed once the bucket refills: everything before it arrived
    await waitFor('the rate to allow a message again', async () => {
      a.socket.emit('signal', { to: bId, signal: candidate(9999) });
      return b.received.some((r) => r.event === 'signal' && JSON.stringify(r.payload).includes('candidate:9999'));
    }, { intervalMs: 500 });
    const relayed = b.received.filter((r) => r.event === 'signal').length;
    expect(relayed).toBeLessThan(60);
    expect(relayed).toBeGreaterThanOrEqual(20);
    expect(server.log.filter((e) => e.type === 'rejected' && e.reason === 'rate-limited')).toHaveLength(1);
  });

  it('refuses unknown events and counts them against the rate limit', async () => {
    server = await startTestServer({ rateLimit: { messagesPerSecond: 1, burst: 10 } });
    const { a, b, bId } = await pair();
    const raw = a.socket as unknown as { emit(event: string, ...args: unknown[]): void };
    raw.emit('__proto__', { polluted: true });
    expect(await a.next('rejected')).toMatchObject({ reason: 'unknown-event', message: expect.stringContaining('__proto__') });
    for (let n = 0; n < 30; n++) raw.emit('made-up', n);
    expect(await a.next('rejected')).toMatchObject({ reason: 'unknown-event' });
    // the bucket is empty now: a real signal right after is dropped too
    a.socket.emit('signal', { to: bId, signal: candidate(1) });
    await waitFor('the rate limit to be logged', () => server.log.some((e) => e.type === 'rejected' && e.reason === 'rate-limited'));
    expect(b.received.filter((r) => r.event === 'signal')).toEqual([]);
  });
});

describe('security headers', () => {
  it('are on the page, its assets and errors: strict CSP, no referrer, no X-Powered-By', async () => {
    const server = await startTestServer();
    try {
      for (const path of [`/r/${server.room}`, '/assets/main.js', '/assets/missing.js']) {
        const response = await fetch(`${server.origin}${path}`);
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp, path).toContain("default-src 'none'");
        expect(csp, path).not.toContain('unsafe');
        // express's error page sets its own, stricter "default-src 'none'" only
        if (response.ok) {
          expect(csp, path).toContain("script-src 'self'");
          expect(csp, path).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
        }
        expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
        expect(response.headers.get('x-powered-by'), path).toBeNull();
        expect(response.headers.get('access-control-allow-origin'), path).toBeNull();
        expect(response.headers.get('strict-transport-security'), path).toBeNull();
      }
    } finally {
      await server.close();
    }
  });
});
