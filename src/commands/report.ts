import { Args, Command, Flags } from '@oclif/core';
import { basename } from 'node:path';
import { defaultReportPath, ReportFileError, writeReport } from '../report/write-report.js';
import { CallLogError, describeSkipped, readCallLog } from '../terminal/call-log.js';
import { formatBytes } from '../terminal/units.js';

export default class Report extends Command {
  static override summary = 'Draw a saved call log as one offline HTML page.';

  static override args = {
    log: Args.string({ required: true }),
  };

  static override flags = {
    output: Flags.string({ char: 'o', description: 'default: LOG with .html' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Report);
    const output = flags.output ?? defaultReportPath(args.log);
    try {
      const log = await readCallLog(args.log);
      const skipped = describeSkipped(log, basename(args.log));
      if (skipped) this.logToStderr(`webrtc-call: ${skipped}`);
      const written = await writeReport(log.records, { name: basename(args.log), skipped }, output);
      this.log(`Wrote ${written.path} (${formatBytes(written.bytes)}): open it in any browser.`);
    } catch (error) {
      if (error instanceof CallLogError || error instanceof ReportFileError) return this.fail(error.message);
      throw error;
    }
  }

  /** One line a person can act on, exit 1 (as start does), not oclif's boxed error. */
  private fail(message: string): never {
    this.logToStderr(`webrtc-call: ${message}`);
    return this.exit(1);
  }
}
