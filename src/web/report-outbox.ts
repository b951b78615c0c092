/**
 * Carries the page's state reports to the server across a signaling drop. A Wi-Fi cut usually
 * takes the socket down with the peer connection, and the 'disconnected' report written meanwhile
 * is exactly what the log is for: sent into a dead socket, or while not joined (the server
 * refuses anything before a join), it would be lost. So each state report is kept until the
 * server says it read it, and those still kept are sent again after a resumed join, with their
 * age so the log places them when they happened. Stats are not kept: the next one replaces them.
 */
import { MAX_REPORT_AGE_MS, type PeerReport } from '../shared/protocol.js';

type StateReport = Extract<PeerReport, { kind: 'state' }>;

/** Far more than a drop produces (a few changes per connection); a page away for long keeps the newest. */
const MAX_HELD = 64;

export interface ReportOutbox {
  /** Sends now when joined (kept until read), or holds it for the next resumed join. */
  sendState(report: StateReport, joined: boolean): void;
  /** Back as the same peer: sends what is still held about these peers, oldest first. */
  resend(peerIds: readonly string[]): void;
  /** A fresh join: the old connections are gone, and so is what was held about them. */
  clear(): void;
}

export function createReportOutbox(
  emit: (report: StateReport, received: () => void) => void,
  now: () => number = () => performance.now(),
): ReportOutbox {
  let held: Array<{ report: StateReport; at: number }> = [];
  const send = (entry: { report: StateReport; at: number }, ageMs?: number) =>
    emit(ageMs ? { ...entry.report, ageMs } : entry.report, () => (held = held.filter((e) => e !== entry)));
  return {
    sendState(report, joined) {
      const entry = { report, at: now() };
      held.push(entry);
      if (held.length > MAX_HELD) held.shift();
      if (joined) send(entry);
    },
    resend(peerIds) {
      const time = now();
      held = held.filter((e) => peerIds.includes(e.report.about) && time - e.at <= MAX_REPORT_AGE_MS);
      for (const entry of [...held]) send(entry, Math.round(time - entry.at));
    },
    clear() {
      held = [];
    },
  };
}
