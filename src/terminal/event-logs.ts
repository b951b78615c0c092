/**
 * The NDJSON subscribers of the event stream: --json on stdout and --log-file. They write the
 * same records; the pretty view is the third subscriber (terminal-view.ts). With `keep` the
 * records also stay in memory, for the report `start --report` writes when the server stops.
 */
import type { CallSummary, TrackedEvent } from './call-tracker.js';
import { createJsonLog, type JsonLog } from './json-log.js';
import { summaryRecord, toJsonRecord, type JsonRecord } from './json-record.js';

export interface EventLogs {
  write(tracked: TrackedEvent, ended: CallSummary[]): void;
  /** Every record written so far (none without `keep`). */
  kept(): JsonRecord[];
  close(): void;
}

/** Throws LogFileError when the log file cannot be written: create it before starting anything. */
export function createEventLogs(options: { json: boolean; logFile?: string; verbose: boolean; keep?: boolean }): EventLogs {
  const logs: JsonLog[] = [];
  const kept: JsonRecord[] = [];
  if (options.logFile) logs.push(createJsonLog(options.logFile));
  if (options.json) logs.push(createJsonLog(1));
  return {
    write(tracked, ended) {
      if (logs.length === 0 && !options.keep) return;
      const records = recordsOf(tracked, ended, options);
      if (options.keep) kept.push(...records);
      for (const log of logs) for (const record of records) log.write(record);
    },
    kept: () => kept,
    close() {
      for (const log of logs) log.close();
    },
  };
}

/** The lines one tracked event adds to a log, in the order a log has them. */
export function recordsOf(tracked: TrackedEvent, ended: CallSummary[], options: { verbose: boolean }): JsonRecord[] {
  const records: JsonRecord[] = [toJsonRecord(tracked, options), ...ended.map(summaryRecord)];
  // On shutdown the summaries come before the final `closed`.
  if (tracked.event.type === 'closed') records.push(...records.splice(0, 1));
  return records;
}
