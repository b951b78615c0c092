/**
 * Timers for peers that lost their connection: each one's place is held until its timer runs
 * out. Keyed by room and peer so a peer that comes back cancels exactly its own.
 */

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
