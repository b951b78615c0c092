/**
 * How a running `start` is asked to stop: q or Ctrl+C on a TTY, SIGINT or SIGTERM otherwise. A
 * second, deliberate Ctrl+C exits at once. The keyboard, the signals and the process exit live
 * here, apart from the view, which only renders (as vite keeps shortcuts.ts apart from logger.ts).
 */
import { listenForKeys } from './keys.js';
import { waitForStopSignal } from './stop-signal.js';

export interface QuitOptions {
  stdin: NodeJS.ReadStream;
  /** The `o` key: open the call in the browser again. */
  open(): void;
  /** The `c` key: print the invite link. */
  invite(): void;
}

export interface QuitRequest {
  /** Resolves on q / Ctrl+C on a TTY, or SIGINT / SIGTERM. */
  requested: Promise<void>;
  /** Gives the terminal back and stops listening (signals stay caught once one came). */
  release(): void;
}

/** Exit code of a process stopped by Ctrl+C (128 + SIGINT), as shells report it. */
const FORCED_EXIT_CODE = 130;

export function waitForQuit(options: QuitOptions): QuitRequest {
  let releaseKeys = () => {};
  // Keeps listening until release(): under npx one Ctrl+C arrives twice (see stop-signal.ts).
  const signals = waitForStopSignal(() => process.exit(FORCED_EXIT_CODE));
  const requested = new Promise<void>((resolve) => {
    const quit = () => {
      releaseKeys();
      resolve();
    };
    void signals.stopped.then(quit);
    releaseKeys = listenForKeys(options.stdin, { quit, open: options.open, invite: options.invite });
  });
  return {
    requested,
    release() {
      releaseKeys();
      signals.dispose();
    },
  };
}
