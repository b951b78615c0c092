/**
 * The stable NDJSON schema of `--json` and `--log-file`: one object per event. json-log.ts puts
 * `"v": JSON_SCHEMA_VERSION` first on every line. Documented in README.md ("JSON output"):
 * add fields, never rename or remove them.
 */
import type { CallRequirement, CallStats, ConnectionState, DiagnosisCause, IceState, RejectReason } from '../shared/protocol.js';
import type { CallSummary, PeerName, TrackedEvent } from './call-tracker.js';
import type { MediaSummary } from './sdp-summary.js';

export const JSON_SCHEMA_VERSION = 1;

export interface JsonPeer {
  id: string;
  name: string;
  label: string;
}

interface Base {
  /** Milliseconds since the epoch, and the same instant as ISO 8601. */
  at: number;
  time: string;
}

type SignalBase = Base & { room: string; from: JsonPeer; to: JsonPeer; bytes: number };

export type JsonRecord =
  | (Base & { type: 'ready'; room: string; urls: { local: string[]; network: string[] } })
  | (Base & { type: 'join'; room: string; peer: JsonPeer; rejoin: boolean; resumed?: true; visitor?: true; userAgent?: string; address?: string })
  /** Right after the `join` of a visitor: what its browser lacks to call (CALL_REQUIREMENTS). */
  | (Base & { type: 'unsupported'; room: string; peer: JsonPeer; missing: CallRequirement[] })
  | (Base & { type: 'leave'; room: string; peer: JsonPeer; reason: string })
  | (SignalBase & {
      type: 'offer' | 'answer' | 'pranswer';
      media: MediaSummary[];
      dataChannel: boolean;
      iceUfrag?: string;
      iceRestart: boolean;
      /** --verbose only */
      sdp?: string;
    })
  | (SignalBase & {
      type: 'candidate';
      candidate?: { type: string; protocol: string; address: string; port: number; mdns: boolean; tcpType?: string; relatedAddress?: string };
      /** --verbose only: the raw a=candidate value */
      line?: string;
    })
  | (SignalBase & { type: 'end-of-candidates' | 'rollback' })
  | (Base & { type: 'rejected'; reason: RejectReason; message: string; room?: string; peer?: string; address?: string })
  | (Base & { type: 'peer-state'; room: string; peer: JsonPeer; remote: JsonPeer; connection: ConnectionState; ice: IceState })
  | (Base & { type: 'stats'; room: string; peer: JsonPeer; remote: JsonPeer } & CallStats)
  | (Base & {
      type: 'call-summary';
      room: string;
      peers: string[];
      startedAt: number;
      durationMs: number;
      averageKbps?: number;
      worstRttMs?: number;
      packetsLost: number;
      packetsReceived: number;
      /** packetsLost / (packetsLost + packetsReceived), in percent */
      lossPercent: number;
    })
  | (Base & {
      type: 'diagnosis';
      room: string;
      /** The two ends of the connection that did not connect, offerer first. */
      peers: [JsonPeer, JsonPeer];
      /** A stable code: one of DIAGNOSIS_CAUSES. */
      cause: DiagnosisCause;
      message: string;
      evidence: string[];
    })
  | (Base & { type: 'closed' });

export function toJsonRecord(tracked: TrackedEvent, options: { verbose: boolean }): JsonRecord {
  const { event } = tracked;
  const base = stamp(event.at);
  switch (event.type) {
    case 'ready':
      return { type: 'ready', ...base, room: event.room, urls: event.urls };
    case 'join':
      return { type: 'join', ...base, room: event.room, peer: jsonPeer(tracked.peer, event.peerId), rejoin: event.rejoin, ...(event.resumed ? { resumed: true as const } : {}), ...(event.visitor ? { visitor: true as const } : {}), userAgent: event.userAgent, address: event.address };
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

function stamp(at: number): Base {
  return { at, time: new Date(at).toISOString() };
}

function jsonPeer(peer: PeerName | undefined, fallbackId: string): JsonPeer {
  return peer ? { id: peer.peerId, name: peer.name, label: peer.label } : { id: fallbackId, name: fallbackId, label: 'unknown browser' };
}
