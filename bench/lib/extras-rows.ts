/** The table's rows for files and chat (file-transfer.ts, chat-latency.ts), against their targets. */
import type { ChatLatencyResult } from './chat-latency.js';
import type { FileTransferResult } from './file-transfer.js';
import type { Row } from './report.js';

/** Ours (pick → Save link) at least this share of the bare pump's throughput. */
export const FILE_TARGET_VS_PUMP = 0.8;

const mbps = (value?: number) => (value === undefined ? '–' : `${value.toFixed(1)} MB/s`);
const list = (values: number[]) => values.map((v) => v.toFixed(1)).join(', ');

export function fileRows(result?: FileTransferResult): Row[] {
  if (!result) return [];
  const vsPump = result.oursMedianMBps !== undefined && result.pumpMedianMBps ? result.oursMedianMBps / result.pumpMedianMBps : undefined;
  const failed = result.failures.length > 0 ? `; failed: ${result.failures.join('; ')}` : '';
  return [
    {
      scenario: 'File, laptop → phone page',
      measure: `${Math.round(result.bytes / 1e6)} MB, pick → "Save" link shown (median of ${result.runs})`,
      ours: `${mbps(result.oursMedianMBps)} (${vsPump === undefined ? '–' : `${vsPump.toFixed(2)}×`} the pump)`,
      comparedWith:
        `bare data-channel pump, same chunks and buffer levels, same run: ${mbps(result.pumpMedianMBps)}; ` +
        `ours from the offer arriving: ${mbps(result.oursWireMedianMBps)}; runs: ours ${list(result.oursMBps)}, pump ${list(result.pumpMBps)}` +
        failed,
      target: `≥ ${FILE_TARGET_VS_PUMP}× the pump`,
      met: vsPump === undefined ? undefined : vsPump >= FILE_TARGET_VS_PUMP,
    },
  ];
}

export function chatRows(result?: ChatLatencyResult): Row[] {
  if (!result) return [];
  const ms = (value?: number) => (value === undefined ? '–' : `${value.toFixed(1)} ms`);
  return [
    {
      scenario: 'Chat, laptop → phone page',
      measure: 'first message of a call: Enter → shown on the other page, p50 / p90',
      ours: `${ms(result.p50Ms)} / ${ms(result.p90Ms)}, ${result.successes}/${result.samples}`,
      comparedWith: result.failures.length > 0 ? `failed: ${result.failures.join('; ')}` : 'a fresh call each time, chat channels open',
      target: '',
    },
  ];
}
