/**
 * A page's report about its connection to another peer (state changes, stats summaries):
 * validated, attributed to the sending peer and its room, and published for the terminal.
 * Reports are never relayed to anyone.
 */
import { parse, PeerReportSchema, type Rejection } from '../shared/protocol.js';
import type { CallEvents } from './events.js';
import { findRoute, type Rooms } from './rooms.js';

/** Returns a rejection to send back when the report is malformed; otherwise publishes it. */
export function publishReport(
  context: { rooms: Rooms; events: CallEvents; logContent: boolean },
  connectionId: string,
  message: unknown,
): Rejection | undefined {
  const parsed = parse(PeerReportSchema, message);
  if (!parsed.ok) return { reason: 'invalid-message', message: `report refused: ${parsed.message}` };
  const report = parsed.value;
  // The other peer's signaling may be away (its Wi-Fi dropped) while this page still reports:
  // how the connection to it dropped and came back is what the log is for, so it is kept.
  const route = findRoute(context.rooms, connectionId, report.about, { awayOk: true });
  // A report racing a leave (the tab closing, the other peer gone) is stale, not wrong: drop it
  // quietly rather than show the page a problem it cannot act on.
  if (!route.ok) return undefined;
  const base = { at: Date.now(), room: route.room.id, peerId: route.from.peerId, remotePeerId: route.to.peerId };
  if (report.kind === 'state') {
    // A report the page held while away from the server happened ageMs before it arrived.
    context.events.publish({ type: 'peer-state', ...base, at: base.at - (report.ageMs ?? 0), connection: report.connection, ice: report.ice });
  } else if (report.kind === 'stats') {
    context.events.publish({ type: 'stats', ...base, stats: report.stats });
  } else if (report.kind === 'chat') {
    // Content a page sends although the host did not ask for it is not published.
    const text = context.logContent ? report.text : undefined;
    context.events.publish({ type: 'chat', ...base, bytes: report.bytes, ...(text === undefined ? {} : { text }) });
  } else if (report.kind === 'screen-share') {
    context.events.publish({ type: 'screen-share', ...base, on: report.on });
  } else {
    // The receiver reports a file: it went from the peer it is about to the reporting page.
    const { bytes, ms, outcome } = report;
    const name = context.logContent ? report.name : undefined;
    context.events.publish({ type: 'file', ...base, peerId: base.remotePeerId, remotePeerId: base.peerId, bytes, ms, outcome, ...(name === undefined ? {} : { name }) });
  }
  return undefined;
}
