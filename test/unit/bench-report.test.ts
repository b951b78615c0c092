import { describe, expect, it } from 'vitest';
import { buildRows } from '../../bench/lib/report.js';
import { medianRun, type RelayRun } from '../../bench/lib/relay.js';

function run(design: RelayRun['design'], messagesPerSecond: number, p99Ms: number, rounds?: RelayRun['rounds'], serverCpuUsPerMessage?: number): RelayRun {
  return { design, pairs: 500, roundTrips: 1_000, p50Ms: p99Ms / 2, p99Ms, messagesPerSecond, starvedPairs: 0, refused: 0, deliveredTotal: 1, loadAverage: 0, rounds, serverCpuUsPerMessage };
}

describe('the bench report', () => {
  it('judges the 500-pair targets on the runs reported and shows each round\'s ratio beside them', () => {
    const rows = buildRows({
      relay: [
        run('ours', 16_000, 140, [
          { messagesPerSecond: 16_000, p99Ms: 140, serverCpuUsPerMessage: 80 },
          { messagesPerSecond: 9_000, p99Ms: 400, serverCpuUsPerMessage: 100 },
          { messagesPerSecond: 17_000, p99Ms: 90, serverCpuUsPerMessage: 75 },
        ], 80),
        run('socketio', 15_000, 150, [
          { messagesPerSecond: 15_000, p99Ms: 150, serverCpuUsPerMessage: 82 },
          { messagesPerSecond: 9_000, p99Ms: 390, serverCpuUsPerMessage: 90 },
          { messagesPerSecond: 16_000, p99Ms: 100, serverCpuUsPerMessage: 75 },
        ], 82),
        run('floor', 19_000, 100, [
          { messagesPerSecond: 19_000, p99Ms: 100 },
          { messagesPerSecond: 10_000, p99Ms: 420 },
          { messagesPerSecond: 21_000, p99Ms: 70 },
        ], 40),
      ],
    });
    const [latency, rate] = rows;
    expect(latency).toMatchObject({ measure: 'round trip p50 / p99, median of 3 rounds', ours: '70 ms / 140 ms', target: 'p99 ≤ 1.5× floor and ≥ 50× under baseline', met: true });
    expect(latency?.comparedWith).toContain('p99 1.40× floor');
    expect(latency?.comparedWith).toContain('ours/floor in each round: 1.40×, 0.95×, 1.29×');
    expect(rate).toMatchObject({ target: 'server CPU per msg ≤ 1.0× plain socket.io', met: true });
    expect(rate?.comparedWith).toContain('server CPU per msg 0.98× plain socket.io, 2.00× floor');
    expect(rate?.comparedWith).toContain('ours/plain socket.io server CPU in each round: 0.98×, 1.11×, 1.00×');
  });

  it('takes each figure\'s median over the rounds that ran, and keeps every round', () => {
    const failed = { ...run('ours', 0, 0), p99Ms: undefined, error: 'the ours server to start took longer than 30000 ms' };
    const rounds = [run('ours', 15_000, 120), run('ours', 17_000, 90), failed, run('ours', 16_000, 130)];
    const median = medianRun(rounds);
    // msgs/s from one round, p99 from another: the median of each
    expect(median).toMatchObject({ messagesPerSecond: 16_000, p99Ms: 120, error: undefined });
    expect(median.rounds).toEqual([
      { messagesPerSecond: 15_000, p99Ms: 120 },
      { messagesPerSecond: 17_000, p99Ms: 90 },
      { messagesPerSecond: 0, p99Ms: undefined },
      { messagesPerSecond: 16_000, p99Ms: 130 },
    ]);
    expect(medianRun([run('ours', 15_000, 120)]).rounds).toBeUndefined();
    expect(medianRun([failed, failed]).error).toBe(failed.error);
  });

  it('says a missed target is missed', () => {
    const [latency, rate] = buildRows({ relay: [run('ours', 14_000, 160, undefined, 90), run('socketio', 14_000, 150, undefined, 85), run('floor', 19_000, 100)] });
    expect(latency).toMatchObject({ measure: 'round trip p50 / p99', met: false });
    expect(latency?.comparedWith).not.toContain('each round');
    expect(rate).toMatchObject({ met: false });
  });

  it('shows the call set-up through a TURN relay next to the direct one of the same run', () => {
    const setup = (p50Ms: number, p90Ms: number) => ({ calls: 20, successes: 20, p50Ms, p90Ms, stepsP50Ms: {}, browser: 'Chromium 1', failures: [] });
    const rows = buildRows({ callSetup: setup(600, 700), callSetupRelay: setup(900, 1_100) });
    expect(rows.find((row) => row.scenario.startsWith('Call set-up through TURN'))).toEqual({
      scenario: 'Call set-up through TURN (coturn, --relay-only)',
      measure: 'B opens → first remote frame on both, p50 / p90',
      ours: '900 ms / 1100 ms, 20/20 connected',
      comparedWith: 'direct (same run) 600 ms / 700 ms; relay p50 1.50× the direct one',
      target: '',
    });
    expect(buildRows({ callSetupRelaySkipped: 'coturn did not start' })[0]).toMatchObject({ measure: 'not measured', ours: 'coturn did not start' });
  });

  it('gives recovery and the group call as ratios to our 1:1 call set-up of the same run', () => {
    const figures = { calls: 20, successes: 20, stepsP50Ms: {}, failures: [] };
    const rows = buildRows({
      callSetup: { ...figures, p50Ms: 400, p90Ms: 450, browser: 'Chromium' },
      recovery: { wifiCut: { runs: 5, successes: 5, p50Ms: 1_000, p90Ms: 1_100, failures: [] } },
      groupCall: { runs: 10, successes: 10, p50Ms: 1_200, p90Ms: 1_300, failures: [], mesh: [], browser: 'Chromium' },
    });
    const wifi = rows.find((row) => row.measure.includes('Wi-Fi'));
    expect(wifi).toMatchObject({ ours: '1000 ms / 1100 ms, 5/5 came back', target: 'p50 ≤ 1,500 ms', met: true });
    expect(wifi?.comparedWith).toContain('p50 2.50× our 1:1 call set-up (400 ms, same run)');
    expect(rows.find((row) => row.scenario.startsWith('Group call'))?.comparedWith).toBe('p50 3.00× our 1:1 call set-up (400 ms, same run)');
  });
});
