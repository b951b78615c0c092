/** Turns the scenarios' results into one table (rows of plain strings) against the targets. */
import type { ChatLatencyResult } from './chat-latency.js';
import { chatRows, fileRows } from './extras-rows.js';
import type { FileTransferResult } from './file-transfer.js';
import type { CallSetupResult } from './call-setup.js';
import type { CapacityRun } from './capacity.js';
import { capacityRows } from './capacity-rows.js';
import type { GroupCallResult } from './group-call.js';
import { groupCallRows } from './group-call-rows.js';
import type { FirefoxCallSetupResult } from './firefox-call-setup.js';
import { DESIGN_LABELS } from './designs.js';
import type { MemoryRun } from './memory.js';
import type { PageWeight } from './page-weight.js';
import type { RecoveryFigures, RecoveryResult } from './recovery.js';
import type { RelayRun, RoundFigures } from './relay.js';
import type { StartupResult } from './startup.js';

export interface Row {
  scenario: string;
  measure: string;
  ours: string;
  comparedWith: string;
  target: string;
  /** undefined: no target for this row, or not measured. */
  met?: boolean;
}

export interface Results {
  /** A 100 MB file laptop → phone page, next to a bare data-channel pump. */
  fileTransfer?: FileTransferResult;
  chatLatency?: ChatLatencyResult;
  relay?: RelayRun[];
  memory?: MemoryRun[];
  startup?: StartupResult;
  callSetup?: CallSetupResult;
  callSetupSkipped?: string;
  /** The same call set-up with both pages sending only through a TURN relay (coturn on loopback). */
  callSetupRelay?: CallSetupResult;
  callSetupRelaySkipped?: string;
  firefoxCallSetup?: FirefoxCallSetupResult;
  recovery?: RecoveryResult;
  pageWeight?: PageWeight;
  capacity?: CapacityRun[];
  groupCall?: GroupCallResult;
}

