import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.js';

export const CLI_PATH = fileURLToPath(new URL('../../bin/run.js', import.meta.url));

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** stdout parsed as NDJSON (`--json`), complete lines only. */
  records(): NdjsonRecord[];
  /** Waits until stdout matches, returning the match. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

export type NdjsonRecord = Record<string, unknown> & { type: string };

/**
 * The built CLI (bin/run.js) as a user runs it, without a TTY and with CI set; `namespace`
 * runs it inside a network namespace (`ip netns exec`), e.g. a simulated laptop.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, options: { namespace?: string } = {}): RunningCli {
  const withEnv = { CI: 'true', NO_COLOR: '1', ...env };
  if (options.namespace) return spawnCli('ip', ['netns', 'exec', options.namespace, process.execPath, CLI_PATH, ...args], withEnv);
  return spawnCli(process.execPath, [CLI_PATH, ...args], withEnv);
}

/**
 * The CLI on a real pseudo-terminal, made by util-linux script(1) (no native node module):
 * what is written to `child.stdin` arrives as keystrokes, stdout is what the terminal shows.
 */
export function runCliOnTerminal(args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const command = [process.execPath, CLI_PATH, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
  // A fresh pty has no size; give it one so the status line has a width to fit.
  return spawnCli('script', ['-qfec', `stty cols 160 rows 40; exec ${command}`, '/dev/null'], env);
}

function spawnCli(command: string, args: string[], env: NodeJS.ProcessEnv): RunningCli {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    records: () =>
      out
        .split('\n')
        .slice(0, -1)
        .map((line) => JSON.parse(line) as NdjsonRecord),
    exited,
    waitForOutput: (pattern, timeoutMs = 15_000) =>
      waitFor(`CLI output matching ${pattern} (stdout so far: ${JSON.stringify(out)}, stderr: ${JSON.stringify(err)})`,
        () => out.match(pattern) ?? undefined, { timeoutMs }),
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** `webrtc-call start` on an ephemeral loopback port, never opening a browser. */
export const START_ON_LOOPBACK = ['start', '--no-open', '--port', '0', '--host', '127.0.0.1'];
