/**
 * What `start` shows a person: the URLs block, the key hint, one line per tracked event and, on a
 * TTY, a live status line. It only renders: the NDJSON logs are event-logs.ts, the keys, signals
 * and exit are quit.ts, and call-output.ts feeds them all from one CallTracker.
 */
import picocolors from 'picocolors';
import type { CallEvent } from '../server/events.js';
import type { ServerUrls } from '../server/network.js';
import type { CallSummary, CallTracker, TrackedEvent } from './call-tracker.js';
import { formatEventLines, formatStatsLine, formatSummaryLine, type LineStyle } from './event-line.js';
import { KEY_HINT } from './keys.js';
import { LiveOutput } from './live-output.js';
import { formatServerUrls } from './server-urls.js';
import { formatStatusLine } from './status-line.js';

export type OutputMode = 'pretty' | 'json' | 'quiet';

export interface TerminalViewOptions {
  mode: OutputMode;
  verbose: boolean;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
  /**
   * On a TTY, a live status line instead of periodic quality lines (the default). `replay` turns
   * it off: its timer would count from now, not from when the call happened.
   */
  statusLine?: boolean;
}

/** Without a live status line, a quality line per page at most this often. */
const QUALITY_LINE_EVERY_MS = 10_000;
/** The status line's call timer ticks once a second. */
const STATUS_REDRAW_MS = 1_000;

export class TerminalView {
  private readonly style: LineStyle;
  private readonly out: LiveOutput;
  private readonly live: boolean;
  private readonly lastQualityLine = new Map<string, number>();
  private redraw?: NodeJS.Timeout;
  /** The status line appears under the URLs block, not before it. */
  private statusShown = false;

  /** `tracker` is read for the status line; call-output.ts feeds it. */
  constructor(
    private readonly options: TerminalViewOptions,
    private readonly tracker: Pick<CallTracker, 'status'>,
  ) {
    const { stdout, env, mode } = options;
    // NO_COLOR (no-color.org): any value, even empty, turns colour off.
    const colors = Boolean(stdout.isTTY) && env.NO_COLOR === undefined;
    this.style = { colors: picocolors.createColors(colors), verbose: options.verbose };
    this.live = Boolean(stdout.isTTY) && mode === 'pretty' && options.statusLine !== false;
    this.out = new LiveOutput(stdout, this.live);
  }

  /** The URLs block (with the invite's QR code lines under it) and, on a TTY, the key hint and the status line. */
  started(info: { room: string; urls: ServerUrls; busyPort?: number; port: number; qr?: string[] }): void {
    if (info.busyPort !== undefined) this.notice(`port ${info.busyPort} is busy, using ${info.port}`);
    if (this.options.mode === 'json') {
      // `start --json | jq` still has a keyboard: say which keys work, off the NDJSON stream.
      if (this.options.stdin.isTTY) this.notice(KEY_HINT);
      return;
    }
    const c = this.style.colors;
    this.out.print(`\n  ${c.bold('webrtc-call')}: room ${info.room}\n`);
    for (const line of formatServerUrls(info.urls)) this.out.print(line);
    if (info.qr?.length) this.out.print(['', ...info.qr].join('\n'));
    this.out.print('');
    if (this.options.mode === 'quiet') return;
    if (this.options.stdin.isTTY) this.out.print(c.dim(`  ${KEY_HINT}\n`));
    else this.out.print(c.dim('  Press Ctrl+C to stop.\n'));
    this.statusShown = true;
    this.drawStatus();
    if (this.live) this.redraw = setInterval(() => this.drawStatus(), STATUS_REDRAW_MS).unref();
  }

  /** A message for the person, never mixed into --json's stdout. */
  notice(message: string): void {
    if (this.options.mode === 'json') this.options.stderr.write(`${message}\n`);
    else this.out.print(`  ${message}`);
  }

  stopping(): void {
    if (this.options.mode === 'pretty') this.out.print('\n  Stopping: ending the call for everyone…');
  }

  close(): void {
    clearInterval(this.redraw);
    this.out.clearStatus();
  }

  /** One tracked event: its lines, the summaries of calls it ended, and the status line again. */
  show(tracked: TrackedEvent, ended: CallSummary[]): void {
    const { mode } = this.options;
    if (mode === 'json') return;
    const { event } = tracked;
    if (mode === 'quiet') {
      // Errors and diagnoses: what a person must act on.
      if (event.type === 'rejected' || event.type === 'diagnosis' || event.type === 'unsupported') for (const line of formatEventLines(tracked, this.style)) this.out.print(line);
      return;
    }
    const lines = formatEventLines(tracked, this.style);
    if (event.type === 'stats' && !this.live) lines.push(...this.qualityLine(event));
    const summaries = ended.map((summary) => formatSummaryLine(summary, this.style));
    for (const line of event.type === 'closed' ? [...summaries, ...lines] : [...lines, ...summaries]) this.out.print(line);
    this.drawStatus();
  }

  private qualityLine(event: Extract<CallEvent, { type: 'stats' }>): string[] {
    const last = this.lastQualityLine.get(event.peerId);
    if (last !== undefined && event.at - last < QUALITY_LINE_EVERY_MS) return [];
    this.lastQualityLine.set(event.peerId, event.at);
    const live = this.tracker.status().find((r) => r.room === event.room)?.latest.find((l) => l.peer.peerId === event.peerId);
    return live ? [formatStatsLine(live, event.room, this.style)] : [];
  }

  private drawStatus(): void {
    if (!this.live || !this.statusShown) return;
    this.out.setStatus(formatStatusLine(this.tracker.status(), Date.now(), this.style.colors, this.options.stdout.columns || 100));
  }
}