const ms = (value?: number) => (value === undefined ? '–' : value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`);
const mb = (value?: number) => (value === undefined ? '–' : `${value.toFixed(1)} MB`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const count = (value: number) => Math.round(value).toLocaleString('en-US');
const times = (value?: number) => (value === undefined || !Number.isFinite(value) ? '–' : `${value.toFixed(2)}×`);
const ratio = (a?: number, b?: number) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);

export function buildRows(results: Results): Row[] {
  return [
    ...relayRows(results.relay ?? []),
    ...memoryRows(results.memory ?? []),
    ...startupRows(results.startup),
    ...callRows(results.callSetup, results.callSetupSkipped),
    ...relayCallRows(results.callSetupRelay, results.callSetup, results.callSetupRelaySkipped),
    ...firefoxCallRows(results.firefoxCallSetup),
    ...recoveryRows(results.recovery, results.callSetup),
    ...pageRows(results.pageWeight, results.callSetup),
    ...capacityRows(results.capacity),
    ...groupCallRows(results.groupCall, results.callSetup),
    ...fileRows(results.fileTransfer),
    ...chatRows(results.chatLatency),
  ];
}

function relayRows(runs: RelayRun[]): Row[] {
  const rows: Row[] = [];
  for (const pairs of [...new Set(runs.map((r) => r.pairs))]) {
    const at = (design: RelayRun['design']) => runs.find((r) => r.pairs === pairs && r.design === design);
    const ours = at('ours');
    if (!ours) continue;
    const others = (['socketio', 'baseline', 'floor'] as const).flatMap((design) => {
      const run = at(design);
      return run ? [{ label: DESIGN_LABELS[design], run }] : [];
    });
    const floor = at('floor');
    const baseline = at('baseline');
    const socketio = at('socketio');
    const isTarget = pairs === 500;
    const rounds = ours.rounds && floor?.rounds && ours.rounds.length === floor.rounds.length ? ours.rounds.length : 1;
    const scenario = `Relay, ${pairs} pair${pairs === 1 ? '' : 's'}`;
    const medianOf = rounds > 1 ? `, median of ${rounds} rounds` : '';
    // Rounds ran one after the other, each design in turn: a round's ratio compares runs seconds apart.
    const eachRound = (pick: (r: RoundFigures) => number | undefined, other = floor, name = 'floor') =>
      rounds > 1 && other?.rounds?.length === rounds
        ? `; ours/${name} in each round: ${ours.rounds?.map((r, i) => times(ratio(pick(r), other.rounds?.[i] && pick(other.rounds[i])))).join(', ')}`
        : '';
    const latency = (run: RelayRun) =>
      run.error ? 'failed' : `${ms(run.p50Ms)} / ${ms(run.p99Ms)}${run.starvedPairs ? ` (${run.starvedPairs} pairs got no reply)` : ''}`;
    const p99VsFloor = ratio(ours.p99Ms, floor?.p99Ms);
    const p99VsBaseline = ratio(baseline?.p99Ms, ours.p99Ms);
    rows.push({
      scenario,
      measure: `round trip p50 / p99${medianOf}`,
      ours: latency(ours),
      comparedWith:
        `${others.map(({ label, run }) => `${label} ${latency(run)}`).join('; ')}; ` +
        `p99 ${times(p99VsFloor)} floor, ${times(ratio(ours.p99Ms, socketio?.p99Ms))} plain socket.io; baseline ${times(p99VsBaseline)} ours` +
        eachRound((r) => r.p99Ms),
      target: isTarget ? 'p99 ≤ 1.5× floor and ≥ 50× under baseline' : '',
      met: isTarget && p99VsFloor !== undefined ? p99VsFloor <= 1.5 && (p99VsBaseline === undefined || p99VsBaseline >= 50) : undefined,
    });
    const rateVsFloor = ratio(ours.messagesPerSecond, floor?.messagesPerSecond);
    const serverCpuVsSocketIo = ratio(ours.serverCpuUsPerMessage, socketio?.serverCpuUsPerMessage);
    const rate = (run: RelayRun) =>
      `${count(run.messagesPerSecond)} (${run.serverCpuUsPerMessage?.toFixed(0) ?? '–'} µs + ${run.clientCpuUsPerMessage?.toFixed(0) ?? '–'} µs)`;
    rows.push({
      scenario,
      measure: `relayed msgs/s (CPU per msg: server + clients)${medianOf}`,
      ours: rate(ours),
      comparedWith:
        `${others.map(({ label, run }) => `${label} ${rate(run)}`).join('; ')}; ` +
        `ours ${times(rateVsFloor)} floor, ${times(ratio(ours.messagesPerSecond, at('socketio')?.messagesPerSecond))} plain socket.io, ` +
        `${times(ratio(ours.messagesPerSecond, baseline?.messagesPerSecond))} baseline; ` +
        `server CPU per msg ${times(serverCpuVsSocketIo)} plain socket.io, ${times(ratio(ours.serverCpuUsPerMessage, floor?.serverCpuUsPerMessage))} floor` +
        eachRound((r) => r.serverCpuUsPerMessage, socketio, 'plain socket.io server CPU'),
      target: isTarget ? 'server CPU per msg ≤ 1.0× plain socket.io' : '',
      met: isTarget && serverCpuVsSocketIo !== undefined ? serverCpuVsSocketIo <= 1.0 : undefined,
    });
  }
  return rows;
}

function memoryRows(runs: MemoryRun[]): Row[] {
  const ours = runs.find((r) => r.design === 'ours');
  if (!ours) return [];
  const others = runs.filter((r) => r !== ours);
  const samples = (run: MemoryRun) => run.samples.map((s) => `${count(s.connections)}: ${mb(s.rssMB)}`).join(', ');
  const repeats = ours.rssMBPer1000Repeats ?? [];
  return [
    {
      scenario: 'Memory, idle connections',
      measure: `server RSS per 1,000 (heap)${repeats.length > 1 ? `, median of ${repeats.length}` : ''}`,
      ours: `${mb(ours.rssMBPer1000)} (${mb(ours.heapMBPer1000)})`,
      comparedWith: others.map((r) => `${DESIGN_LABELS[r.design]} ${mb(r.rssMBPer1000)} (${mb(r.heapMBPer1000)})`).join('; '),
      target: '≤ 12 MB',
      met: ours.rssMBPer1000 === undefined ? undefined : ours.rssMBPer1000 <= 12,
    },
    {
      scenario: 'Memory, idle connections',
      measure: 'server RSS at 0 / 1k / 5k connections',
      ours: samples(ours),
      comparedWith:
        `from 0: ${mb(ours.rssMBPer1000FromZero)} per 1,000 (includes one-time costs)` +
        (repeats.length > 1 ? `; RSS per 1,000 in each run: ${repeats.map((r) => mb(r)).join(', ')}` : ''),
      target: '',
    },
  ];
}

function startupRows(startup?: StartupResult): Row[] {
  if (!startup) return [];
  const vsBare = ratio(startup.cliMs, startup.bareMs);
  return [
    {
      scenario: 'Start-up',
      measure: `spawn → URL printed + port open (median of ${startup.runs})`,
      ours: ms(startup.cliMs),
      comparedWith: `bare Node script ${ms(startup.bareMs)} (${times(vsBare)}); without oclif manifest ${ms(startup.cliNoManifestMs)}`,
      target: '≤ 1.25× bare',
      met: vsBare === undefined ? undefined : vsBare <= 1.25,
    },
    {
      scenario: 'Start-up',
      measure: '`--help` (median)',
      ours: ms(startup.helpMs),
      comparedWith: `\`start --help\` ${ms(startup.startHelpMs)}; without manifest ${ms(startup.helpNoManifestMs)}`,
      target: '≤ 270 ms',
      met: startup.helpMs === undefined ? undefined : startup.helpMs <= 270,
    },
  ];
}

