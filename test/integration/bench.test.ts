import { describe, expect, it } from 'vitest';
import { measureCapacity } from '../../bench/lib/capacity.js';
import { DESIGNS } from '../../bench/lib/designs.js';
import { measurePageWeight } from '../../bench/lib/page-weight.js';
import { measureRelay } from '../../bench/lib/relay.js';
import { buildRows } from '../../bench/lib/report.js';
import { startDesign } from '../../bench/lib/servers.js';

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

  it('holds office calls in one `start --open-rooms`, each peer from its own address, losing no signal', async () => {
    const result = await measureCapacity({ rooms: 4, durationMs: 2_000, stormRooms: 2, stormSpreadMs: 200, probeEveryMs: 300, clientProcesses: 2 });
    expect(result.ramp.failures).toEqual([]);
    expect(result.storm.failures).toEqual([]);
    expect(result.ramp.rooms + result.storm.rooms).toBe(6);
    expect(result.steady.roundTrips).toBeGreaterThan(0);
    expect(result.sent).toBeGreaterThan(6 * 2 * 12);
    expect({ lost: result.lost, refused: result.refused }).toEqual({ lost: 0, refused: 0 });
    expect(result.steady.serverCpuPercent).toBeGreaterThan(0);
    // Three client workers start under tsx, and the server as the built CLI.
  }, 120_000);

  it('weighs the built page', () => {
    const weight = measurePageWeight();
    expect(weight.js.gzipBytes).toBeGreaterThan(0);
    expect(weight.js.gzipBytes).toBeLessThan(weight.js.rawBytes);
  });

  it('serves the reference call page with socket.io\'s client script', async () => {
    const server = await startDesign('reference-page');
    try {
      const origin = `http://127.0.0.1:${server.port}`;
      const page = await fetch(`${origin}/r/any-room`);
      expect(await page.text()).toContain('<video id="local"');
      for (const script of ['/call.js', '/socket.io/socket.io.js']) {
        const response = await fetch(`${origin}${script}`);
        expect(response.status, script).toBe(200);
        expect(response.headers.get('content-type'), script).toMatch(/javascript/);
      }
    } finally {
      await server.close();
    }
  });

  it('reports call set-up as a ratio to the reference page measured in the same run', () => {
    const figures = { calls: 20, successes: 20, stepsP50Ms: {}, failures: [] };
    const [row] = buildRows({
      callSetup: { ...figures, p50Ms: 300, p90Ms: 400, browser: 'Chromium', reference: { ...figures, p50Ms: 1_000, p90Ms: 1_200 } },
    });
    expect(row?.comparedWith).toContain('reference page 1000 ms / 1200 ms, 20/20 connected');
    expect(row?.comparedWith).toContain('ours 0.30× the reference');
    expect(row?.met).toBe(true);
  });
});
