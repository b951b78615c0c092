/**
 * Reads a saved `--log-file` / `--json` log back: every line is parsed with the schema the
 * writer uses (json-record.ts), so `report` and `replay` trust nothing they did not check.
 * Lines a reader cannot use are skipped and counted, never fatal: a log cut short by a crash,
 * or written by a newer version with record types this one does not know, still gives a report.
 */
import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { parse } from '../shared/protocol.js';
import { JSON_RECORD_TYPES, JSON_SCHEMA_VERSION, JsonRecordSchema, type JsonRecord } from './json-record.js';

export interface CallLog {
  records: JsonRecord[];
  /** Lines of a type (or schema version) this version does not know. */
  unknown: number;
  /** Lines that are not a valid record: not JSON, or a known type with missing or wrong fields. */
  invalid: number;
  /** The first invalid line, to say what is wrong with it. */
  firstProblem?: string;
}

export class CallLogError extends Error {}

const HOW_TO_RECORD = 'record a call with "webrtc-call start --log-file call.ndjson" (or "start --json > call.ndjson") and pass that file';

const LineHeadSchema = v.object({ v: v.number(), type: v.string() });

export async function readCallLog(path: string): Promise<CallLog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new CallLogError(`cannot read ${path}: ${why}; ${HOW_TO_RECORD}`);
  }
  return parseCallLog(text, path);
}

/** `name` is how the log is called in messages (its path). */
export function parseCallLog(text: string, name: string): CallLog {
  const log: CallLog = { records: [], unknown: 0, invalid: 0 };
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const problem = readLine(line, log);
    if (problem === undefined) return;
    log.invalid += 1;
    log.firstProblem ??= `line ${index + 1}: ${problem}`;
  });
  if (log.records.length === 0) {
    if (log.unknown > 0 && log.invalid === 0) {
      throw new CallLogError(`cannot use ${name}: none of its records is of a kind this version of webrtc-call knows (schema version ${JSON_SCHEMA_VERSION}); update webrtc-call and try again`);
    }
    const why = lines.every((line) => line.trim() === '') ? 'it is empty' : `it is not an NDJSON log of webrtc-call (${log.firstProblem ?? 'no record in it'})`;
    throw new CallLogError(`cannot use ${name}: ${why}; ${HOW_TO_RECORD}`);
  }
  return log;
}

/** One notice for everything skipped, or undefined when every line was read. */
export function describeSkipped(log: CallLog, name: string): string | undefined {
  const parts: string[] = [];
  if (log.unknown > 0) parts.push(`${log.unknown} of a kind this version does not know (written by a newer webrtc-call?)`);
  if (log.invalid > 0) parts.push(`${log.invalid} not a valid record (${log.firstProblem ?? 'unreadable'})`);
  if (parts.length === 0) return undefined;
  const skipped = log.unknown + log.invalid;
  return `skipped ${skipped} of ${skipped + log.records.length} lines of ${name}: ${parts.join('; ')}`;
}

/** Adds the record to the log, counts an unknown one, or returns what is wrong with the line. */
function readLine(line: string, log: CallLog): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  const head = parse(LineHeadSchema, json);
  if (!head.ok) return `not a record (${head.message})`;
  if (head.value.v !== JSON_SCHEMA_VERSION || !JSON_RECORD_TYPES.has(head.value.type)) {
    log.unknown += 1;
    return undefined;
  }
  const record = parse(JsonRecordSchema, json);
  if (!record.ok) return `a "${head.value.type}" record with ${record.message}`;
  log.records.push(record.value);
  return undefined;
}
