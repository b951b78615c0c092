/**
 * The NDJSON subscribers of the event stream: --json on stdout and --log-file. They write the
 * same records; the pretty view is the third subscriber (terminal-view.ts).
 */
import type { CallSummary, TrackedEvent } from './call-tracker.js';
import { createJsonLog, type JsonLog } from './json-log.js';
import { summaryRecord, toJsonRecord, type JsonRecord } from './json-record.js';

export interface EventLogs {
  write(tracked: TrackedEvent, ended: CallSummary[]): void;
  close(): void;
}

/** Throws LogFileError when the log file cannot be written: create it before starting anything. */
export function createEventLogs(options: { json: boolean; logFile?: string; verbose: boolean }): EventLogs {
  const logs: JsonLog[] = [];
  if (options.logFile) logs.push(createJsonLog(options.logFile));
  if (options.json) logs.push(createJsonLog(1));
  return {
    write(tracked, ended) {
      if (logs.length === 0) return;
      const records: JsonRecord[] = [toJsonRecord(tracked, { verbose: options.verbose }), ...ended.map(summaryRecord)];
      // On shutdown the summaries come before the final `closed`.
      if (tracked.event.type === 'closed') records.push(...records.splice(0, 1));
      for (const log of logs) for (const record of records) log.write(record);
    },
    close() {
      for (const log of logs) log.close();
    },
  };
}
