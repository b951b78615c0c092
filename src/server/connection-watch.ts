/**
 * Follows every connection between two peers through the event stream and, when one is still
 * not connected `delayMs` after its first offer or a page reports it `failed`, publishes its
 * diagnosis (diagnosis.ts) once and tells both pages. A connection that connected is never
 * diagnosed: a later drop is a changed network, which the pages recover from by themselves.
 */
import type { DiagnosisNotice } from '../shared/protocol.js';
import { summarizeCandidate } from '../terminal/candidate-summary.js';
import { describeUserAgent, namePeer } from '../terminal/peer-label.js';
import { diagnose, type CandidateFact, type SideFacts, type UdpProbeResult } from './diagnosis.js';
import type { CallEvent, CallEvents } from './events.js';
import type { UdpProbe } from './udp-probe.js';

export interface ConnectionWatchOptions {
  events: CallEvents;
  delayMs: number;
  /** The ICE server URLs the pages use; empty on a plain LAN call. */
  iceServers: readonly string[];
  /** The server's STUN responder for the pages' UDP probes; absent when it could not listen. */
  udpProbe?: Pick<UdpProbe, 'heardFrom'>;
  /** Sends the diagnosis to one page. */
  tell(room: string, peerId: string, notice: DiagnosisNotice): void;
}

interface Side {
  peerId: string;
  /** Raw candidate lines, parsed only if a diagnosis is needed (the relay path stays cheap). */
  candidates: string[];
  /** The last description this side sent: candidates can travel inside it instead. */
  sdp?: string;
  gatheringDone: boolean;
  connection?: SideFacts['connection'];
  ice?: SideFacts['ice'];
}

interface Watched {
  room: string;
  /** Offerer first. */
  sides: [Side, Side];
  timer?: NodeJS.Timeout;
  /** Connected once, or already diagnosed: nothing more to say. */
  done: boolean;
}

/** A page that was asked to probe UDP, and when: only Binding requests since then count. */
interface Probing {
  url: string;
  since: number;
  /** Where its signaling came from (its own address, or loopback on the laptop itself). */
  address?: string;
}

/**
 * A probe's Binding request goes out as soon as the page gathers, and on a LAN arrives within
 * milliseconds; STUN retransmits it within this time if one is lost. Absent after this: blocked.
 */
const PROBE_WAIT_MS = 2_000;

/** A page sends a few candidates per network interface; beyond this they add no evidence. */
const MAX_CANDIDATES_PER_SIDE = 64;

