/**
 * The stable NDJSON schema of `--json` and `--log-file`: one object per event. json-log.ts puts
 * `"v": JSON_SCHEMA_VERSION` first on every line. Documented in README.md ("JSON output"):
 * add fields, never rename or remove them.
 */
import * as v from 'valibot';
import { CALL_REQUIREMENTS, CallStatsSchema, CONNECTION_STATES, DIAGNOSIS_CAUSES, FILE_OUTCOMES, ICE_STATES, RejectionSchema } from '../shared/protocol.js';
import type { CallSummary, PeerName, TrackedEvent } from './call-tracker.js';

export const JSON_SCHEMA_VERSION = 1;

/**
 * The schema is the one source of the record types: `toJsonRecord` must produce what it
 * accepts, and `webrtc-call report`/`replay` parse every line of a saved log with it. Objects
 * are not strict: a later version may add fields, and a reader keeps working.
 */
const JsonPeerSchema = v.object({ id: v.string(), name: v.string(), label: v.string() });

/** Milliseconds since the epoch, and the same instant as ISO 8601. */
const Base = { at: v.number(), time: v.string() };

const SignalBase = { ...Base, room: v.string(), from: JsonPeerSchema, to: JsonPeerSchema, bytes: v.number() };

const MediaSummarySchema = v.object({ kind: v.string(), mid: v.optional(v.string()), direction: v.string(), codecs: v.array(v.string()) });

const CandidateRecordSchema = v.object({
  type: v.string(),
  protocol: v.string(),
  address: v.string(),
  port: v.number(),
  mdns: v.boolean(),
  tcpType: v.optional(v.string()),
  relatedAddress: v.optional(v.string()),
});

export const JsonRecordSchema = v.variant('type', [
  v.object({ type: v.literal('ready'), ...Base, room: v.string(), urls: v.object({ local: v.array(v.string()), network: v.array(v.string()) }) }),
  v.object({
    type: v.literal('join'),
    ...Base,
    room: v.string(),
    peer: JsonPeerSchema,
    rejoin: v.boolean(),
    resumed: v.optional(v.literal(true)),
    /** A page whose browser cannot call; an `unsupported` record follows. */
    visitor: v.optional(v.literal(true)),
    userAgent: v.optional(v.string()),
    /** The browser's language as its page sent it (a BCP 47 tag). */
    language: v.optional(v.string()),
    address: v.optional(v.string()),
  }),
  /** Right after the `join` of a visitor: what its browser lacks to call. */
  v.object({ type: v.literal('unsupported'), ...Base, room: v.string(), peer: JsonPeerSchema, missing: v.array(v.picklist(CALL_REQUIREMENTS)) }),
  v.object({ type: v.literal('leave'), ...Base, room: v.string(), peer: JsonPeerSchema, reason: v.string() }),
  v.object({
    type: v.picklist(['offer', 'answer', 'pranswer']),
    ...SignalBase,
    media: v.array(MediaSummarySchema),
    dataChannel: v.boolean(),
    iceUfrag: v.optional(v.string()),
    iceRestart: v.boolean(),
    /** --verbose only */
    sdp: v.optional(v.string()),
  }),
  v.object({
    type: v.literal('candidate'),
    ...SignalBase,
    candidate: v.optional(CandidateRecordSchema),
    /** --verbose only: the raw a=candidate value */
    line: v.optional(v.string()),
  }),
  v.object({ type: v.picklist(['end-of-candidates', 'rollback']), ...SignalBase }),
  v.object({
    type: v.literal('rejected'),
    ...Base,
    reason: RejectionSchema.entries.reason,
    message: v.string(),
    room: v.optional(v.string()),
    peer: v.optional(v.string()),
    address: v.optional(v.string()),
  }),
  v.object({
    type: v.literal('peer-state'),
    ...Base,
    room: v.string(),
    peer: JsonPeerSchema,
    remote: JsonPeerSchema,
    connection: v.picklist(CONNECTION_STATES),
    ice: v.picklist(ICE_STATES),
  }),
  v.object({ type: v.literal('stats'), ...Base, room: v.string(), peer: JsonPeerSchema, remote: JsonPeerSchema, ...CallStatsSchema.entries }),
  v.object({
    type: v.literal('call-summary'),
    ...Base,
    room: v.string(),
    peers: v.array(v.string()),
    startedAt: v.number(),
    durationMs: v.number(),
    averageKbps: v.optional(v.number()),
    worstRttMs: v.optional(v.number()),
    packetsLost: v.number(),
    packetsReceived: v.number(),
    /** packetsLost / (packetsLost + packetsReceived), in percent */
    lossPercent: v.number(),
  }),
  v.object({
    type: v.literal('diagnosis'),
    ...Base,
    room: v.string(),
    /** The two ends of the connection that did not connect, offerer first. */
    peers: v.tuple([JsonPeerSchema, JsonPeerSchema]),
    /** A stable code. */
    cause: v.picklist(DIAGNOSIS_CAUSES),
    message: v.string(),
    evidence: v.array(v.string()),
  }),
  /** A chat message went peer to peer: its size; its text with --verbose only (the pages send it only then). */
  v.object({ type: v.literal('chat'), ...Base, room: v.string(), from: JsonPeerSchema, to: JsonPeerSchema, bytes: v.number(), text: v.optional(v.string()) }),
  /** A page started (`on`) or stopped sending its screen instead of its camera to `to`. */
  v.object({ type: v.literal('screen-share'), ...Base, room: v.string(), from: JsonPeerSchema, to: JsonPeerSchema, on: v.boolean() }),
  /** A file went `from` → `to` peer to peer, as the receiver reports it; `name` with --verbose only. */
  v.object({
    type: v.literal('file'),
    ...Base,
    room: v.string(),
    from: JsonPeerSchema,
    to: JsonPeerSchema,
    bytes: v.number(),
    ms: v.number(),
    mbPerSecond: v.optional(v.number()),
    outcome: v.picklist(FILE_OUTCOMES),
    name: v.optional(v.string()),
  }),
  v.object({ type: v.literal('closed'), ...Base }),
]);

