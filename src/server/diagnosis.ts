/**
 * Why a connection between two peers did not connect, worked out from what the server relayed
 * (each side's candidates and end-of-candidates, the states its page reported) and the ICE
 * servers it was configured with. Plain data in, one most likely cause out: no I/O, no timers
 * (connection-watch.ts decides when to ask).
 */
import type { ConnectionState, DiagnosisCause, IceState } from '../shared/protocol.js';

/**
 * What a person can do when the two devices cannot reach each other directly. One constant so
 * the TURN work (`--ice-server`) can change it in one place.
 */
export const RELAY_ADVICE =
  'a TURN relay would help: `webrtc-call start --ice-server turn:HOST:3478 --turn-secret …` (see README "Beyond one Wi-Fi")';

export interface CandidateFact {
  type: string;
  protocol: string;
  /** An IP address, or an mDNS name (`….local`). */
  address: string;
  mdns: boolean;
}

/** This side's UDP probe (udp-probe.ts): did its Binding request to the server's STUN port arrive? */
export interface UdpProbeResult {
  url: string;
  arrived: boolean;
}

export interface SideFacts {
  peerId: string;
  /** "laptop", "phone", "laptop 2": how the terminal names this peer. */
  name: string;
  candidates: CandidateFact[];
  /** This side signalled end-of-candidates: it has nothing more to offer. */
  gatheringDone: boolean;
  /** The last state this side's page reported for this connection, if any. */
  connection?: ConnectionState;
  ice?: IceState;
  /** Absent when this side made no probe (not the call page, or the server could not listen) or it is too soon to tell. */
  udpProbe?: UdpProbeResult;
}

export interface ConnectionFacts {
  sides: [SideFacts, SideFacts];
  /** The ICE servers (URLs) the pages were told to use; empty on a plain LAN call. */
  iceServers: readonly string[];
}

export interface Diagnosis {
  cause: DiagnosisCause;
  /** Plain words: what is wrong and what to do next. */
  message: string;
  /** The facts the cause rests on, one short line each. */
  evidence: string[];
}

export function diagnose(facts: ConnectionFacts): Diagnosis {
  const [a, b] = facts.sides;
  const evidence = [...facts.sides.map(describeSide), ...describeIceServers(facts.iceServers)];
  const found = findCause(facts, a, b);
  const message = found.relay ? `${found.text}; ${RELAY_ADVICE}.` : `${found.text}.`;
  return { cause: found.cause, message: capitalize(message), evidence };
}

interface Found {
  cause: DiagnosisCause;
  text: string;
  /** A relay (TURN) would carry this call: say so. */
  relay: boolean;
}

function findCause(facts: ConnectionFacts, a: SideFacts, b: SideFacts): Found {
  const silent = [a, b].find((side) => side.candidates.length === 0);
  if (silent) {
    return {
      cause: 'no-candidates',
      text:
        `the ${silent.name} found no network address to use (it sent no ICE candidate${silent.gatheringDone ? '' : ' in time'}). ` +
        `Check that it is connected to the Wi-Fi; a VPN, or a browser setting or extension that blocks WebRTC, also does this. Then reload its page`,
      relay: false,
    };
  }
  const turn = facts.iceServers.filter((url) => /^turns?:/i.test(url));
  const unrelayed = turn.length > 0 ? [a, b].find((side) => !side.candidates.some((c) => c.type === 'relay')) : undefined;
  if (unrelayed) {
    return {
      cause: 'turn-no-relay',
      text:
        `a TURN server is configured (${turn.join(', ')}) but the ${unrelayed.name} got no relay address from it. ` +
        `Check that the TURN server runs and is reachable from the ${unrelayed.name} (its port, UDP or TCP, open in the firewall) and that its secret matches ` +
        `(\`webrtc-call doctor --ice-server … --turn-secret …\` tells which)`,
      relay: false,
    };
  }
  // Two relay addresses can always reach each other through the relay: when even that fails,
  // the relay is what is wrong, and recommending one would send the person in a circle.
  if (turn.length > 0) {
    return {
      cause: 'relay-failed',
      text:
        `both got a relay address from the TURN server (${turn.join(', ')}) but no connection went through it either. ` +
        `Check that the TURN server may relay between its own clients (coturn: no denied-peer-ip covering its relay address) and that its relay ports (min-port to max-port, UDP) are open in its firewall`,
      relay: false,
    };
  }
  const tcpOnly = [a, b].find((side) => !side.candidates.some((c) => c.protocol === 'udp'));
  if (tcpOnly) {
    return {
      cause: 'udp-blocked',
      text:
        `the ${tcpOnly.name} offered only TCP candidates: UDP is blocked on its network or by its browser, and two browsers cannot call each other over TCP alone. ` +
        `Allow UDP for the browser in the firewall (or use another network)`,
      relay: true,
    };
  }
  // Signaling (TCP) works, the side gathered UDP addresses, but its UDP never reached this computer.
  const unheard = [a, b].filter((side) => side.udpProbe?.arrived === false && side.candidates.some((c) => c.protocol === 'udp'));
  if (unheard.length > 0) {
    const who = unheard.map((side) => `the ${side.name}`).join(' and ');
    return {
      cause: 'udp-blocked',
      text:
        `UDP from ${who} does not reach the computer running webrtc-call (a UDP test message sent to it never arrived, while signaling over TCP does), and calls need UDP. ` +
        `A firewall on that computer or on the network, or a VPN, blocks it: allow UDP for the browser and webrtc-call there, or use another network`,
      relay: true,
    };
  }
  const hidden = [a, b].find((side) => side.candidates.every((c) => c.mdns));
  if (hidden) {
    const other = hidden === a ? b : a;
    return {
      cause: 'mdns-unresolved',
      text:
        `the ${hidden.name} hid its address behind mDNS names (….local) that the ${other.name} could not resolve: multicast does not get through this network. ` +
        `Allow the camera on the ${hidden.name} before joining (browsers then share the real address) and reload, or put both on one Wi-Fi where multicast works`,
      relay: true,
    };
  }
  if (!sharesNetwork(a, b)) {
    return {
      cause: 'no-shared-network',
      text:
        `the ${a.name} (${networksOf(a).join(', ')}) and the ${b.name} (${networksOf(b).join(', ')}) are on different networks, and neither can reach the other. ` +
        `Put both on the same Wi-Fi (not a guest network; a phone on mobile data must join the Wi-Fi)`,
      relay: true,
    };
  }
  return {
    cause: 'checks-failed',
    text:
      `the ${a.name} and the ${b.name} are on the same network (${sharedNetworks(a, b).join(', ')}) but every connection check between them failed: ` +
      `a firewall (one that blocks UDP is enough), or a Wi-Fi that keeps its devices apart (a guest network, "client" or "AP isolation"), blocks them. ` +
      `Let the browser through the firewall on both, or use a Wi-Fi without isolation`,
    relay: true,
  };
}

