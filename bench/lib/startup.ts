/**
 * Scenario 3: how long from spawning a process to a server that prints its URL and accepts a
 * connection. The built CLI (`bin/run.js start`) against a bare Node script starting the same
 * server through the API; and `--help`, which should not load the server at all.
 */
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median, within } from './stats.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = ['bin/run.js', 'start', '--no-open', '--port', '0', '--host', '127.0.0.1'];
const BARE = ['bench/startup/bare-start.mjs'];
const URL_PATTERN = /http:\/\/[^\s/]+:(\d+)\//;

export interface StartupResult {
  runs: number;
  /** The CLI as published: with oclif's manifest. */
  cliMs?: number;
  bareMs?: number;
  helpMs?: number;
  startHelpMs?: number;
  /** The CLI run from a clone without `npm run manifest`: what the manifest saves. */
  cliNoManifestMs?: number;
  helpNoManifestMs?: number;
  loadAverage: number;
}

/** Spawn → URL on stdout → the port accepts a TCP connection. */
export async function timeToReady(args: readonly string[]): Promise<number> {
  const started = performance.now();
  // CI set so the CLI never tries to open a browser, whatever --no-open does.
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
  try {
    const port = await within(20_000, `${args.join(' ')} to print its URL`, new Promise<number>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = URL_PATTERN.exec(output);
        if (match?.[1]) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before printing a URL: ${output}`)));
    }));
    await within(10_000, `port ${port} to accept a connection`, new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', reject);
    }));
    return performance.now() - started;
  } finally {
    child.kill('SIGKILL');
  }
}

/** Spawn → exit. */
export async function timeToExit(args: readonly string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  await within(20_000, `${args.join(' ')} to exit`, new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  }));
  return performance.now() - started;
}

type Timings = Record<string, () => Promise<number>>;

/** Median of `runs` timings per subject after one untimed round (disk cache); interleaved, so load drifts hit all alike. */
async function medians(runs: number, subjects: Timings): Promise<Record<string, number | undefined>> {
  const samples: Record<string, number[]> = {};
  for (const run of Object.values(subjects)) await run();
  for (let i = 0; i < runs; i++) {
    for (const [name, run] of Object.entries(subjects)) (samples[name] ??= []).push(await run());
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

/**
 * Times the CLI with oclif's manifest (`npm run manifest`, as `npm pack` ships it) and, in the
 * same interleaved rounds, without it (the manifest moved aside for that one spawn). A
 * manifest this created is removed afterwards so a clone keeps scanning its commands (a stale
 * manifest would hide a new flag from --help).
 */
export async function measureStartup(runs: number, loadAverage: () => number): Promise<StartupResult> {
  const manifest = `${ROOT}oclif.manifest.json`;
  const aside = `${manifest}.bench-aside`;
  const hadManifest = existsSync(manifest);
  const withoutManifest = async (time: () => Promise<number>) => {
    renameSync(manifest, aside);
    try {
      return await time();
    } finally {
      renameSync(aside, manifest);
    }
  };
  const load = loadAverage();
  try {
    await writeManifest();
    const timings = await medians(runs, {
      cli: () => timeToReady(CLI),
      bare: () => timeToReady(BARE),
      help: () => timeToExit(['bin/run.js', '--help']),
      startHelp: () => timeToExit(['bin/run.js', 'start', '--help']),
      cliNoManifest: () => withoutManifest(() => timeToReady(CLI)),
      helpNoManifest: () => withoutManifest(() => timeToExit(['bin/run.js', '--help'])),
    });
    return {
      runs,
      cliMs: timings.cli,
      bareMs: timings.bare,
      helpMs: timings.help,
      startHelpMs: timings.startHelp,
      cliNoManifestMs: timings.cliNoManifest,
      helpNoManifestMs: timings.helpNoManifest,
      loadAverage: load,
    };
  } finally {
    if (!hadManifest) rmSync(manifest, { force: true });
  }
}

async function writeManifest(): Promise<void> {
  const child = spawn('npm', ['run', 'manifest', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const code = await within(60_000, 'npm run manifest', new Promise<number | null>((resolve) => child.once('exit', resolve)));
  if (code !== 0) throw new Error(`npm run manifest failed: ${errors}`);
}
