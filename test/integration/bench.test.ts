import { describe, expect, it } from 'vitest';
import { DESIGNS } from '../../bench/lib/designs.js';
import { measurePageWeight } from '../../bench/lib/page-weight.js';
import { measureRelay } from '../../bench/lib/relay.js';

// npm run bench is not part of npm test; this keeps its code from rotting: the relay scenario
// at its smallest (one pair per design, one second) must still relay in both directions.
describe('the benchmark', () => {
  it('relays signals through our server, plain socket.io, the broadcast baseline and the ws floor', async () => {
    const runs = await measureRelay({ designs: DESIGNS, pairCounts: [1], warmupMs: 200, durationMs: 1_000 });
    expect(runs.map((r) => r.design)).toEqual([...DESIGNS]);
    for (const run of runs) {
      expect(run.error, run.design).toBeUndefined();
      expect(run.roundTrips, run.design).toBeGreaterThan(0);
      expect(run.refused, run.design).toBe(0);
      expect(run.clientCpuUsPerMessage, run.design).toBeGreaterThan(0);
    }
    // Eight worker processes (a server and a load per design) start under tsx: on a busy 2-core
    // machine that alone can take a minute.
  }, 240_000);

  it('weighs the built page', () => {
    const weight = measurePageWeight();
    expect(weight.js.gzipBytes).toBeGreaterThan(0);
    expect(weight.js.gzipBytes).toBeLessThan(weight.js.rawBytes);
  });
});
