/**
 * The real `webrtc-call start` (the built CLI, as a user runs it) in a child process, for the
 * scenarios that measure the product as a whole. A probe preloaded into it
 * (workers/process-probe.mjs) reports its own CPU time, RSS and event-loop delay over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { within } from './stats.js';

const CLI = fileURLToPath(new URL('../../bin/run.js', import.meta.url));
const PROBE = fileURLToPath(new URL('../workers/process-probe.mjs', import.meta.url));

export interface ServerSample {
  wallMs: number;
  cpuMs: number;
  rssMB: number;
  maxRssMB: number;
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** The event loop's thread waiting for a core (another process had it), and GC pauses, over the window. */
  runQueueWaitMs: number;
  gcPauseMs: number;
  gcMaxPauseMs: number;
}

export interface ServerProcess {
  origin: string;
  sample(): Promise<ServerSample>;
  stop(): void;
}

export async function startCliServer(args: string[]): Promise<ServerProcess> {
  const child: ChildProcess = fork(CLI, args, {
    execArgv: ['--import', PROBE],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, CI: '1' },
  });
  const origin = await within(
    30_000,
    '`webrtc-call start` to print its URL',
    new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += String(chunk);
        // With --host 127.0.0.1 it prints http://localhost:PORT; clients dial 127.0.0.1 (IPv4: localhost may be ::1).
        const port = /http:\/\/localhost:(\d+)/.exec(out)?.[1];
        if (port) resolve(`http://127.0.0.1:${port}`);
      });
      child.once('exit', (code) => reject(new Error(`webrtc-call start exited (${code}): ${out.trim()}`)));
    }),
  );
  child.stdout?.resume();
  return {
    origin,
    sample: () =>
      within(
        10_000,
        'the server to report its figures',
        new Promise<ServerSample>((resolve) => {
          child.once('message', (message) => resolve(message as ServerSample));
          child.send({ op: 'sample' });
        }),
      ),
    stop: () => child.kill('SIGKILL'),
  };
}
