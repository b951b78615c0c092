// Preloaded (node --import) into the real `webrtc-call start` process by the capacity scenario:
// answers the bench over the IPC channel with the process's own CPU time, RSS and event-loop
// delay, which cannot be read from outside. Plain JS so no TypeScript loader runs in the server.
// Requests: { op: 'sample' } → figures since the previous sample; { op: 'reset' } starts over.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

// 10 ms resolution: Node's default; a delay is measured as how late each 10 ms timer fires.
const RESOLUTION_MS = 10;
let window = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
window.enable();

// The histogram holds each timer's whole interval: the delay is what exceeds the resolution.
const delayMs = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
let cpuAt = process.cpuUsage();
let wallAt = performance.now();

// On a shared machine a late event loop is either this process working, collecting garbage, or
// waiting for a core: the main thread's run-queue wait (Linux schedstat, ns) and GC pauses tell which.
const runQueueWaitMs = () => {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return 0;
  }
};
let waitAt = runQueueWaitMs();
let gcPauseMs = 0;
let gcMaxPauseMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcPauseMs += entry.duration;
    gcMaxPauseMs = Math.max(gcMaxPauseMs, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

process.on('message', (request) => {
  if (request?.op !== 'sample' && request?.op !== 'reset') return;
  const cpu = process.cpuUsage(cpuAt);
  const wallMs = performance.now() - wallAt;
  const sample = {
    probe: true,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMB: process.memoryUsage.rss() / 1e6,
    // maxRSS is in KiB.
    maxRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6,
    loopDelayP50Ms: delayMs(window.percentile(50)),
    loopDelayP99Ms: delayMs(window.percentile(99)),
    loopDelayMaxMs: delayMs(window.max),
    runQueueWaitMs: runQueueWaitMs() - waitAt,
    gcPauseMs,
    gcMaxPauseMs,
  };
  waitAt = runQueueWaitMs();
  gcPauseMs = 0;
  gcMaxPauseMs = 0;
  window.disable();
  window = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  window.enable();
  cpuAt = process.cpuUsage();
  wallAt = performance.now();
  process.send?.(sample);
});
// The bench going away (even killed) ends the server: nothing is left running.
process.on('disconnect', () => process.exit(0));
