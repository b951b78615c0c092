/**
 * Timers for peers that lost their connection: each one's place is held until its timer runs
 * out. Keyed by room and peer so a peer that comes back cancels exactly its own.
 */

// A vanished peer must be reported gone within 10 s (issue 5): socket.io notices a dead socket
// within pingInterval + pingTimeout (2 s + 3 s), and the place is held 4.5 s longer (9.5 s; with
// 5 s it measured 10.02 s). Measured with a 5 s Wi-Fi drop: the server notices 3-5 s in and the
// page is back ~1-2 s after the Wi-Fi, so it resumes its place with a second or more to spare.
export const DEFAULT_GRACE_MS = 4_500;

export interface GraceTimers {
  hold(roomId: string, peerId: string, ms: number, expire: () => void): void;
  /** The peer came back (or left for good): stop its timer. */
  release(roomId: string, peerId: string): void;
  releaseAll(): void;
  size(): number;
}

export function createGraceTimers(): GraceTimers {
  const timers = new Map<string, NodeJS.Timeout>();
  const key = (roomId: string, peerId: string) => `${roomId}\n${peerId}`;
  return {
    hold(roomId, peerId, ms, expire) {
      const k = key(roomId, peerId);
      clearTimeout(timers.get(k));
      timers.set(
        k,
        setTimeout(() => {
          timers.delete(k);
          expire();
        }, ms),
      );
    },
    release(roomId, peerId) {
      const k = key(roomId, peerId);
      clearTimeout(timers.get(k));
      timers.delete(k);
    },
    releaseAll() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
    size: () => timers.size,
  };
}
