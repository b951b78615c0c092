import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CallServerOptions } from '../../src/server/index.js';

const MAIN = fileURLToPath(new URL('./server-process-main.ts', import.meta.url));

/** The real server in its own process, with a garbage collector the test can trigger. */
export interface ServerProcess {
  origin: string;
  room: string;
  /** Heap in use after full garbage collection, in bytes. */
  heapUsed(): Promise<number>;
  /** Whether Object.prototype gained properties (prototype pollution). */
  polluted(): Promise<boolean>;
  /** How many events of each type (rejections by reason) the server published. */
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function startServerProcess(options: CallServerOptions = {}): Promise<ServerProcess> {
  const child = fork(MAIN, [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, CALL_SERVER_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ask = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server process did not answer "${type}"`)), 30_000);
      const onMessage = (message: { type: string } & T) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      if (type !== 'ready') child.send({ type });
    });
  const ready = await Promise.race([
    ask<{ port: number; room: string }>('ready'),
    exited.then(() => Promise.reject(new Error('server process exited before it was ready'))),
  ]);
  return {
    origin: `http://127.0.0.1:${ready.port}`,
    room: ready.room,
    heapUsed: async () => (await ask<{ heapUsed: number }>('heap')).heapUsed,
    polluted: async () => (await ask<{ polluted: boolean }>('polluted')).polluted,
    counts: async () => (await ask<{ counts: Record<string, number> }>('counts')).counts,
    async close() {
      if (child.exitCode === null) child.send({ type: 'close' });
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

