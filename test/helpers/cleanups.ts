import { afterEach } from 'vitest';

/** What a test started (servers, browsers, namespaces, files), undone after it, newest first, even when it fails. */
export interface Cleanups {
  push(cleanup: () => Promise<unknown> | unknown): void;
  /** Returns `value`, its cleanup registered. */
  track<T>(value: T, cleanup: (value: T) => Promise<unknown> | unknown): T;
}

/** Call in a describe block: registers the afterEach that runs the cleanups. */
export function useCleanups(): Cleanups {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    push: (cleanup) => void cleanups.push(cleanup),
    track: (value, cleanup) => {
      cleanups.push(() => cleanup(value));
      return value;
    },
  };
}
