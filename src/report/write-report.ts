/**
 * Writes a report file from records (`report` reads them from a saved log, `start --report`
 * keeps them while the call runs). The folder is made if needed, as --log-file does.
 */
import { access, constants, mkdir, stat, writeFile } from 'node:fs/promises';
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

/** `start --report` checks its path before the call, not after it when the report would be lost. */
export async function checkReportPath(path: string): Promise<void> {
  const absolute = resolve(path);
  try {
    if ((await stat(absolute).catch(() => undefined))?.isDirectory()) throw new Error('it is a folder');
    await mkdir(dirname(absolute), { recursive: true });
    await access(dirname(absolute), constants.W_OK);
  } catch (error) {
    throw new ReportFileError(`cannot write the report ${path} (${(error as Error).message}); give --report a file in a writable folder`);
  }
}

/** call.ndjson → call.html, beside the log. */
export function defaultReportPath(logPath: string): string {
  return logPath.replace(/(\.ndjson|\.jsonl|\.json|\.log)?$/i, '.html');
}
