/**
 * Timers for peers that lost their connection: each one's place is held until its timer runs
 * out. Keyed by room and peer so a peer that comes back cancels exactly its own.
 */

// A vanished peer must be reported gone within 10 s (issue 5): socket.io notices a dead socket
// within pingInterval + pingTimeout (3 s + 3 s), and the place is held 3.5 s longer (9.5 s). A 5 s
// Wi-Fi drop usually ends before the server even notices; a reconnect takes ~1-2 s more.
export const DEFAULT_GRACE_MS = 3_500;

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
