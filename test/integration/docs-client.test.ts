/**
 * The minimal client of docs/protocol.md, copied out of the markdown and run with Node as a
 * reader would run it, against the real server: the docs are enough to build a client.
 */
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DIAGNOSIS_DELAY_MS, DEFAULT_GRACE_MS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_RATE_LIMIT } from '../../src/server/defaults.js';
import {
  DIAGNOSIS_CAUSES,
  MAX_MESSAGE_BYTES,
  REJECT_REASONS,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type Signal,
} from '../../src/shared/protocol.js';
import { runCommand, type RunningCli } from '../helpers/cli.js';
import { chromium } from '../helpers/fixtures.js';
import { REPO } from '../helpers/packed-package.js';
import { createPeerPool } from '../helpers/peer-client.js';
import { markdownCodeBlock } from '../helpers/readme.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Every event of the protocol, in both directions: typecheck fails when one is added to
// protocol.ts and not here, and the test below fails when one listed here is not in the docs.
const CLIENT_EVENTS = ['join', 'signal', 'report'] as const satisfies readonly (keyof ClientToServerEvents)[];
const SERVER_EVENTS = ['peer-joined', 'peer-left', 'peer-reconnecting', 'peer-reconnected', 'signal', 'rejected', 'diagnosis', 'ended'] as const satisfies readonly (keyof ServerToClientEvents)[];
const everyEventListed: [Exclude<keyof ClientToServerEvents, (typeof CLIENT_EVENTS)[number]>, Exclude<keyof ServerToClientEvents, (typeof SERVER_EVENTS)[number]>] extends [never, never] ? true : never = true;

describe('the minimal client in docs/protocol.md, run as written', () => {
  let dir: string;
  let server: TestServer | undefined;
  let client: RunningCli | undefined;
  const peers = createPeerPool();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webrtc-call-docs-client-'));
    await writeFile(join(dir, 'client.mjs'), await markdownCodeBlock('docs/protocol.md', 'minimal-client'));
    // What `npm install socket.io-client` gives the reader.
    await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  });
  afterEach(async () => {
    peers.closeAll();
    await client?.stop('SIGKILL');
    await server?.close();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const runClient = (...args: string[]) => (client = runCommand(process.execPath, [join(dir, 'client.mjs'), ...args], { cwd: dir }));

  it('joins, takes the answering role when a newcomer offers, prints its real offer and candidates, and stops when the host ends the call', async () => {
    server = await startTestServer();
    const example = runClient(server.url);
    const [, examplePeerId = ''] = await example.waitForOutput(/^joined \S+ as (\S+)$/m);

    const newcomer = await peers.connect(server.origin);
    const joined = await newcomer.join(server.room);
    if (!joined.ok) throw new Error(`the newcomer could not join: ${joined.message}`);
    expect(joined.peers).toEqual([{ peerId: examplePeerId }]);
    const candidates = chromium.candidates.slice(0, chromium.candidates.indexOf(null) + 1);
    const signals: Signal[] = [
      { kind: 'description', description: { type: 'offer', sdp: chromium.offer } },
      ...candidates.map((candidate): Signal => ({ kind: 'candidate', candidate })),
    ];
    for (const signal of signals) newcomer.socket.emit('signal', { to: examplePeerId, signal });
    await example.waitForOutput(/^end of candidates from/m);
    newcomer.close();
    await example.waitForOutput(/ left$/m);
    await server.close();

    expect(await example.exited).toBe(0);
    const them = joined.peerId;
    expect(example.stdout().trimEnd().split('\n')).toEqual([
      `joined ${server.room} as ${examplePeerId}`,
      `${them} joined: it offers, I answer (I am polite)`,
      `offer from ${them}: ${chromium.offer.length} characters of SDP`,
      ...candidates.map((c) => (c ? `candidate from ${them}: ${c.candidate}` : `end of candidates from ${them}`)),
      `${them} left`,
      'ended: the host ended the call',
    ]);
    expect(example.stderr()).toBe('');
  });

  it('as the newcomer, names the peers it offers to', async () => {
    server = await startTestServer();
    const first = await peers.connect(server.origin);
    const joined = await first.join(server.room);
    if (!joined.ok) throw new Error(`the first peer could not join: ${joined.message}`);
    const example = runClient(server.url);
    await example.waitForOutput(new RegExp(`^${joined.peerId} is here: I offer to it$`, 'm'));
    const { peerId } = await first.next('peer-joined');
    expect(example.stdout()).toContain(`joined ${server.room} as ${peerId}\n`);
  });

  it('says why the server refused it, and with the PIN gets in', async () => {
    server = await startTestServer({ pin: '4321' });
    const refused = runClient(server.url);
    expect(await refused.exited).toBe(0);
    expect(refused.stdout()).toBe('refused: pin-required: this call needs a PIN; ask the host for it\n');
    const admitted = runClient(server.url, '4321');
    await admitted.waitForOutput(new RegExp(`^joined ${server.room} as \\S+$`, 'm'));
  });

  it('lists every event, rejection reason and diagnosis cause, and the limits the server enforces', async () => {
    const docs = await readFile(join(REPO, 'docs/protocol.md'), 'utf8');
    expect(everyEventListed).toBe(true);
    const undocumented = [...CLIENT_EVENTS, ...SERVER_EVENTS].filter((event) => !docs.includes(`| \`${event}\` |`));
    expect(undocumented, 'docs/protocol.md lacks these events').toEqual([]);
    expect(DIAGNOSIS_CAUSES.filter((cause) => !docs.includes(`\`${cause}\``)), 'docs/protocol.md lacks these causes').toEqual([]);
    expect(docs).toContain(`has not connected ${DEFAULT_DIAGNOSIS_DELAY_MS / 1000} s after its first offer`);
    const missing = REJECT_REASONS.filter((reason) => !docs.includes(`| \`${reason}\` |`));
    expect(missing, 'docs/protocol.md lacks these rejection reasons').toEqual([]);
    const { messagesPerSecond, burst } = DEFAULT_RATE_LIMIT;
    expect(docs).toContain(`| one message | ${MAX_MESSAGE_BYTES / 1024} KiB`);
    expect(docs).toContain(`| ${messagesPerSecond} per second, bursts of ${burst}`);
    expect(docs).toContain(`| connections per client address | ${DEFAULT_MAX_CONNECTIONS_PER_ADDRESS} |`);
    expect(docs).toContain(`held ${DEFAULT_GRACE_MS / 1000} s more`);
  });
});
