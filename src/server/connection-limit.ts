/**
 * How many connections each address holds, so one machine on the café's Wi-Fi cannot open
 * thousands of sockets. Entries go when their count reaches zero (no growth over a long run).
 */

export interface ConnectionCounts {
  isFull(address: string): boolean;
  add(address: string): void;
  remove(address: string): void;
  /** Addresses tracked (for leak tests). */
  size(): number;
}

export function createConnectionCounts(maxPerAddress: number): ConnectionCounts {
  const counts = new Map<string, number>();
  return {
    isFull: (address) => (counts.get(address) ?? 0) >= maxPerAddress,
    add(address) {
      counts.set(address, (counts.get(address) ?? 0) + 1);
    },
    remove(address) {
      const count = (counts.get(address) ?? 0) - 1;
      if (count > 0) counts.set(address, count);
      else counts.delete(address);
    },
    size: () => counts.size,
  };
}
