/**
 * A WebRTC peer that is not a browser: werift (a WebRTC stack written in TypeScript) taking part
 * in a call through the documented protocol (src/shared/protocol.ts) with a plain
 * socket.io-client. None of the page's code is used, so when this peer holds a call with the
 * page, the protocol and the server are enough for a client we did not write the page for.
 *
 * It takes the role the protocol gives it: joining a room that has peers, it offers to each of
 * them and is impolite; joining an empty room, it waits, answers whoever joins and is polite.
 * It sends no media (its transceivers are recvonly) and counts the RTP it receives.
 */
import { io, type Socket } from 'socket.io-client';
import { RTCPeerConnection, type MediaStreamTrack, type RTCIceCandidate } from 'werift';
import {
  InboundSignalSchema,
  JoinReplySchema,
  parse,
  PeerInfoSchema,
  type ClientToServerEvents,
  type IceCandidate,
  type ServerToClientEvents,
  type SessionDescription,
  type Signal,
} from '../../src/shared/protocol.js';
import { assertLoopbackOnlyNetwork } from './browser.js';

/** What the server's join event carries; the terminal labels the peer "werift-peer 1" from it. */
export const WERIFT_USER_AGENT = 'werift-peer/1 (webrtc-call test peer)';

export type MediaKind = 'audio' | 'video';

export interface WeriftPeer {
  readonly peerId: string;
  /** As the protocol assigns it: the newcomer offers, the peer already in the room answers. */
  readonly role: 'offerer' | 'answerer';
  /** RTP packets received so far on the remote tracks of each kind, from every peer. */
  readonly rtpReceived: Record<MediaKind, number>;
  /** Negotiation errors and refusals from the server; a good call has none. */
  readonly problems: string[];
  /** What happened, in order, for a failure message. */
  history(): string;
  close(): Promise<void>;
}

type PlainSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Joins `room` on the server at `origin` and starts the role the join reply gives it. */
export async function joinWithWerift(origin: string, room: string): Promise<WeriftPeer> {
  // werift gathers on every non-internal interface: only a loopback-only namespace keeps the
  // call's traffic on loopback, as the network rule requires (see ../shared/E2E.md).
  assertLoopbackOnlyNetwork();
  // socket.io's defaults (docs/protocol.md), except that a test peer does not retry, and that it
  // names itself: the terminal labels peers by their user agent.
  const socket: PlainSocket = io(origin, {
    reconnection: false,
    forceNew: true,
    extraHeaders: { 'user-agent': WERIFT_USER_AGENT },
  });
  const log: string[] = [];
  const started = Date.now();
  const note = (what: string) => log.push(`${Date.now() - started}ms ${what}`);
  const problems: string[] = [];
  const problem = (what: string) => {
    problems.push(what);
    note(`problem: ${what}`);
  };
  const rtpReceived: Record<MediaKind, number> = { audio: 0, video: 0 };
  const links = new Map<string, WeriftLink>();

  let joined = false;
  const openLink = (remotePeerId: string, polite: boolean): WeriftLink => {
    links.get(remotePeerId)?.close();
    const link = new WeriftLink(polite, {
      send: (signal) => {
        if (joined) socket.emit('signal', { to: remotePeerId, signal });
      },
      report: (connection, ice) => {
        if (joined) socket.emit('report', { kind: 'state', about: remotePeerId, connection, ice });
      },
      onTrack: (track) => {
        note(`${remotePeerId}: track ${track.kind}`);
        const kind = track.kind;
        if (kind === 'audio' || kind === 'video') track.onReceiveRtp.subscribe(() => void rtpReceived[kind]++);
      },
      note: (what) => note(`${remotePeerId}: ${what}`),
      problem: (what) => problem(`${remotePeerId}: ${what}`),
    });
    links.set(remotePeerId, link);
    return link;
  };

  // Every message from the server is checked before it is trusted, as the protocol asks of any client.
  socket.on('peer-joined', (payload) => {
    const parsed = parse(PeerInfoSchema, payload);
    if (!parsed.ok) return problem(`peer-joined not understood: ${parsed.message}`);
    note(`peer-joined ${parsed.value.peerId}`);
    openLink(parsed.value.peerId, true);
  });
  socket.on('peer-left', (payload) => {
    const parsed = parse(PeerInfoSchema, payload);
    if (!parsed.ok) return problem(`peer-left not understood: ${parsed.message}`);
    note(`peer-left ${parsed.value.peerId}`);
    links.get(parsed.value.peerId)?.close();
    links.delete(parsed.value.peerId);
  });
  socket.on('signal', (payload) => {
    const parsed = parse(InboundSignalSchema, payload);
    if (!parsed.ok) return problem(`signal not understood: ${parsed.message}`);
    const { from, signal } = parsed.value;
    void (links.get(from) ?? openLink(from, true)).handle(signal);
  });
  socket.on('rejected', (rejection) => problem(`server refused: ${rejection.reason}: ${rejection.message}`));
  socket.on('diagnosis', (notice) => problem(`server diagnosed the connection to ${notice.about}: ${notice.cause}: ${notice.message}`));
  socket.on('disconnect', (reason) => note(`socket disconnected: ${reason}`));

  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`werift peer could not reach the call server at ${origin}: ${error.message}`));
    });
  });
  const parsed = parse(JoinReplySchema, await socket.timeout(5_000).emitWithAck('join', { room }));
  const reply = parsed.ok ? parsed.value : { ok: false as const, message: `a reply it does not understand (${parsed.message})` };
  if (!reply.ok) {
    socket.close();
    throw new Error(`werift peer could not join room ${room}: ${reply.message}`);
  }
  joined = true;
  note(`joined as ${reply.peerId}; peers already here: ${reply.peers.map((p) => p.peerId).join(', ') || 'none'}`);
  for (const { peerId } of reply.peers) openLink(peerId, false).offer();

  return {
    peerId: reply.peerId,
    role: reply.peers.length > 0 ? 'offerer' : 'answerer',
    rtpReceived,
    problems,
    history: () => log.join('\n'),
    async close() {
      joined = false;
      await Promise.all([...links.values()].map((link) => link.close()));
      links.clear();
      socket.disconnect();
    },
  };
}

