/**
 * Writes JsonRecords as NDJSON with pino: to stdout for --json, to a file for --log-file.
 * pino (with sonic-boom underneath) gives synchronous, partial-write-safe output to a pipe or
 * file, so a reader of `start --json | jq` or the log file never sees a torn line, and every
 * line is flushed before the process exits. Its level slot, always first on a line, carries the
 * schema version instead of a log level: an event stream has no levels.
 */
import type * as Pino from 'pino';
import { JSON_SCHEMA_VERSION, type JsonRecord } from './json-record.js';
import { loadOnFirstUse } from './load-on-first-use.js';

export interface JsonLog {
  write(record: JsonRecord): void;
  close(): void;
}

export class LogFileError extends Error {}

// pino takes a noticeable share of `start`'s time to ready to load; only --json and --log-file
// need it.
const loadPino = loadOnFirstUse<typeof Pino>('pino');

/** `destination`: a file path, or 1 for stdout. A path that cannot be written throws LogFileError. */
export function createJsonLog(destination: string | 1): JsonLog {
  const { pino } = loadPino();
  let stream: Pino.DestinationStream & { end?: () => void; flushSync?: () => void };
  try {
    stream = pino.destination({ dest: destination, sync: true, mkdir: true, append: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LogFileError(`cannot write the log file ${String(destination)} (${reason}); give --log-file a path in a writable folder`);
  }
  const logger = pino(
    { base: undefined, timestamp: false, formatters: { level: () => ({ v: JSON_SCHEMA_VERSION }) } },
    stream,
  );
  return {
    write: (record) => logger.info(record),
    close() {
      if (destination === 1) return; // never close the process's stdout
      stream.end?.();
    },
  };
}
