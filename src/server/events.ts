/**
 * The one stream of facts the server publishes. The pretty terminal, --json and --log-file are
 * subscribers; nothing here decides how an event looks.
 */
import { EventEmitter } from 'node:events';
import type { CallRequirement, CallStats, ConnectionState, DescriptionType, DiagnosisCause, FileOutcome, IceState, RejectReason, Signal } from '../shared/protocol.js';

export type SignalKind = DescriptionType | 'candidate' | 'end-of-candidates';

export type CallEvent =
  | { type: 'ready'; at: number; room: string; urls: { local: string[]; network: string[]; invite?: string } }
  | {
      type: 'join';
      at: number;
      room: string;
      peerId: string;
      userAgent?: string;
      /** The browser's language as the page sent it (a BCP 47 tag), if it did. */
      language?: string;
      address?: string;
      rejoin: boolean;
      resumed?: boolean;
      /** A page whose browser cannot call (an `unsupported` event follows with what it lacks). */
      visitor?: true;
      /** The server's STUN address this page was told to probe UDP against (udp-probe.ts); the diagnosis reads it. */
      udpProbe?: string;
    }
  /** The visitor that just joined cannot call: what its browser lacks (CALL_REQUIREMENTS). */
  | { type: 'unsupported'; at: number; room: string; peerId: string; missing: CallRequirement[] }
  | { type: 'leave'; at: number; room: string; peerId: string; reason: string }
  | {
      type: 'signal';
      at: number;
      room: string;
      from: string;
      to: string;
      kind: SignalKind;
      /** Size of the SDP or candidate line the signal carries. */
      bytes: number;
      signal: Signal;
    }
  | {
      type: 'rejected';
      at: number;
      reason: RejectReason;
      message: string;
      room?: string;
      peerId?: string;
      address?: string;
    }
  /** A page's connection to another peer changed state (as that page reports it). */
  | {
      type: 'peer-state';
      at: number;
      room: string;
      peerId: string;
      remotePeerId: string;
      connection: ConnectionState;
      ice: IceState;
    }
  /** A page's periodic getStats() summary of its connection to another peer. */
  | { type: 'stats'; at: number; room: string; peerId: string; remotePeerId: string; stats: CallStats }
  /** A page sent a chat message to another peer, peer to peer: its size; its text only with `logContent`. */
  | { type: 'chat'; at: number; room: string; peerId: string; remotePeerId: string; bytes: number; text?: string }
  /** A page started or stopped sending its screen instead of its camera to another peer. */
  | { type: 'screen-share'; at: number; room: string; peerId: string; remotePeerId: string; on: boolean }
  /** A file went from `peerId` to `remotePeerId` over their data channel, as the receiver reports it. */
  | { type: 'file'; at: number; room: string; peerId: string; remotePeerId: string; bytes: number; ms: number; outcome: FileOutcome; name?: string }
  /** A connection between two peers did not connect: its most likely cause (diagnosis.ts), once. */
  | {
      type: 'diagnosis';
      at: number;
      room: string;
      /** The two ends of the connection, offerer first. */
      peers: [string, string];
      cause: DiagnosisCause;
      message: string;
      evidence: string[];
    }
  | { type: 'closed'; at: number };

export type CallEventType = CallEvent['type'];

export class CallEvents extends EventEmitter<{ event: [CallEvent] }> {
  publish(event: CallEvent): void {
    this.emit('event', event);
  }

  subscribe(listener: (event: CallEvent) => void): () => void {
    this.on('event', listener);
    return () => this.off('event', listener);
  }
}

export function signalKind(signal: Signal): SignalKind {
  if (signal.kind === 'description') return signal.description.type;
  return signal.candidate === null || signal.candidate.candidate === '' ? 'end-of-candidates' : 'candidate';
}

/**
 * The signal's payload size, read from its text rather than by serialising it again: the relay
 * path already parses and re-encodes every signal once, and a second JSON.stringify of a whole
 * SDP showed in the bench's relay CPU per message.
 */
export function signalBytes(signal: Signal): number {
  if (signal.kind === 'description') return signal.description.sdp.length;
  return signal.candidate?.candidate.length ?? 0;
}
