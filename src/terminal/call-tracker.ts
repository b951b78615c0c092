/**
 * Follows the event stream and adds what one event alone does not say: the peers' names, what
 * an SDP or candidate means, whether an offer restarts ICE, whether the call took a new path,
 * the live state of each room, and a summary when a call ends. Every view (pretty, --json,
 * --log-file) reads the same tracked events, so they never disagree.
 */
import type { CallEvent } from '../server/events.js';
import type { CallStats, ConnectionState, IceState } from '../shared/protocol.js';
import { summarizeCandidate, type CandidateSummary } from './candidate-summary.js';
import { describeUserAgent, namePeer, type Device } from './peer-label.js';
import { summarizeSdp, type SdpSummary } from './sdp-summary.js';

export interface PeerName {
  peerId: string;
  /** Short, unique in its room: "laptop", "phone", "laptop 2". */
  name: string;
  /** "Chrome 131 · macOS" */
  label: string;
  device: Device;
}

export interface TrackedEvent {
  event: CallEvent;
  /** join/leave: that peer; signal: the sender; peer-state/stats: the page that reported; diagnosis: the offerer. */
  peer?: PeerName;
  /** signal: the addressee; peer-state/stats/diagnosis: the other end of the connection. */
  remote?: PeerName;
  /** offer/answer: what it negotiates. */
  sdp?: SdpSummary & { iceRestart: boolean };
  candidate?: CandidateSummary;
  /** stats: the connection's selected path is new or changed. */
  newPath?: boolean;
}

export interface CallSummary {
  room: string;
  startedAt: number;
  endedAt: number;
  durationMs: number;
  peers: string[];
  /** Mean over all stats reports of what one page received (audio + video), kbit/s. */
  averageKbps?: number;
  worstRttMs?: number;
  packetsLost: number;
  packetsReceived: number;
}

export interface LiveStats {
  peer: PeerName;
  remote: PeerName;
  stats: CallStats;
  at: number;
}

export interface RoomStatus {
  room: string;
  peers: PeerName[];
  /** The most advanced connection state any page reports (connected > connecting > …). */
  connection?: ConnectionState;
  ice?: IceState;
  callStartedAt?: number;
  /** The latest stats report of each page, in join order. */
  latest: LiveStats[];
}

interface CallProgress {
  startedAt: number;
  samples: number;
  kbpsTotal: number;
  worstRttMs?: number;
  /** Per reporting page: its last cumulative counters. */
  counters: Map<string, { lost: number; received: number }>;
}

interface RoomState {
  peers: PeerName[];
  /** Pages that cannot call: named like the peers (the names stay unique) but not in the call. */
  visitors: PeerName[];
  states: Map<string, { connection: ConnectionState; ice: IceState }>;
  latest: Map<string, LiveStats>;
  call?: CallProgress;
}

const CONNECTION_RANK: ConnectionState[] = ['closed', 'failed', 'new', 'disconnected', 'connecting', 'connected'];

export class CallTracker {
  private readonly rooms = new Map<string, RoomState>();
  private readonly names = new Map<string, PeerName>();
  /** Last ICE ufrag per sender→addressee, to spot an ICE restart. */
  private readonly ufrags = new Map<string, string>();
  /** Last selected path per reporting page→other peer. */
  private readonly paths = new Map<string, string>();

  /** Returns the event with its context, and the summaries of calls this event ended. */
  track(event: CallEvent): { tracked: TrackedEvent; ended: CallSummary[] } {
    switch (event.type) {
      case 'join':
        return { tracked: { event, peer: this.join(event) }, ended: [] };
      case 'leave': {
        const peer = this.nameOf(event.peerId);
        return { tracked: { event, peer }, ended: this.leave(event.room, event.peerId, event.at) };
      }
      case 'unsupported':
        return { tracked: { event, peer: this.nameOf(event.peerId) }, ended: [] };
      case 'signal':
        return { tracked: this.describeSignal(event), ended: [] };
      case 'peer-state': {
        const room = this.room(event.room);
        room.states.set(event.peerId, { connection: event.connection, ice: event.ice });
        if (event.connection === 'connected') this.startCall(room, event.at);
        return { tracked: { event, peer: this.nameOf(event.peerId), remote: this.nameOf(event.remotePeerId) }, ended: [] };
      }
      case 'stats':
        return { tracked: this.recordStats(event), ended: [] };
      case 'diagnosis':
        return { tracked: { event, peer: this.nameOf(event.peers[0]), remote: this.nameOf(event.peers[1]) }, ended: [] };
      case 'chat':
      case 'screen-share':
      case 'file':
        return { tracked: { event, peer: this.nameOf(event.peerId), remote: this.nameOf(event.remotePeerId) }, ended: [] };
      case 'closed':
        return { tracked: { event }, ended: [...this.rooms.keys()].flatMap((id) => this.endCall(id, event.at)) };
      case 'ready':
      case 'rejected':
        return { tracked: { event }, ended: [] };
    }
  }

  status(): RoomStatus[] {
    return [...this.rooms.entries()].map(([room, state]) => {
      const states = [...state.states.values()];
      const best = states.sort((a, b) => CONNECTION_RANK.indexOf(b.connection) - CONNECTION_RANK.indexOf(a.connection))[0];
      const order = state.peers.map((p) => p.peerId);
      return {
        room,
        peers: [...state.peers],
        connection: best?.connection,
        ice: best?.ice,
        callStartedAt: state.call?.startedAt,
        latest: [...state.latest.values()].sort((a, b) => order.indexOf(a.peer.peerId) - order.indexOf(b.peer.peerId)),
      };
    });
  }

