/**
 * After the first Ctrl+C / SIGTERM (the caller ends the call for everyone): a second one exits
 * at once, and a graceful stop that hangs is cut short so the whole stop stays under 2 s.
 */

/** The call's own shutdown waits at most ~1.2 s (server/index.ts); this is the backstop. */
export const STOP_DEADLINE_MS = 1_800;

export function cutStopShortIfItHangs(): void {
  // Impatient second press: leave now; the OS frees the port.
  const again = () => process.exit(130);
  process.once('SIGINT', again);
  process.once('SIGTERM', again);
  setTimeout(() => process.exit(0), STOP_DEADLINE_MS).unref();
}