/** Call set-up must beat the reference page (the original demo's design) by this much, measured in the same run. */
export const CALL_SETUP_VS_REFERENCE = 0.35;
/** Our page must show the camera no later than the reference page, whatever it loads besides. */
export const PREVIEW_VS_REFERENCE = 1.0;

function callRows(call?: CallSetupResult, skipped?: string): Row[] {
  const target = `p50 ≤ ${CALL_SETUP_VS_REFERENCE}× the reference page's, 20/20`;
  if (!call) {
    return skipped ? [{ scenario: 'Call set-up (Chromium)', measure: 'not measured', ours: skipped, comparedWith: '', target }] : [];
  }
  const steps = Object.entries(call.stepsP50Ms).map(([step, at]) => `${step.replace(/At$/, '')} ${ms(at)}`).join(', ');
  const reference = call.reference;
  const vsReference = ratio(call.p50Ms, reference?.p50Ms);
  const referenceFigures = reference
    ? `reference page ${ms(reference.p50Ms)} / ${ms(reference.p90Ms)}, ${reference.successes}/${reference.calls} connected (same run, alternating); ours ${times(vsReference)} the reference; `
    : 'reference page not measured; ';
  return [
    {
      scenario: 'Call set-up (Chromium)',
      measure: 'B opens → first remote frame on both, p50 / p90',
      ours: `${ms(call.p50Ms)} / ${ms(call.p90Ms)}, ${call.successes}/${call.calls} connected`,
      comparedWith: `${referenceFigures}page B p50: ${steps}`,
      target,
      met: vsReference === undefined ? false : vsReference <= CALL_SETUP_VS_REFERENCE && call.successes === call.calls && call.calls >= 20,
    },
  ];
}

/** No target: how much the relay adds to set-up, next to the direct path measured in the same run. */
function relayCallRows(relayed?: CallSetupResult, direct?: CallSetupResult, skipped?: string): Row[] {
  const scenario = 'Call set-up through TURN (coturn, --relay-only)';
  if (!relayed) return skipped ? [{ scenario, measure: 'not measured', ours: skipped, comparedWith: '', target: '' }] : [];
  return [
    {
      scenario,
      measure: 'B opens → first remote frame on both, p50 / p90',
      ours: `${ms(relayed.p50Ms)} / ${ms(relayed.p90Ms)}, ${relayed.successes}/${relayed.calls} connected`,
      comparedWith:
        `direct (same run) ${ms(direct?.p50Ms)} / ${ms(direct?.p90Ms)}; relay p50 ${times(ratio(relayed.p50Ms, direct?.p50Ms))} the direct one` +
        // A run of --only turn measures no reference page: say nothing rather than "–".
        (direct?.reference ? `, ${times(ratio(relayed.p50Ms, direct.reference.p50Ms))} the reference page's direct call` : ''),
      target: '',
    },
  ];
}

