/**
 * Writes a report file from records (`report` reads them from a saved log, `start --report`
 * keeps them while the call runs). The folder is made if needed, as --log-file does.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { JsonRecord } from '../terminal/json-record.js';
import { renderReport, type ReportSource } from './report-page.js';

export class ReportFileError extends Error {}

/** Returns the absolute path written and its size in bytes. */
export async function writeReport(records: JsonRecord[], source: ReportSource, path: string): Promise<{ path: string; bytes: number }> {
  const html = renderReport(records, source);
  const absolute = resolve(path);
  try {
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, html);
  } catch (error) {
    throw new ReportFileError(`cannot write the report ${path} (${(error as Error).message}); give a path in a writable folder`);
  }
  return { path: absolute, bytes: Buffer.byteLength(html) };
}

/** call.ndjson → call.html, beside the log. */
export function defaultReportPath(logPath: string): string {
  return logPath.replace(/(\.ndjson|\.jsonl|\.json|\.log)?$/i, '.html');
}
