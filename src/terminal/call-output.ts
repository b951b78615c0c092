/**
 * Everything `start` prints, fed from the one event stream: each event is tracked once (peer
 * names, call summaries) and goes to the view and to the NDJSON logs.
 */
import type { CallEvent } from '../server/events.js';
import { CallTracker } from './call-tracker.js';
import { createEventLogs } from './event-logs.js';
import type { JsonRecord } from './json-record.js';
import { TerminalView, type TerminalViewOptions } from './terminal-view.js';

export interface CallOutput {
  view: TerminalView;
  /** Subscribe this to CallEvents before the server starts, so `ready` is the first record. */
  onEvent(event: CallEvent): void;
  /** The records of the whole run, with `keepRecords` (for `start --report`). */
  records(): JsonRecord[];
  close(): void;
}

/** Throws LogFileError when --log-file cannot be written: create it before starting anything. */
export function createCallOutput(options: TerminalViewOptions & { logFile?: string; keepRecords?: boolean }): CallOutput {
  const tracker = new CallTracker();
  const logs = createEventLogs({ json: options.mode === 'json', logFile: options.logFile, verbose: options.verbose, keep: options.keepRecords });
  const view = new TerminalView(options, tracker);
  return {
    view,
    onEvent(event) {
      const { tracked, ended } = tracker.track(event);
      logs.write(tracked, ended);
      view.show(tracked, ended);
    },
    records: () => logs.kept(),
    close() {
      view.close();
      logs.close();
    },
  };
}
