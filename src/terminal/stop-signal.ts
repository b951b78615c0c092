/**
 * Waiting for Ctrl+C (SIGINT) or SIGTERM so the command can end the call cleanly.
 *
 * Under npx one Ctrl+C arrives twice: the terminal signals the whole foreground group, and npm
 * forwards the signal to its child again. Taking the second as "stop now" would kill the server
 * halfway through closing. So a repeat within REPEAT_IS_SAME_PRESS_MS is ignored; a later one
 * means the user insists, and `forceStop` runs.
 */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const REPEAT_IS_SAME_PRESS_MS = 1_000;

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface StopSignal {
  /** Resolves at the first stop signal. */
  stopped: Promise<void>;
  /**
   * Stops listening if no stop signal came. After one, the listeners stay for the rest of the
   * process: the forwarded copy can arrive after the clean stop finished, while Node is exiting,
   * and without a listener it would kill the process by SIGINT instead of a clean exit 0.
   */
  dispose(): void;
}

export function waitForStopSignal(
  forceStop: () => void,
  source: SignalSource = process,
  now: () => number = Date.now,
): StopSignal {
  let firstAt: number | undefined;
  let resolveStopped = () => {};
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const onSignal = () => {
    if (firstAt === undefined) {
      firstAt = now();
      resolveStopped();
    } else if (now() - firstAt > REPEAT_IS_SAME_PRESS_MS) {
      forceStop();
    }
  };
  for (const signal of STOP_SIGNALS) source.on(signal, onSignal);
  return {
    stopped,
    dispose: () => {
      if (firstAt !== undefined) return;
      for (const signal of STOP_SIGNALS) source.off(signal, onSignal);
    },
  };
}

/** The call's own shutdown gives pages ENDED_NOTICE_MS (server/index.ts) before it cuts them; this is the backstop after it. */
export const STOP_DEADLINE_MS = 1_800;

/**
 * After the first stop signal the call ends for everyone; if that hangs, exit anyway so the whole
 * stop stays under 2 s. (A second, deliberate Ctrl+C is waitForStopSignal's forceStop.)
 */
export function cutStopShortIfItHangs(): void {
  setTimeout(() => process.exit(0), STOP_DEADLINE_MS).unref();
}
