import { execFile, spawn } from 'node:child_process';
import { waitFor } from './wait.js';

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; a non-zero exit is a result to assert on, not a throw. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n${stderr}`));
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** A long-running command in its own process group, as a terminal runs a foreground job. */
export interface RunningCommand {
  output(): string;
  waitForOutput(pattern: RegExp, what: string): Promise<RegExpMatchArray>;
  /** Ctrl+C: SIGINT to the whole group. Resolves with how it ended once every process is gone. */
  interrupt(): Promise<Exit>;
  /** Last resort for finally blocks: SIGKILL to the group; harmless if it already exited. */
  kill(): void;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function start(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): RunningCommand {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'close' comes once every process holding the output pipes (the whole job) is gone.
  const exited = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group is already gone
    }
  };
  const exitedBefore = (what: string) =>
    exited.then(() => Promise.reject(new Error(`${command} exited before ${what}; its output:\n${output}`)));
  return {
    output: () => output,
    waitForOutput: (pattern, what) =>
      Promise.race([
        waitFor(`${what} (output so far: ${JSON.stringify(output)})`, () => pattern.exec(output) ?? undefined, { timeoutMs: 30_000 }),
        exited.then(() => pattern.exec(output) ?? exitedBefore(what)),
      ]),
    interrupt() {
      signalGroup('SIGINT');
      return Promise.race([exited, deadline(15_000, () => `${command} did not exit after Ctrl+C; its output:\n${output}`)]);
    },
    kill: () => signalGroup('SIGKILL'),
  };
}

function deadline(ms: number, message: () => string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message())), ms).unref());
}