export type JsonRecord = v.InferOutput<typeof JsonRecordSchema>;
export type JsonPeer = v.InferOutput<typeof JsonPeerSchema>;
export type JsonRecordType = JsonRecord['type'];

/** Every `type` this version writes or reads, for telling an unknown record from a broken one. */
export const JSON_RECORD_TYPES: ReadonlySet<string> = new Set(
  JsonRecordSchema.options.flatMap((option) => ('options' in option.entries.type ? option.entries.type.options : [option.entries.type.literal])),
);

export function toJsonRecord(tracked: TrackedEvent, options: { verbose: boolean }): JsonRecord {
  const { event } = tracked;
  const base = stamp(event.at);
  switch (event.type) {
    case 'ready':
      return { type: 'ready', ...base, room: event.room, urls: event.urls };
    case 'join':
      return { type: 'join', ...base, room: event.room, peer: jsonPeer(tracked.peer, event.peerId), rejoin: event.rejoin, ...(event.resumed ? { resumed: true as const } : {}), ...(event.visitor ? { visitor: true as const } : {}), userAgent: event.userAgent, language: event.language, address: event.address };
    case 'unsupported':
      return { type: 'unsupported', ...base, room: event.room, peer: jsonPeer(tracked.peer, event.peerId), missing: event.missing };
    case 'leave':
      return { type: 'leave', ...base, room: event.room, peer: jsonPeer(tracked.peer, event.peerId), reason: event.reason };
    case 'signal': {
      const signal = { room: event.room, from: jsonPeer(tracked.peer, event.from), to: jsonPeer(tracked.remote, event.to), bytes: event.bytes };
      if (event.kind === 'candidate') {
        const c = tracked.candidate;
        const candidate = c && { type: c.type, protocol: c.protocol, address: c.address, port: c.port, mdns: c.mdns, tcpType: c.tcpType, relatedAddress: c.relatedAddress };
        return { type: 'candidate', ...base, ...signal, candidate, line: options.verbose ? c?.line : undefined };
      }
      if (event.kind === 'end-of-candidates' || event.kind === 'rollback' || !tracked.sdp) {
        return { type: event.kind === 'end-of-candidates' ? 'end-of-candidates' : 'rollback', ...base, ...signal };
      }
      const { media, dataChannel, iceUfrag, iceRestart } = tracked.sdp;
      const sdp = options.verbose && event.signal.kind === 'description' ? event.signal.description.sdp : undefined;
      return { type: event.kind, ...base, ...signal, media, dataChannel, iceUfrag, iceRestart, sdp };
    }
    case 'rejected':
      return { type: 'rejected', ...base, reason: event.reason, message: event.message, room: event.room, peer: event.peerId, address: event.address };
    case 'peer-state':
    case 'stats': {
      const about = { room: event.room, peer: jsonPeer(tracked.peer, event.peerId), remote: jsonPeer(tracked.remote, event.remotePeerId) };
      if (event.type === 'stats') return { type: 'stats', ...base, ...about, ...event.stats };
      return { type: 'peer-state', ...base, ...about, connection: event.connection, ice: event.ice };
    }
    case 'diagnosis': {
      const peers: [JsonPeer, JsonPeer] = [jsonPeer(tracked.peer, event.peers[0]), jsonPeer(tracked.remote, event.peers[1])];
      return { type: 'diagnosis', ...base, room: event.room, peers, cause: event.cause, message: event.message, evidence: event.evidence };
    }
    case 'chat':
      return { type: 'chat', ...base, room: event.room, from: jsonPeer(tracked.peer, event.peerId), to: jsonPeer(tracked.remote, event.remotePeerId), bytes: event.bytes, text: options.verbose ? event.text : undefined };
    case 'screen-share':
      return { type: 'screen-share', ...base, room: event.room, from: jsonPeer(tracked.peer, event.peerId), to: jsonPeer(tracked.remote, event.remotePeerId), on: event.on };
    case 'file': {
      const mbPerSecond = event.outcome === 'verified' && event.ms > 0 ? Math.round((event.bytes / 1e6 / (event.ms / 1000)) * 10) / 10 : undefined;
      const name = options.verbose ? event.name : undefined;
      return { type: 'file', ...base, room: event.room, from: jsonPeer(tracked.peer, event.peerId), to: jsonPeer(tracked.remote, event.remotePeerId), bytes: event.bytes, ms: event.ms, mbPerSecond, outcome: event.outcome, name };
    }
    case 'closed':
      return { type: 'closed', ...base };
  }
}

export function summaryRecord(summary: CallSummary): JsonRecord {
  return {
    type: 'call-summary',
    ...stamp(summary.endedAt),
    room: summary.room,
    peers: summary.peers,
    startedAt: summary.startedAt,
    durationMs: summary.durationMs,
    averageKbps: summary.averageKbps,
    worstRttMs: summary.worstRttMs,
    packetsLost: summary.packetsLost,
    packetsReceived: summary.packetsReceived,
    lossPercent: lossPercent(summary),
  };
}

export function lossPercent(summary: { packetsLost: number; packetsReceived: number }): number {
  const total = summary.packetsLost + summary.packetsReceived;
  return total === 0 ? 0 : Math.round((summary.packetsLost / total) * 10_000) / 100;
}

function stamp(at: number): { at: number; time: string } {
  return { at, time: new Date(at).toISOString() };
}

function jsonPeer(peer: PeerName | undefined, fallbackId: string): JsonPeer {
  return peer ? { id: peer.peerId, name: peer.name, label: peer.label } : { id: fallbackId, name: fallbackId, label: 'unknown client' };
}
