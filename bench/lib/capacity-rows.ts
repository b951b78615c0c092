/** The capacity scenario's rows of the bench table (see capacity.ts). */
import type { CapacityRun } from './capacity.js';
import type { Row } from './report.js';

const ms = (value?: number) => (value === undefined ? '–' : value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`);
const pct = (value: number) => `${Math.round(value)}%`;
const count = (value: number) => Math.round(value).toLocaleString('en-US');

export function capacityRows(runs: CapacityRun[] = []): Row[] {
  return runs.flatMap(rowsOf);
}

function rowsOf(result: CapacityRun): Row[] {
  if ('error' in result) {
    return [{ scenario: `Capacity, ${count(result.plan.rooms)} calls`, measure: 'run', ours: `failed: ${result.error}`, comparedWith: '', target: '', met: false }];
  }
  const { plan, steady, held, storm, ramp } = result;
  const scenario = `Capacity, ${count(plan.rooms)} calls (+${count(plan.stormRooms)} in a storm) in one \`start --open-rooms\``;
  const failed = ramp.failures.length + storm.failures.length;
  return [
    {
      scenario,
      measure: `server CPU, % of one core: held calls / whole ${plan.durationMs / 1000} s with the storm`,
      ours: `${pct(held.serverCpuPercent)} / ${pct(steady.serverCpuPercent)}`,
      comparedWith: `clients (other processes, same 2 cores) ${pct(steady.clientCpuPercent)}; set-up of the calls ${pct(ramp.serverCpuPercent)} for ${ramp.seconds.toFixed(1)} s`,
      target: '≤ 50% of one core',
      met: steady.serverCpuPercent <= 50,
    },
    {
      scenario,
      measure: `relay round trip p50 / p99 (${count(steady.roundTrips)} round trips)`,
      ours: `${ms(steady.relayP50Ms)} / ${ms(steady.relayP99Ms)}`,
      comparedWith: `held calls alone ${ms(held.relayP50Ms)} / ${ms(held.relayP99Ms)}; during the storm ${ms(storm.relayP50Ms)} / ${ms(storm.relayP99Ms)}`,
      target: 'p99 ≤ 50 ms',
      met: steady.relayP99Ms === undefined ? undefined : steady.relayP99Ms <= 50,
    },
    {
      scenario,
      measure: 'signals lost / refused; calls that failed to join',
      ours: `${count(result.lost)} of ${count(result.sent)} / ${count(result.refused)}; ${count(failed)}`,
      comparedWith: failed > 0 ? `first failure: ${[...ramp.failures, ...storm.failures][0]}` : '',
      target: '0 lost',
      met: result.lost === 0 && result.refused === 0 && failed === 0 && result.probeFailures === 0,
    },
    {
      scenario,
      measure: 'server RSS half-way / at the end (peak); event-loop delay p99 / max',
      ours: `${held.rssMB.toFixed(0)} / ${steady.rssMB.toFixed(0)} MB (${steady.maxRssMB.toFixed(0)} MB); ${ms(steady.loopDelayP99Ms)} / ${ms(steady.loopDelayMaxMs)}`,
      comparedWith:
        `held calls alone: loop delay p99 ${ms(held.loopDelayP99Ms)}; longest GC pause ${ms(steady.gcMaxPauseMs)}; ` +
        `the server waited for a core held by another process ${pct(steady.waitedForCpuPercent)} of the time (${pct(storm.waitedForCpuPercent)} in the storm)`,
      target: '',
    },
    {
      scenario,
      measure: `join storm: ${count(plan.stormRooms)} calls in ${plan.stormSpreadMs / 1000} s, joined p50 / p99, set up p99`,
      ours: `${ms(storm.joinedP50Ms)} / ${ms(storm.joinedP99Ms)}, ${ms(storm.signaledP99Ms)}`,
      comparedWith: `server CPU ${pct(storm.serverCpuPercent)} over ${storm.seconds.toFixed(1)} s; loop delay p99 ${ms(storm.loopDelayP99Ms)}; ${count(storm.failures.length)} failed`,
      target: '',
    },
  ];
}
