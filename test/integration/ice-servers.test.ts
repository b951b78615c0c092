/**
 * STUN/TURN configuration as a page and a person meet it: the join reply carries it (TURN
 * credentials minted per peer), and no secret is ever printed.
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type RunningCli } from '../helpers/cli.js';
import { createPeerPool } from '../helpers/peer-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SECRET = 'coturn-static-auth-secret-4f1e';
const STATIC_PASSWORD = 'static-turn-password-9c2d';

const running: RunningCli[] = [];
let server: TestServer | undefined;
const peers = createPeerPool();

afterEach(async () => {
  peers.closeAll();
  await server?.close();
  server = undefined;
  await Promise.all(running.splice(0).map((r) => r.stop('SIGKILL')));
});

describe('the join reply gives each page its ICE servers', () => {
  it('with a TURN secret: a credential of its own per peer, that the secret signs', async () => {
    server = await startTestServer({ iceServers: [{ urls: 'turn:192.168.77.1:3478' }], turnSecret: SECRET });
    const reply = await (await peers.connect(server.origin)).join(server.room);
    if (!reply.ok) throw new Error(reply.message);
    const turn = reply.iceServers?.[0];
    expect(turn?.urls).toBe('turn:192.168.77.1:3478');
    expect(turn?.username).toMatch(new RegExp(`^\\d+:${reply.peerId}$`));
    expect(turn?.credential).toBe(createHmac('sha1', SECRET).update(turn?.username ?? '').digest('base64'));
    expect(reply.iceTransportPolicy).toBe('all');
    expect(JSON.stringify(reply)).not.toContain(SECRET);
    // valid for the call and a margin: hours from now, not minutes
    const expiresInS = Number(turn?.username?.split(':')[0]) - Date.now() / 1000;
    expect(expiresInS).toBeGreaterThan(3600);
    expect(server.iceServerUrls).toEqual(['turn:192.168.77.1:3478']);
  });

  it('a plain LAN call has none, and relayOnly tells the page to use only the relay', async () => {
    server = await startTestServer();
    const plain = await (await peers.connect(server.origin)).join(server.room);
    expect(plain.ok && plain.iceServers).toBeUndefined();
    await server.close();
    server = await startTestServer({ iceServers: [{ urls: 'turn:t:3478', username: 'u', credential: 'p' }], relayOnly: true });
    const relay = await (await peers.connect(server.origin)).join(server.room);
    expect(relay.ok && relay.iceTransportPolicy).toBe('relay');
    expect(relay.ok && relay.iceServers).toEqual([{ urls: 'turn:t:3478', username: 'u', credential: 'p' }]);
  });
});

describe('start with ICE servers', () => {
  const start = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const run = runCli(['start', '--no-open', '--host', '127.0.0.1', '--port', '0', ...args], env);
    running.push(run);
    return run;
  };

  it('--turn-secret: pages get minted credentials; the secret is in neither --json nor the terminal', async () => {
    const run = start(['--json', '--verbose', '--ice-server', 'stun:192.168.77.1:3478', '--ice-server', 'turn:192.168.77.1:3478?transport=udp', '--turn-secret', SECRET, '--relay-only']);
    const [, origin = ''] = await run.waitForOutput(/"local":\["(http:\/\/[^/]+)/);
    const room = String(run.records().find((r) => r.type === 'ready')?.room);
    const reply = await (await peers.connect(origin)).join(room);
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.iceServers).toEqual([
      { urls: ['stun:192.168.77.1:3478'] },
      { urls: ['turn:192.168.77.1:3478?transport=udp'], username: expect.stringMatching(/^\d+:/), credential: expect.any(String) },
    ]);
    expect(reply.iceTransportPolicy).toBe('relay');
    await run.waitForOutput(/"type":"join"/);
    await run.waitForStderr('ICE servers: stun:192.168.77.1:3478, turn:192.168.77.1:3478?transport=udp; TURN credentials minted per page; relay only');
    expect(await run.stop('SIGINT')).toBe(0);
    for (const text of [run.stdout(), run.stderr()]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(reply.iceServers?.[1]?.credential);
    }
  });

  it('static credentials and WEBRTC_CALL_ICE_SERVERS are combined, and the password is never printed', async () => {
    const env = { WEBRTC_CALL_ICE_SERVERS: JSON.stringify([{ urls: 'stun:192.168.77.1:3478' }]) };
    const run = start(['--ice-server', 'turn:192.168.77.1:3478', '--turn-username', 'alice', '--turn-credential', STATIC_PASSWORD], env);
    const [, origin = ''] = await run.waitForOutput(/Local:\s+(http:\/\/[^/]+)/);
    const room = /\/r\/([\w-]+)/.exec(run.stdout())?.[1] ?? '';
    const reply = await (await peers.connect(origin)).join(room);
    expect(reply.ok && reply.iceServers).toEqual([
      { urls: 'stun:192.168.77.1:3478' },
      { urls: ['turn:192.168.77.1:3478'], username: 'alice', credential: STATIC_PASSWORD },
    ]);
    expect(run.stdout()).toContain('ICE servers: stun:192.168.77.1:3478, turn:192.168.77.1:3478');
    expect(await run.stop('SIGINT')).toBe(0);
    expect(run.stdout() + run.stderr()).not.toContain(STATIC_PASSWORD);
  });

  it.each([
    [['--ice-server', 'turn:host:3478'], {}, "turn:host:3478 needs credentials: give --turn-secret (coturn's static-auth-secret) or --turn-username and --turn-credential"],
    [['--relay-only'], {}, '--relay-only needs a TURN server: add --ice-server turn:HOST:3478'],
    [[], { WEBRTC_CALL_ICE_SERVERS: '[{"urls":"turn:host","username":"u"' }, 'WEBRTC_CALL_ICE_SERVERS is not JSON'],
    [['--ice-server', 'http://host'], {}, '--ice-server http://host: not a STUN/TURN URL: use stun:HOST[:PORT], turn:HOST[:PORT][?transport=udp|tcp] or turns:…'],
  ])('%j %j stops with a clear sentence and exit 1', async (args, env, message) => {
    const run = start(args, env);
    expect(await run.exited).toBe(1);
    expect(run.stderr().replace(/\s+/g, ' ')).toContain(message);
    expect(run.stdout()).not.toContain('Press Ctrl+C');
    expect(run.stderr()).not.toMatch(/\n\s+at /);
  });
});
