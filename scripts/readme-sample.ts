/**
 * The README's terminal and JSON samples, from a real run of the current code: the built CLI
 * (`start --log-file`, piped as in a CI log) and two socket.io clients that play a call between
 * two Chromium pages with the offer, answer, candidates and getStats() snapshots Chromium really
 * sent (test/fixtures/chromium-call.json), summarised by the page's own stats code.
 *
 *   npm run readme:sample    rewrites both blocks in README.md and docs/json.md
 *
 * test/package/readme.test.ts runs recordSamples() and fails when the files differ from it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STATS_INTERVAL_MS, type IceCandidate, type PeerReport, type Signal } from '../src/shared/protocol.js';
import { summarizeStats, type StatsEntry } from '../src/web/stats-summary.js';
import { connectPeer, type TestSocket as PeerSocket } from '../test/helpers/peer-client.js';
import { waitFor } from '../test/helpers/wait.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = JSON.parse(await readFile(join(REPO, 'test/fixtures/chromium-call.json'), 'utf8')) as {
  userAgent: string;
  offer: string;
  answer: string;
  candidates: Array<IceCandidate | null>;
  getStats: [StatsEntry[], StatsEntry[]];
};

export interface Samples {
  terminal: string;
  json: string;
}

export async function recordSamples(): Promise<Samples> {
  const dir = await mkdtemp(join(tmpdir(), 'webrtc-call-sample-'));
  const logFile = join(dir, 'call.ndjson');
  const cli = spawn(process.execPath, [join(REPO, 'bin/run.js'), 'start', '--host', '127.0.0.1', '--port', '0', '--room', 'standup', '--no-open', '--log-file', logFile], {
    env: { ...process.env, CI: 'true', NO_COLOR: '1', WEBRTC_CALL_DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  cli.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  const exited = new Promise<number | null>((resolve) => cli.once('exit', resolve));
  try {
    const port = await until(() => /localhost:(\d+)/.exec(stdout)?.[1], 'the Local URL');
    await playCall(`http://127.0.0.1:${port}`, () => stdout);
    cli.kill('SIGINT');
    if ((await exited) !== 0) throw new Error(`start did not stop cleanly:\n${stdout}`);
    return { terminal: stdout.replace(/^\n+|\n+$/g, ''), json: jsonSample(await readFile(logFile, 'utf8')) };
  } finally {
    cli.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The laptop waits in the room; "laptop 2" joins and offers (one UDP host candidate each way, as
 * on loopback); both report connected, laptop 2 reports its stats one interval later, hangs up,
 * and the laptop leaves too.
 */
async function playCall(origin: string, output: () => string): Promise<void> {
  // Two browsers in different languages, as the page sends navigator.languages[0] with join.
  const { socket: laptop, id: laptopId } = await joinAsChromium(origin, 'en-US');
  await until(() => output().includes(`peer ${laptopId}`), 'the first join line');
  const { socket: second, id: secondId } = await joinAsChromium(origin, 'pt-BR');
  const ufrag = (sdp: string) => /a=ice-ufrag:(\S+)/.exec(sdp)?.[1];
  const candidatesOf = (sdp: string) => [
    FIXTURE.candidates.find((c) => c !== null && c.usernameFragment === ufrag(sdp) && / udp /.test(c.candidate)) ?? null,
    null,
  ];
  const answered = new Promise<void>((resolve) => second.on('signal', ({ signal }) => signal.kind === 'candidate' && signal.candidate === null && resolve()));
  // Each side's lines come in one order only: the laptop answers once laptop 2's candidates are all in.
  laptop.on('signal', ({ signal }) => {
    if (signal.kind !== 'candidate' || signal.candidate !== null) return;
    send(laptop, secondId, { kind: 'description', description: { type: 'answer', sdp: FIXTURE.answer } });
    for (const candidate of candidatesOf(FIXTURE.answer)) send(laptop, secondId, { kind: 'candidate', candidate });
  });
  send(second, laptopId, { kind: 'description', description: { type: 'offer', sdp: FIXTURE.offer } });
  for (const candidate of candidatesOf(FIXTURE.offer)) send(second, laptopId, { kind: 'candidate', candidate });
  await answered;
  report(second, { kind: 'state', about: laptopId, connection: 'connected', ice: 'connected' });
  await until(() => output().includes(' state '), 'the first state line');
  report(laptop, { kind: 'state', about: secondId, connection: 'connected', ice: 'connected' });
  await until(() => output().split('\n').filter((line) => / state /.test(line)).length >= 2, 'both state lines');
  await new Promise((resolve) => setTimeout(resolve, STATS_INTERVAL_MS));
  const [first, next] = FIXTURE.getStats;
  report(second, { kind: 'stats', about: laptopId, stats: summarizeStats(next, first) });
  await until(() => output().includes(' quality '), 'the quality line');
  second.disconnect();
  await until(() => output().includes(' summary '), 'the call summary');
  laptop.disconnect();
  await until(() => output().split('\n').filter((line) => / leave /.test(line)).length >= 2, 'both leave lines');
}

