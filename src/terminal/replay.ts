/**
 * Plays a saved log back through the same CallTracker and pretty view as `start`: each record
 * becomes the event the server published, so the lines come out as they did live (names,
 * quality lines, summaries). What a record keeps of an SDP or candidate is its summary, not
 * the text (unless the log was --verbose), so those summaries are taken from the record.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallEvent } from '../server/events.js';
import type { Signal } from '../shared/protocol.js';
import type { CallSummary, CallTracker, TrackedEvent } from './call-tracker.js';
import type { JsonRecord } from './json-record.js';

/**
 * Shows every record in order, tracked by `tracker` (the view reads it too, as in `start`); with
 * `speed`, waits between them as the call did, N× faster.
 */
export async function replayRecords(
  records: JsonRecord[],
  tracker: CallTracker,
  show: (tracked: TrackedEvent, ended: CallSummary[]) => void,
  options: { speed?: number } = {},
): Promise<void> {
  let previous: number | undefined;
  for (const record of records) {
    const event = toCallEvent(record);
    if (!event) continue;
    if (options.speed && previous !== undefined && event.at > previous) await sleep((event.at - previous) / options.speed);
    previous = event.at;
    const { tracked, ended } = tracker.track(event);
    show(withRecordedSummaries(tracked, record), ended);
  }
}

/** Whether the log was written with --verbose (it then holds the SDP and candidate lines, chat text, file names). */
export function isVerboseLog(records: JsonRecord[]): boolean {
  return records.some((r) => ('sdp' in r && r.sdp !== undefined) || ('line' in r && r.line !== undefined) || ('text' in r && r.text !== undefined) || (r.type === 'file' && r.name !== undefined));
}

/**
 * The event a record was written from. A call summary is left out: the tracker works it out
 * again from the same events, at the same moment, as it did live.
 */
export function toCallEvent(record: JsonRecord): CallEvent | undefined {
  const { at } = record;
  switch (record.type) {
    case 'ready':
      return { type: 'ready', at, room: record.room, urls: record.urls };
    case 'join':
      return { type: 'join', at, room: record.room, peerId: record.peer.id, userAgent: record.userAgent, language: record.language, address: record.address, rejoin: record.rejoin, resumed: record.resumed, visitor: record.visitor };
    case 'unsupported':
      return { type: 'unsupported', at, room: record.room, peerId: record.peer.id, missing: record.missing };
    case 'leave':
      return { type: 'leave', at, room: record.room, peerId: record.peer.id, reason: record.reason };
    case 'offer':
    case 'answer':
    case 'pranswer':
    case 'rollback':
    case 'candidate':
    case 'end-of-candidates':
      return { type: 'signal', at, room: record.room, from: record.from.id, to: record.to.id, kind: record.type, bytes: record.bytes, signal: recordedSignal(record) };
    case 'rejected':
      return { type: 'rejected', at, reason: record.reason, message: record.message, room: record.room, peerId: record.peer, address: record.address };
    case 'peer-state':
      return { type: 'peer-state', at, room: record.room, peerId: record.peer.id, remotePeerId: record.remote.id, connection: record.connection, ice: record.ice };
    case 'stats':
      return { type: 'stats', at, room: record.room, peerId: record.peer.id, remotePeerId: record.remote.id, stats: { path: record.path, audio: record.audio, video: record.video } };
    case 'diagnosis':
      return { type: 'diagnosis', at, room: record.room, peers: [record.peers[0].id, record.peers[1].id], cause: record.cause, message: record.message, evidence: record.evidence };
    case 'chat':
      return { type: 'chat', at, room: record.room, peerId: record.from.id, remotePeerId: record.to.id, bytes: record.bytes, text: record.text };
    case 'screen-share':
      return { type: 'screen-share', at, room: record.room, peerId: record.from.id, remotePeerId: record.to.id, on: record.on };
    case 'file':
      return { type: 'file', at, room: record.room, peerId: record.from.id, remotePeerId: record.to.id, bytes: record.bytes, ms: record.ms, outcome: record.outcome, name: record.name };
    case 'closed':
      return { type: 'closed', at };
    case 'call-summary':
      return undefined;
  }
}

function recordedSignal(record: Exclude<Extract<JsonRecord, { from: unknown }>, { type: 'chat' | 'screen-share' | 'file' }>): Signal {
  if (record.type === 'candidate') return { kind: 'candidate', candidate: { candidate: record.line ?? '' } };
  if (record.type === 'end-of-candidates') return { kind: 'candidate', candidate: null };
  const sdp = 'sdp' in record ? (record.sdp ?? '') : '';
  return { kind: 'description', description: { type: record.type, sdp } };
}

/** The record's own summary of its SDP or candidate: the text they were made from may not be in the log. */
function withRecordedSummaries(tracked: TrackedEvent, record: JsonRecord): TrackedEvent {
  if (record.type === 'offer' || record.type === 'answer' || record.type === 'pranswer') {
    return { ...tracked, sdp: { media: record.media, dataChannel: record.dataChannel, iceUfrag: record.iceUfrag, iceRestart: record.iceRestart } };
  }
  if (record.type === 'candidate') {
    return { ...tracked, candidate: record.candidate && { ...record.candidate, line: record.line ?? '' } };
  }
  return tracked;
}
