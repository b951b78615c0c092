/**
 * Bench workers run in their own Node processes (servers in one, load in another) so a design's
 * cost is not hidden in, or inflated by, the process that generates its load. They talk over
 * the IPC channel with small JSON messages.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { within } from './stats.js';

export interface Worker {
  process: ChildProcess;
  /** Sends a request and resolves with the worker's next message (bounded by `timeoutMs`). */
  ask<T>(request: object, timeoutMs: number): Promise<T>;
  /** The next message the worker sends by itself. */
  next<T>(timeoutMs: number, what: string): Promise<T>;
  stop(): Promise<void>;
}

/** Starts `file` (a .ts module under bench/) with tsx, plus any extra Node flags. */
export function startWorker(file: URL, args: string[], nodeFlags: string[] = []): Worker {
  const child = fork(fileURLToPath(file), args, {
    execArgv: [...nodeFlags, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const inbox: unknown[] = [];
  const waiting: Array<(message: unknown) => void> = [];
  let exited: Error | undefined;
  child.on('message', (message) => {
    const wake = waiting.shift();
    if (wake) wake(message);
    else inbox.push(message);
  });
  child.on('exit', (code, signal) => {
    exited = new Error(`bench worker ${file.pathname} exited (${signal ?? code})`);
  });
  const next = <T>(timeoutMs: number, what: string): Promise<T> => {
    if (inbox.length > 0) return Promise.resolve(inbox.shift() as T);
    if (exited) return Promise.reject(exited);
    let wake: ((message: unknown) => void) | undefined;
    const message = new Promise<T>((resolve, reject) => {
      wake = (m) => resolve(m as T);
      waiting.push(wake);
      child.once('exit', () => reject(exited));
    });
    // A timed-out wait must not swallow the worker's next message.
    return within(timeoutMs, what, message).finally(() => {
      const index = waiting.findIndex((w) => w === wake);
      if (index >= 0) waiting.splice(index, 1);
    });
  };
  return {
    process: child,
    next,
    ask(request, timeoutMs) {
      child.send(request);
      return next(timeoutMs, `bench worker answering ${JSON.stringify(request).slice(0, 60)}`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await within(5_000, 'bench worker to exit', gone);
    },
  };
}

/** In a worker: answer each request from the parent with the handler's result or its error. */
export function serveRequests(handler: (request: Record<string, unknown>) => Promise<unknown>): void {
  process.on('message', (request) => {
    handler(request as Record<string, unknown>).then(
      (result) => process.send?.(result),
      (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
  // The parent going away (even killed) ends the worker: nothing is left running.
  process.on('disconnect', () => process.exit(0));
}