/** No target: Firefox next to Chromium, measured in the same run and setting. */
function firefoxCallRows(result?: FirefoxCallSetupResult): Row[] {
  if (!result) return [];
  const figures = (pair: FirefoxCallSetupResult['chromium']) => `${ms(pair.p50Ms)} / ${ms(pair.p90Ms)}, ${pair.successes}/${pair.calls} connected`;
  return [
    {
      scenario: 'Call set-up (Chromium ↔ Firefox)',
      measure: 'laptop Chromium A, phone B over https on the simulated Wi-Fi: B opens → first remote frame on both, p50 / p90',
      ours: `Firefox B: ${figures(result.firefox)}`,
      comparedWith: `Chromium B, same setting: ${figures(result.chromium)} (${result.browsers}); Firefox p50 ${times(ratio(result.firefox.p50Ms, result.chromium.p50Ms))} Chromium's`,
      target: 'reported side by side',
    },
  ];
}

/**
 * Each next to our own 1:1 Chromium call set-up of the same run (a ratio travels between
 * machines; the absolute figure beside it says what a user waits).
 */
function recoveryRows(recovery?: RecoveryResult, call?: CallSetupResult): Row[] {
  if (!recovery) return [];
  const scenario = 'Recovery (Chromium)';
  const figures = (result: RecoveryFigures) => `${ms(result.p50Ms)} / ${ms(result.p90Ms)}, ${result.successes}/${result.runs} came back`;
  const vsCall = (result: RecoveryFigures) =>
    call ? `p50 ${times(ratio(result.p50Ms, call.p50Ms))} our 1:1 call set-up (${ms(call.p50Ms)}, same run)` : 'call set-up not measured in this run';
  const row = (measure: string, result: RecoveryFigures | undefined, targetMs?: number, extra = ''): Row[] =>
    result
      ? [
          {
            scenario,
            measure,
            ours: figures(result),
            comparedWith: `${vsCall(result)}${extra}`,
            target: targetMs === undefined ? 'reported' : `p50 ≤ ${count(targetMs)} ms`,
            met: targetMs === undefined || result.p50Ms === undefined ? undefined : result.p50Ms <= targetMs && result.successes === result.runs,
          },
        ]
      : [];
  return [
    ...row('one side reloads → remote frame decoded again on both, p50 / p90', recovery.reload, 500),
    ...row('phone\'s Wi-Fi down 5 s (simulated LAN) → video on both again after the link returns, p50 / p90', recovery.wifiCut, 1_500),
    ...row(
      'server killed, started again (same room, port) → video on both again, from the new server listening, p50 / p90',
      recovery.serverRestart,
      undefined,
      `; from the kill ${ms(recovery.serverRestart?.fromKillP50Ms)} p50 (includes the CLI's start-up)`,
    ),
  ];
}

function pageRows(weight?: PageWeight, call?: CallSetupResult): Row[] {
  if (!weight) return [];
  const previewVsReference = ratio(call?.localPreviewP50Ms, call?.reference?.localPreviewP50Ms);
  return [
    {
      scenario: 'Page weight',
      measure: 'JS raw / gzip (incl. socket.io-client)',
      ours: `${kb(weight.js.rawBytes)} / ${kb(weight.js.gzipBytes)}`,
      comparedWith: `CSS ${kb(weight.css.rawBytes)} / ${kb(weight.css.gzipBytes)}; HTML ${kb(weight.html.rawBytes)} / ${kb(weight.html.gzipBytes)}`,
      target: 'JS ≤ 40 KB gzip',
      met: weight.js.gzipBytes <= 40 * 1024,
    },
    {
      scenario: 'Page weight',
      measure: 'page opens → local preview (p50)',
      ours: ms(call?.localPreviewP50Ms),
      comparedWith: call?.reference ? `reference page ${ms(call.reference.localPreviewP50Ms)} (same run); ours ${times(previewVsReference)} the reference` : '',
      target: `≤ ${PREVIEW_VS_REFERENCE.toFixed(1)}× the reference page's`,
      met: previewVsReference === undefined ? undefined : previewVsReference <= PREVIEW_VS_REFERENCE,
    },
  ];
}

const HEADER = ['Scenario', 'Measure', 'webrtc-call', 'Compared with', 'Target', 'Met'];

export function markdownTable(rows: Row[]): string {
  const cells = rows.map((r) => [r.scenario, r.measure, r.ours, r.comparedWith, r.target, r.met === undefined ? '' : r.met ? 'yes' : 'no']);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.replaceAll('|', '\\|').padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(HEADER), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