/** A socket.io client that says it is the Chromium the fixture was captured from, joined to the room. */
async function joinAsChromium(origin: string, language: string): Promise<{ socket: PeerSocket; id: string }> {
  const peer = await connectPeer(origin, { extraHeaders: { 'user-agent': FIXTURE.userAgent } });
  const reply = await peer.join('standup', undefined, { language });
  if (!reply.ok) throw new Error(reply.message);
  return { socket: peer.socket, id: reply.peerId };
}

function send(socket: PeerSocket, to: string, signal: Signal): void {
  socket.emit('signal', { to, signal });
}

function report(socket: PeerSocket, message: PeerReport): void {
  socket.emit('report', message);
}

/** One record of each kind a reader meets first: ready, join, offer, candidate, peer-state, stats, call-summary. */
function jsonSample(ndjson: string): string {
  const wanted = ['ready', 'join', 'offer', 'candidate', 'peer-state', 'stats', 'call-summary'];
  const lines = ndjson.split('\n').filter(Boolean);
  return wanted.flatMap((type) => lines.find((line) => (JSON.parse(line) as { type: string }).type === type) ?? []).join('\n');
}

const until = <T>(check: () => T | undefined | false, what: string) => waitFor(`the readme sample's ${what}`, check);

/** What differs from run to run: clock times, ports, peer ids, durations. */
export function normalizeSample(text: string): string {
  return text
    .replace(/\b\d\d:\d\d:\d\d\.\d{3}\b/g, 'hh:mm:ss.mmm')
    .replace(/"at":\d+/g, '"at":0')
    .replace(/"(time)":"[^"]+"/g, '"$1":"T"')
    .replace(/"(startedAt|durationMs)":\d+/g, '"$1":0')
    .replace(/localhost:\d+/g, 'localhost:PORT')
    .replace(/(peer |"id":")[A-Za-z0-9_-]{8}(?![A-Za-z0-9_-])/g, '$1ID')
    .replace(/lasted \d+ s/g, 'lasted N s');
}

/** The fenced block after `<!-- name … -->` in a markdown file. */
export function blockPattern(name: string): RegExp {
  return new RegExp(`(<!-- ${name}\\b[^>]*-->\\n\`\`\`\\w*\\n)([\\s\\S]*?)(\\n\`\`\`)`);
}

export const SAMPLE_BLOCKS = [
  { file: 'README.md', block: 'terminal-sample', from: (samples: Samples) => samples.terminal },
  { file: 'docs/json.md', block: 'json-sample', from: (samples: Samples) => samples.json },
] as const;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const samples = await recordSamples();
  for (const { file, block, from } of SAMPLE_BLOCKS) {
    const path = join(REPO, file);
    const text = await readFile(path, 'utf8');
    if (!blockPattern(block).test(text)) throw new Error(`${file} has no block marked <!-- ${block} -->`);
    await writeFile(path, text.replace(blockPattern(block), (_all, open: string, _old, close: string) => `${open}${from(samples)}${close}`));
    console.log(`updated the ${block} block in ${file}`);
  }
}
