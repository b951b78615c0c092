import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
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
  /**
   * Waits until stderr matches. stdout and stderr are two pipes: a line the CLI wrote to stderr
   * right after a stdout line may reach the test after it, so never read stderr on stdout's cue.
   */
  waitForStderr(pattern: RegExp | string, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

export type NdjsonRecord = Record<string, unknown> & { type: string };

/**
 * The built CLI (bin/run.js) as a user runs it, without a TTY and with CI set. `namespace` runs
 * it inside a network namespace (`ip netns exec`, e.g. a simulated laptop); `prefix` runs it
 * through any other command.
 */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  options: { prefix?: string[]; namespace?: string } = {},
): RunningCli {
  const prefix = options.namespace ? ['ip', 'netns', 'exec', options.namespace] : (options.prefix ?? []);
  const [command = process.execPath, ...commandArgs] = [...prefix, process.execPath, CLI_PATH, ...args];
  return runCommand(command, commandArgs, { env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env } });
}

/**
 * The CLI on a real pseudo-terminal, made by util-linux script(1) (no native node module):
 * what is written to `child.stdin` arrives as keystrokes, stdout is what the terminal shows.
 */
export function runCliOnTerminal(args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const command = [process.execPath, CLI_PATH, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
  // A fresh pty has no size; give it one so the status line has a width to fit.
  return runCommand('script', ['-qfec', `stty cols 160 rows 40; exec ${command}`, '/dev/null'], { env: { ...process.env, ...env } });
}

/**
 * Any long-running command. As a `job` it gets its own process group and stop() signals the
 * whole group, as a terminal's Ctrl+C does (npx, the shell it starts and the CLI all get it);
 * `exited` then waits for every process of the job (the last one holding its output pipes).
 */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; job?: boolean },
): RunningCli {
  const job = options.job ?? false;
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'pipe', detached: job });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once(job ? 'close' : 'exit', (code: number | null, signal: NodeJS.Signals | null) => resolve(code ?? signal ?? 'unknown')),
  );
  let ended = false;
  void exited.then(() => (ended = true));
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
      waitFor(`output matching ${pattern} (stdout so far: ${JSON.stringify(out)}, stderr: ${JSON.stringify(err)})`,
        () => out.match(pattern) ?? undefined, { timeoutMs }),
    waitForStderr: async (pattern, timeoutMs = 15_000) => {
      await waitFor(`stderr ${typeof pattern === 'string' ? 'containing' : 'matching'} ${JSON.stringify(String(pattern))} (stderr so far: ${JSON.stringify(err)})`,
        () => (typeof pattern === 'string' ? err.includes(pattern) : pattern.test(err)), { timeoutMs });
    },
    async stop(signal = 'SIGINT') {
      if (ended || child.pid === undefined) return exited;
      if (!job) {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        return exited;
      }
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
      return exited;
    },
  };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; a non-zero exit is a result to assert on, not a throw. */
export function runToEnd(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Finished> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const ran = `${command} ${args.join(' ')}`;
        if (error?.killed) reject(new Error(`${ran} did not finish within ${timeoutMs / 1000} s\n${stdout}\n${stderr}`));
        else if (error && typeof error.code !== 'number') reject(new Error(`${ran}: ${error.message}\n${stderr}`));
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** `webrtc-call start` on an ephemeral loopback port, never opening a browser. */
export const START_ON_LOOPBACK = ['start', '--no-open', '--port', '0', '--host', '127.0.0.1'];