/** Candidates an IP route could join: IPs (mDNS names say nothing about the network). */
function addresses(side: SideFacts): CandidateFact[] {
  return side.candidates.filter((c) => !c.mdns);
}

/**
 * Two sides can pair when an address of one is in the same network as one of the other, or when
 * both have a server-reflexive/relay candidate (an address on the internet, reachable through
 * NATs). The netmask is not in a candidate: a /24 (IPv4) or /64 (IPv6) is what home and office
 * Wi-Fi hand out.
 */
function sharesNetwork(a: SideFacts, b: SideFacts): boolean {
  if (sharedNetworks(a, b).length > 0) return true;
  const public_ = (side: SideFacts) => side.candidates.some((c) => c.type === 'srflx' || c.type === 'relay');
  return public_(a) && public_(b);
}

function sharedNetworks(a: SideFacts, b: SideFacts): string[] {
  const theirs = new Set(networksOf(b));
  return networksOf(a).filter((network) => theirs.has(network));
}

/** "192.168.1.x", "2001:db8:1:2::/64": the networks a side's candidates are on. */
function networksOf(side: SideFacts): string[] {
  return [...new Set(addresses(side).map((c) => networkOf(c.address)))];
}

export function networkOf(address: string): string {
  if (address.includes(':')) {
    const groups = expandIPv6(address).slice(0, 4).map((g) => g.replace(/^0+(?=.)/, ''));
    return `${groups.join(':')}::/64`;
  }
  return `${address.split('.').slice(0, 3).join('.')}.x`;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right];
}

function describeSide(side: SideFacts): string {
  const counts = new Map<string, number>();
  for (const c of side.candidates) {
    const key = `${c.type} ${c.protocol}${c.mdns ? ' mDNS' : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const kinds = [...counts].map(([key, n]) => `${n} ${key}`).join(', ') || 'no candidates';
  const networks = networksOf(side);
  const where = networks.length > 0 ? ` on ${networks.join(', ')}` : '';
  const done = side.gatheringDone ? ', end-of-candidates' : ', no end-of-candidates';
  const state = side.connection ? `; reported connection ${side.connection}, ICE ${side.ice ?? '?'}` : '; reported no state';
  const probe = side.udpProbe ? `; UDP probe to ${side.udpProbe.url.slice('stun:'.length)} ${side.udpProbe.arrived ? 'arrived' : 'never arrived'}` : '';
  return `${side.name}: ${kinds}${where}${done}${state}${probe}`;
}

function describeIceServers(urls: readonly string[]): string[] {
  return urls.length > 0 ? [`ICE servers: ${urls.join(', ')}`] : ['ICE servers: none (host candidates only)'];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
