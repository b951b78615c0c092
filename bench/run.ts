/**
 * `npm run bench`: signaling relay, memory, start-up, call set-up and page weight, each side by
 * side with its yardstick, in one run on 127.0.0.1. Prints one table, writes
 * bench/results/latest.json and latest.md (with --only: only-<scenarios>.json and .md). A benchmark, not a test: it reports, never fails
 * on a slow machine, and every loop is bounded in count and time.
 *
 * Options: --only relay,memory,startup,call,firefox,recovery,page,capacity,group,files,chat (call: ours alternating
 * with the reference page, then through a TURN relay; files: 100 MB laptop → phone page next to a bare data-channel pump)   --quick (a smoke run: small counts, short times)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { measureCallSetup, measureRelayedCallSetup } from './lib/call-setup.js';
import { measureChatLatency } from './lib/chat-latency.js';
import { measureFileTransfer } from './lib/file-transfer.js';
import { CAPACITY_PLAN, measureCapacityRuns } from './lib/capacity.js';
import { GROUP_CALL_PLAN, measureGroupCall } from './lib/group-call.js';
import { measureFirefoxCallSetup } from './lib/firefox-call-setup.js';
import { DESIGNS } from './lib/designs.js';
import { measureMemory } from './lib/memory.js';
import { measurePageWeight } from './lib/page-weight.js';
import { measureReloadRecovery, measureServerRestartRecovery, measureWifiCutRecovery } from './lib/recovery.js';
import { measureRelay } from './lib/relay.js';
import { buildRows, markdownTable, type Results } from './lib/report.js';
import { measureStartup } from './lib/startup.js';

const SCENARIOS = ['relay', 'memory', 'startup', 'call', 'firefox', 'recovery', 'page', 'capacity', 'group', 'files', 'chat'] as const;
type Scenario = (typeof SCENARIOS)[number];

const { values } = parseArgs({ options: { only: { type: 'string' }, quick: { type: 'boolean', default: false } } });
const only = new Set((values.only?.split(',') ?? SCENARIOS) as Scenario[]);
const quick = values.quick ?? false;
const plan = {
  pairCounts: quick ? [1, 10] : [1, 10, 100, 500],
  warmupMs: quick ? 300 : 1_000,
  durationMs: quick ? 1_000 : 5_000,
  rounds: quick ? 1 : 3,
  connections: quick ? [0, 200, 1_000] : [0, 1_000, 5_000],
  memoryRepeats: quick ? 1 : 3,
  startupRuns: quick ? 3 : 10,
  calls: quick ? 3 : 20,
  firefoxCalls: quick ? 2 : 10,
  reloads: quick ? 2 : 10,
  wifiCuts: quick ? 2 : 5,
  serverRestarts: quick ? 1 : 5,
  capacity: CAPACITY_PLAN[quick ? 'quick' : 'full'],
  group: GROUP_CALL_PLAN[quick ? 'quick' : 'full'],
  fileBytes: quick ? 20e6 : 100e6,
  fileRuns: quick ? 1 : 3,
  chatSamples: quick ? 3 : 20,
};

const load = () => Number((os.loadavg()[0] ?? 0).toFixed(2));
const log = (line: string) => console.error(`  ${line}`);
const startedAt = new Date();
const loadAtStart = load();
const results: Results = {};

if (only.has('relay')) results.relay = await measureRelay({ designs: DESIGNS, ...plan }, log);
if (only.has('memory')) results.memory = await measureMemory(DESIGNS, plan.connections, log, plan.memoryRepeats);
if (only.has('startup')) {
  results.startup = await measureStartup(plan.startupRuns, load);
  log(`start-up: ${JSON.stringify(results.startup)}`);
}
if (only.has('call')) {
  // Chromium's WebRTC probes every interface: only inside the loopback-only namespace that
  // scripts/bench.sh makes (as root), never on this machine's real network.
  if (process.env.WEBRTC_CALL_NETNS === '1') {
    results.callSetup = await measureCallSetup(plan.calls, log, undefined, undefined, true);
    const relayed = await measureRelayedCallSetup(plan.calls, log);
    if (typeof relayed === 'string') results.callSetupRelaySkipped = relayed;
    else results.callSetupRelay = relayed;
  } else results.callSetupSkipped = 'needs the loopback-only namespace: run "npm run bench" as root';
}
// Firefox needs namespaces with a default route: the simulated Wi-Fi, made inside the bench's own namespace.
if (only.has('firefox') && process.env.WEBRTC_CALL_NETNS === '1') results.firefoxCallSetup = await measureFirefoxCallSetup(plan.firefoxCalls, log);
if (only.has('recovery') && process.env.WEBRTC_CALL_NETNS === '1') {
  results.recovery = {
    reload: await measureReloadRecovery(plan.reloads, log),
    wifiCut: await measureWifiCutRecovery(plan.wifiCuts, log),
    serverRestart: await measureServerRestartRecovery(plan.serverRestarts, log),
  };
}
if (only.has('page')) results.pageWeight = measurePageWeight();
if (only.has('capacity')) results.capacity = await measureCapacityRuns(plan.capacity, log);
// Four Chromium pages: only inside the loopback-only namespace, as the call scenario.
if (only.has('group') && process.env.WEBRTC_CALL_NETNS === '1') results.groupCall = await measureGroupCall(plan.group, log);
// Two Chromium pages, likewise.
if (only.has('files') && process.env.WEBRTC_CALL_NETNS === '1') results.fileTransfer = await measureFileTransfer(plan.fileBytes, plan.fileRuns, log);
if (only.has('chat') && process.env.WEBRTC_CALL_NETNS === '1') results.chatLatency = await measureChatLatency(plan.chatSamples, log);

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown CPU',
  cores: os.cpus().length,
  memoryGB: Math.round(os.totalmem() / 1e9),
  os: `${os.type()} ${os.release()}`,
  node: process.version,
  browser: results.callSetup?.browser,
  loadAverage: { atStart: loadAtStart, atEnd: load() },
};
const rows = buildRows(results);
const table = markdownTable(rows);
const about =
  `${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine.cpu} (${machine.cores} cores), ` +
  `${machine.memoryGB} GB, ${machine.os}, Node ${machine.node}${machine.browser ? `, ${machine.browser}` : ''}; ` +
  `load average ${machine.loadAverage.atStart} at start, ${machine.loadAverage.atEnd} at end` +
  (quick ? ' (--quick: small counts, short runs)' : '');

const out = new URL('./results/', import.meta.url);
mkdirSync(out, { recursive: true });
// A partial run (--only) goes beside the last full run's table instead of replacing it.
const name = values.only ? `only-${[...only].join('+')}` : 'latest';
writeFileSync(new URL(`${name}.json`, out), `${JSON.stringify({ startedAt, quick, plan, machine, results, rows }, null, 2)}\n`);
writeFileSync(new URL(`${name}.md`, out), `${about}\n\n${table}\n`);
console.log(`\n${about}\n\n${table}\n\nWritten to bench/results/${name}.json and ${name}.md.`);