export function watchConnections(options: ConnectionWatchOptions): () => void {
  const watched = new Map<string, Watched>();
  /** room → peerId → name, as the terminal names them ("laptop", "phone", "laptop 2"). */
  const names = new Map<string, Map<string, string>>();
  /** room\npeerId → the UDP probe that page was asked to make. */
  const probing = new Map<string, Probing>();
  const key = (room: string, x: string, y: string) => [room, ...[x, y].sort()].join('\n');

  const forget = (room: string, peerId: string) => {
    for (const [k, w] of watched) {
      if (w.room === room && w.sides.some((s) => s.peerId === peerId)) {
        clearTimeout(w.timer);
        watched.delete(k);
      }
    }
  };

  const conclude = (w: Watched) => {
    if (w.done) return;
    w.done = true;
    clearTimeout(w.timer);
    const roomNames = names.get(w.room);
    const nameOf = (peerId: string) => roomNames?.get(peerId) ?? peerId;
    const factsOf = (side: Side) => {
      const found = facts(side, nameOf);
      return { ...found, udpProbe: probeResult(probing.get(`${w.room}\n${side.peerId}`), found.candidates, options.udpProbe) };
    };
    const diagnosis = diagnose({ sides: [factsOf(w.sides[0]), factsOf(w.sides[1])], iceServers: options.iceServers });
    const [a, b] = w.sides;
    options.events.publish({ type: 'diagnosis', at: Date.now(), room: w.room, peers: [a.peerId, b.peerId], ...diagnosis });
    for (const [side, other] of [[a, b], [b, a]] as const) {
      options.tell(w.room, side.peerId, { about: other.peerId, cause: diagnosis.cause, message: `Can't reach the ${nameOf(other.peerId)} directly: ${diagnosis.message}` });
    }
    w.sides = [{ ...a, candidates: [], sdp: undefined }, { ...b, candidates: [], sdp: undefined }];
  };

  const connection = (room: string, from: string, to: string): Watched => {
    const k = key(room, from, to);
    let w = watched.get(k);
    if (!w) {
      w = { room, sides: [newSide(from), newSide(to)], done: false };
      watched.set(k, w);
    }
    return w;
  };

  const onEvent = (event: CallEvent) => {
    switch (event.type) {
      case 'join': {
        const roomNames = names.get(event.room) ?? new Map<string, string>();
        names.set(event.room, roomNames);
        if (!roomNames.has(event.peerId)) roomNames.set(event.peerId, namePeer(describeUserAgent(event.userAgent).device, [...roomNames.values()]));
        // A reload or a fresh join starts new connections; a resumed page keeps its own (and its probe).
        if (!event.resumed) forget(event.room, event.peerId);
        const probeKey = `${event.room}\n${event.peerId}`;
        if (event.udpProbe) probing.set(probeKey, { url: event.udpProbe, since: event.at, address: event.address });
        else if (!event.resumed) probing.delete(probeKey);
        return;
      }
      case 'leave': {
        forget(event.room, event.peerId);
        probing.delete(`${event.room}\n${event.peerId}`);
        const roomNames = names.get(event.room);
        roomNames?.delete(event.peerId);
        if (roomNames?.size === 0) names.delete(event.room);
        return;
      }
      case 'signal': {
        const w = connection(event.room, event.from, event.to);
        if (w.done) return;
        const side = w.sides.find((s) => s.peerId === event.from);
        if (!side) return;
        if (event.signal.kind === 'description') {
          side.sdp = event.signal.description.sdp;
          if (event.kind === 'offer' && w.timer === undefined) {
            // Offerer first (a state report may have created the entry the other way round).
            if (w.sides[0] !== side) w.sides.reverse();
            w.timer = setTimeout(() => conclude(w), options.delayMs).unref();
          }
        } else if (event.kind === 'end-of-candidates') side.gatheringDone = true;
        else if (event.signal.candidate && side.candidates.length < MAX_CANDIDATES_PER_SIDE) side.candidates.push(event.signal.candidate.candidate);
        return;
      }
      case 'peer-state': {
        const w = connection(event.room, event.peerId, event.remotePeerId);
        const side = w.sides.find((s) => s.peerId === event.peerId);
        if (side) Object.assign(side, { connection: event.connection, ice: event.ice });
        if (event.connection === 'connected') {
          w.done = true;
          clearTimeout(w.timer);
          w.sides = [newSide(w.sides[0].peerId), newSide(w.sides[1].peerId)];
        } else if (event.connection === 'failed' && w.timer !== undefined) conclude(w);
        return;
      }
      case 'closed':
        for (const w of watched.values()) clearTimeout(w.timer);
        watched.clear();
        probing.clear();
        return;
      default:
        return;
    }
  };
  return options.events.subscribe(onEvent);
}

function newSide(peerId: string): Side {
  return { peerId, candidates: [], gatheringDone: false };
}

function facts(side: Side, nameOf: (peerId: string) => string): SideFacts {
  const lines = [...side.candidates, ...candidatesInSdp(side.sdp)];
  const seen = new Set<string>();
  const candidates: CandidateFact[] = [];
  for (const line of lines) {
    const c = summarizeCandidate({ candidate: line });
    if (!c || c === 'end-of-candidates') continue;
    const id = `${c.type} ${c.protocol} ${c.address} ${c.port}`;
    if (seen.has(id)) continue;
    seen.add(id);
    candidates.push({ type: c.type, protocol: c.protocol, address: c.address, mdns: c.mdns });
  }
  return {
    peerId: side.peerId,
    name: nameOf(side.peerId),
    candidates,
    gatheringDone: side.gatheringDone || /^a=end-of-candidates/m.test(side.sdp ?? ''),
    connection: side.connection,
    ice: side.ice,
  };
}

/**
 * Did this page's UDP probe reach the server? Its Binding requests come from one of its own
 * addresses: the one its signaling came from, or (on the laptop itself, whose signaling is on
 * loopback) one of its candidates'.
 */
function probeResult(probe: Probing | undefined, candidates: CandidateFact[], server: ConnectionWatchOptions['udpProbe']): UdpProbeResult | undefined {
  if (!probe || !server) return undefined;
  const addresses = [...(probe.address ? [probe.address] : []), ...candidates.filter((c) => !c.mdns).map((c) => c.address)];
  if (addresses.some((address) => (server.heardFrom(address) ?? 0) >= probe.since)) return { url: probe.url, arrived: true };
  return Date.now() - probe.since >= PROBE_WAIT_MS ? { url: probe.url, arrived: false } : undefined;
}

function candidatesInSdp(sdp: string | undefined): string[] {
  return sdp?.split(/\r?\n/).filter((line) => line.startsWith('a=candidate:')) ?? [];
}
