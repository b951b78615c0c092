import { Args, Command, Flags } from '@oclif/core';
import { basename } from 'node:path';
import { CallTracker } from '../terminal/call-tracker.js';
import { CallLogError, describeSkipped, readCallLog } from '../terminal/call-log.js';
import { isVerboseLog, replayRecords } from '../terminal/replay.js';
import { TerminalView } from '../terminal/terminal-view.js';

export default class Replay extends Command {
  static override summary = 'Print a saved call log as start did.';

  static override args = {
    log: Args.string({ required: true }),
  };

  static override flags = {
    speed: Flags.custom<number>({
      description: 'N times real time (default: all at once)',
      helpValue: 'N',
      async parse(input) {
        const speed = Number(input);
        if (!Number.isFinite(speed) || speed <= 0) throw new Error(`--speed ${input}: give a number above 0, e.g. 1 for real time or 4 for four times faster`);
        return speed;
      },
    })(),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Replay);
    const log = await readCallLog(args.log).catch((error: unknown) => {
      if (error instanceof CallLogError) return this.fail(error.message);
      throw error;
    });
    const skipped = describeSkipped(log, basename(args.log));
    if (skipped) this.logToStderr(`webrtc-call: ${skipped}`);
    const tracker = new CallTracker();
    const view = new TerminalView(
      { mode: 'pretty', verbose: isVerboseLog(log.records), statusLine: false, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env },
      tracker,
    );
    await replayRecords(log.records, tracker, (tracked, ended) => view.show(tracked, ended), { speed: flags.speed });
    view.close();
  }

  /** One line a person can act on, exit 1 (as start does), not oclif's boxed error. */
  private fail(message: string): never {
    this.logToStderr(`webrtc-call: ${message}`);
    return this.exit(1);
  }
}
