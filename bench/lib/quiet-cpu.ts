/**
 * Waits until this machine's CPUs are mostly idle, bounded in time. The call set-up scenario
 * starts each timed call on a settled machine: on 2 cores the previous call's renderers were
 * still exiting, and page A still starting, when the next call began, so each call measured
 * the one before it as much as itself (load average 9-10 through a run).
 */
import { readFileSync } from 'node:fs';

const SAMPLE_MS = 200;
/** Share of CPU time idle over one sample that counts as quiet. */
const QUIET_IDLE_SHARE = 0.85;

/** After maxMs it gives up and resolves anyway: a busy host slows the calls, it is not an error. */
export async function waitForQuietCpu(maxMs: number): Promise<void> {
  const started = Date.now();
  let before = cpuTimes();
  while (before && Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    const after = cpuTimes();
    if (after && after.total > before.total && (after.idle - before.idle) / (after.total - before.total) >= QUIET_IDLE_SHARE) return;
    before = after;
  }
}

/** undefined without /proc/stat (not Linux): then there is nothing to wait for. */
function cpuTimes(): { idle: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: idle and iowait are idle time
    const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return { idle: (fields[3] ?? 0) + (fields[4] ?? 0), total };
  } catch {
    return undefined;
  }
}