  private join(event: Extract<CallEvent, { type: 'join' }>): PeerName {
    const room = this.room(event.room);
    // A page back after a connection drop (resumed) kept its connections: its next new ufrag is a restart.
    if (!event.resumed) this.forgetConnections(event.peerId);
    const known = this.names.get(event.peerId);
    if (known && room.peers.some((p) => p.peerId === event.peerId)) return known;
    const { label, device } = describeUserAgent(event.userAgent);
    const taken = [...room.peers, ...room.visitors].map((p) => p.name);
    const peer = known ?? { peerId: event.peerId, label, device, name: namePeer(device, taken) };
    this.names.set(peer.peerId, peer);
    if (event.visitor) room.visitors.push(peer);
    else room.peers.push(peer);
    return peer;
  }

  private leave(roomId: string, peerId: string, at: number): CallSummary[] {
    const room = this.room(roomId);
    // A visitor that could not call was never part of the call: its going ends nothing.
    if (room.visitors.some((v) => v.peerId === peerId)) {
      room.visitors = room.visitors.filter((v) => v.peerId !== peerId);
      return [];
    }
    const ended = this.endCall(roomId, at);
    room.peers = room.peers.filter((p) => p.peerId !== peerId);
    room.states.delete(peerId);
    this.forgetConnections(peerId);
    return ended;
  }

  /** A peer that joins afresh, reloads or leaves starts new connections: new ufrags and paths are not restarts. */
  private forgetConnections(peerId: string): void {
    for (const map of [this.ufrags, this.paths]) {
      for (const key of [...map.keys()]) if (key.split('>').includes(peerId)) map.delete(key);
    }
  }

  private describeSignal(event: Extract<CallEvent, { type: 'signal' }>): TrackedEvent {
    const tracked: TrackedEvent = { event, peer: this.nameOf(event.from), remote: this.nameOf(event.to) };
    const { signal } = event;
    if (signal.kind === 'candidate') {
      const candidate = summarizeCandidate(signal.candidate);
      if (candidate && candidate !== 'end-of-candidates') tracked.candidate = candidate;
      return tracked;
    }
    if (signal.description.type === 'rollback') return tracked;
    const sdp = summarizeSdp(signal.description.sdp);
    const key = `${event.from}>${event.to}`;
    const before = this.ufrags.get(key);
    if (sdp.iceUfrag) this.ufrags.set(key, sdp.iceUfrag);
    // Only an offer starts an ICE restart. An answer may carry a new ufrag without one: when two
    // offers cross, the polite side rolls its offer back and answers with fresh credentials.
    const restart = signal.description.type === 'offer' && before !== undefined && sdp.iceUfrag !== undefined && before !== sdp.iceUfrag;
    tracked.sdp = { ...sdp, iceRestart: restart };
    return tracked;
  }

  private recordStats(event: Extract<CallEvent, { type: 'stats' }>): TrackedEvent {
    const room = this.room(event.room);
    const peer = this.nameOf(event.peerId);
    const remote = this.nameOf(event.remotePeerId);
    const call = this.startCall(room, event.at);
    const { stats } = event;
    call.samples += 1;
    call.kbpsTotal += stats.audio.inKbps + stats.video.inKbps;
    const rtt = stats.path?.rttMs;
    if (rtt !== undefined) call.worstRttMs = Math.max(call.worstRttMs ?? 0, rtt);
    call.counters.set(event.peerId, {
      lost: stats.audio.packetsLost + stats.video.packetsLost,
      received: stats.audio.packetsReceived + stats.video.packetsReceived,
    });
    room.latest.set(event.peerId, { peer, remote, stats, at: event.at });

    const key = `${event.peerId}>${event.remotePeerId}`;
    const path = stats.path ? JSON.stringify([stats.path.local, stats.path.remote]) : undefined;
    const newPath = path !== undefined && this.paths.get(key) !== path;
    if (path) this.paths.set(key, path);
    return { event, peer, remote, newPath };
  }

  private startCall(room: RoomState, at: number): CallProgress {
    room.call ??= { startedAt: at, samples: 0, kbpsTotal: 0, counters: new Map() };
    return room.call;
  }

  private endCall(roomId: string, at: number): CallSummary[] {
    const room = this.rooms.get(roomId);
    const call = room?.call;
    if (!room || !call) return [];
    room.call = undefined;
    room.latest.clear();
    const counters = [...call.counters.values()];
    return [
      {
        room: roomId,
        startedAt: call.startedAt,
        endedAt: at,
        durationMs: Math.max(0, at - call.startedAt),
        peers: room.peers.map((p) => p.name),
        averageKbps: call.samples > 0 ? Math.round((call.kbpsTotal / call.samples) * 10) / 10 : undefined,
        worstRttMs: call.worstRttMs,
        packetsLost: counters.reduce((sum, c) => sum + c.lost, 0),
        packetsReceived: counters.reduce((sum, c) => sum + c.received, 0),
      },
    ];
  }

  private room(id: string): RoomState {
    let room = this.rooms.get(id);
    if (!room) {
      room = { peers: [], visitors: [], states: new Map(), latest: new Map() };
      this.rooms.set(id, room);
    }
    return room;
  }

  /** Events can name a peer the tracker never saw join (it joined before a subscriber attached). */
  private nameOf(peerId: string): PeerName {
    return this.names.get(peerId) ?? { peerId, name: peerId, label: 'unknown client', device: 'peer' };
  }
}