interface LinkCallbacks {
  send(signal: Signal): void;
  report(connection: RTCPeerConnection['connectionState'], ice: RTCPeerConnection['iceConnectionState']): void;
  onTrack(track: MediaStreamTrack): void;
  note(what: string): void;
  problem(what: string): void;
}

/**
 * One werift RTCPeerConnection to one remote peer, with the W3C "perfect negotiation" rules the
 * page uses (src/web/call.ts) for a description that crosses ours: the impolite side ignores
 * the other's offer, the polite side rolls its own back (werift does that implicitly, as
 * browsers do).
 *
 * Unlike the page it does not offer from `negotiationneeded`: werift also fires that event while
 * it applies a remote offer (it creates the offer's transceivers with addTransceiver, which
 * schedules the event before the signaling state leaves "stable"), and once per change made in
 * the same tick, so following it would offer in the middle of answering. This peer never adds
 * a track later, so its first offer is its only negotiation and it makes it itself.
 */
class WeriftLink {
  readonly pc: RTCPeerConnection;
  private makingOffer = false;
  private ignoreOffer = false;
  /**
   * werift gathers candidates inside setLocalDescription and announces them before it returns,
   * so they would reach the other side before the description they belong to (which a browser
   * refuses). They wait here until that description is sent.
   */
  private pendingCandidates: Array<IceCandidate | null> | undefined = [];
  private lastReport = '';
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly polite: boolean,
    private readonly callbacks: LinkCallbacks,
  ) {
    this.pc = new RTCPeerConnection({
      // werift's default asks Google's STUN server: none here, the call stays on loopback.
      iceServers: [],
      iceUseIpv6: false,
      // werift leaves loopback out of its host candidates; the test's namespace has nothing else.
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceFilterCandidatePair: (pair) => isLoopback(pair.remoteCandidate.host),
      // As the page does: one transport for audio and video.
      bundlePolicy: 'max-bundle',
    });
    this.pc.onicecandidate = ({ candidate }) => this.sendCandidate(candidate ? toCandidateJson(candidate) : null);
    this.pc.onTrack.subscribe((track) => callbacks.onTrack(track));
    this.pc.connectionStateChange.subscribe((state) => callbacks.note(`connection ${state}`));
    this.pc.signalingStateChange.subscribe((state) => callbacks.note(`signaling ${state}`));
    // Both events often fire for one change; the terminal needs each state once, as the page sends it.
    const report = () => {
      const state = `${this.pc.connectionState}/${this.pc.iceConnectionState}`;
      if (state === this.lastReport) return;
      this.lastReport = state;
      callbacks.report(this.pc.connectionState, this.pc.iceConnectionState);
    };
    this.pc.connectionStateChange.subscribe(report);
    this.pc.iceConnectionStateChange.subscribe(report);
  }

  /** The newcomer's side: offer to receive the other peer's audio and video. */
  offer(): void {
    this.pc.addTransceiver('audio', { direction: 'recvonly' });
    this.pc.addTransceiver('video', { direction: 'recvonly' });
    void this.makeOffer();
  }

  /**
   * One signal at a time, in the order they came: the page may send its answer and its next
   * offer a few ms apart, and applying the offer while the answer is still being applied would
   * look like two crossing offers (and the impolite side would ignore it).
   */
  handle(signal: Signal): Promise<void> {
    const next = this.queue.then(() => this.apply(signal));
    this.queue = next;
    return next;
  }

  private async apply(signal: Signal): Promise<void> {
    try {
      if (signal.kind === 'description') await this.onDescription(signal.description);
      else await this.onCandidate(signal.candidate);
    } catch (error) {
      this.callbacks.problem(`negotiation failed: ${describe(error)}`);
    }
  }

  async close(): Promise<void> {
    this.pc.onicecandidate = null;
    await this.pc.close();
  }

  private async makeOffer(): Promise<void> {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.sendLocalDescription();
    } catch (error) {
      this.callbacks.problem(`could not make an offer: ${describe(error)}`);
    } finally {
      this.makingOffer = false;
    }
  }

  private async onDescription(description: SessionDescription): Promise<void> {
    const offerCollision = description.type === 'offer' && (this.makingOffer || this.pc.signalingState !== 'stable');
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) {
      this.callbacks.note('ignored an offer that crossed ours (we are impolite)');
      return;
    }
    if (description.type === 'pranswer' || description.type === 'rollback') {
      throw new Error(`a "${description.type}" description is not part of a call`);
    }
    await this.pc.setRemoteDescription({ type: description.type, sdp: description.sdp });
    if (description.type !== 'offer') return;
    await this.pc.setLocalDescription();
    this.sendLocalDescription();
  }

  private async onCandidate(candidate: IceCandidate | null): Promise<void> {
    // werift takes no end-of-candidates marker; it stops waiting once a pair connects.
    if (candidate === null || candidate.candidate === '') return;
    try {
      await this.pc.addIceCandidate({
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid ?? undefined,
        sdpMLineIndex: candidate.sdpMLineIndex ?? undefined,
      });
    } catch (error) {
      // Candidates for an offer we ignored are expected to fail; anything else is real.
      if (!this.ignoreOffer) throw error;
    }
  }

  private sendCandidate(candidate: IceCandidate | null): void {
    if (this.pendingCandidates) this.pendingCandidates.push(candidate);
    else this.callbacks.send({ kind: 'candidate', candidate });
  }

  private sendLocalDescription(): void {
    const local = this.pc.localDescription;
    if (!local) return;
    this.callbacks.note(`sent ${local.type}`);
    this.callbacks.send({ kind: 'description', description: { type: local.type, sdp: inactiveIsNotRejected(local.sdp) } });
    const pending = this.pendingCandidates ?? [];
    this.pendingCandidates = undefined;
    for (const candidate of pending) this.callbacks.send({ kind: 'candidate', candidate });
  }
}

/**
 * werift 0.24 writes port 0 on every inactive m= section, and port 0 means "rejected" (RFC 3264
 * §6). A section that neither side sends on yet (the page's camera is still starting) is
 * inactive, not rejected: with audio "rejected" as the first of the BUNDLE group, Chromium
 * refuses the whole answer ("The m= section with mid='2' should be rejected"). The port of a
 * bundled section is not used for media, so the discard port 9, as browsers write, is right.
 * werift never rejects a section it answers (it throws instead), so every port 0 here is this.
 */
function inactiveIsNotRejected(sdp: string): string {
  return sdp.replace(/^m=(audio|video) 0 /gm, 'm=$1 9 ');
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1';
}

function toCandidateJson(candidate: RTCIceCandidate): IceCandidate {
  return {
    candidate: candidate.candidate,
    sdpMid: candidate.sdpMid ?? null,
    sdpMLineIndex: candidate.sdpMLineIndex ?? null,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
