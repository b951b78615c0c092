/**
 * One RTCPeerConnection to one remote peer, using the W3C "perfect negotiation" pattern: both
 * sides run the same code, the polite one yields on glare. Roles come from the server: the
 * peer already in the room is polite, the newcomer (who offers first) is not.
 */
import type { IceCandidate, IceServer, IceTransportPolicy, Signal } from '../shared/protocol.js';
import { t } from './i18n/index.js';

export interface IceConfiguration {
  iceServers: IceServer[];
  iceTransportPolicy: IceTransportPolicy;
}

/** On a LAN host candidates suffice; no STUN keeps the call private and off the internet. */
export const LAN_ONLY: IceConfiguration = { iceServers: [], iceTransportPolicy: 'all' };
import { openPeerChannels, type PeerChannels } from './channels.js';

/** This page's camera and microphone: still starting, or settled (a stream, or none at all). */
export type LocalMedia = MediaStream | 'starting' | 'none';

/** What the other side sends: its tracks, and whether video is among them (false: show "no camera"). */
export type RemoteMediaListener = (stream: MediaStream, sendsVideo: boolean) => void;

const KINDS = ['audio', 'video'] as const;

export interface PeerLinkOptions {
  polite: boolean;
  /** STUN/TURN servers and policy from the join reply; none on a plain LAN call. */
  ice: IceConfiguration;
  localMedia: LocalMedia;
  send: (signal: Signal) => void;
  onRemoteMedia: RemoteMediaListener;
  onStateChange: (state: RTCPeerConnectionState) => void;
  onError: (message: string) => void;
}

// Chromium reports `disconnected` after a few seconds without ICE responses and often recovers by
// itself (a short Wi-Fi drop); only a link still disconnected this much later gets an ICE restart.
const RESTART_ICE_AFTER_MS = 3_000;

export class PeerLink {
  readonly pc: RTCPeerConnection;
  private makingOffer = false;
  private disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  private ignoreOffer = false;
  private localTracksAdded = false;
  /** A remote offer is being applied: see useLocalStream. */
  private applyingOffer = false;
  /** The answer to our offer is being applied: see onDescription. */
  private applyingAnswer = false;
  private localMedia: LocalMedia;
  private readonly remoteStream = new MediaStream();
  private channels: PeerChannels | undefined;
  private readonly channelListeners: Array<(channels: PeerChannels) => void> = [];

  constructor(private readonly options: PeerLinkOptions) {
    this.localMedia = options.localMedia;
    // max-bundle: one transport for audio and video, so ICE gathers and checks once, not per track.
    this.pc = new RTCPeerConnection({ ...options.ice, bundlePolicy: 'max-bundle' });
    this.pc.onnegotiationneeded = () => void this.negotiate();
    this.pc.onicecandidate = ({ candidate }) =>
      this.options.send({ kind: 'candidate', candidate: candidate ? toCandidateJson(candidate) : null });
    this.pc.ontrack = ({ track }) => this.showRemoteTracks([track]);
    this.pc.onconnectionstatechange = () => this.onConnectionState();
  }

  /**
   * The impolite side starts the call. Its tracks go in before the first offer: an offer made
   * before tracks exist negotiates no media (see shared/E2E.md).
   */
  start(): void {
    this.openChannels();
    this.sendLocalTracks();
    // A slot for each kind no track took, so the offer still asks to receive it. While the
    // camera starts the slot is sendrecv: negotiation and ICE run meanwhile and useLocalMedia()
    // puts the tracks on these senders without another offer. Once the camera is known to be
    // missing it is recvonly. (An offer with no transceivers at all would carry no media.)
    for (const kind of KINDS) {
      if (this.pc.getTransceivers().some((t) => t.receiver.track.kind === kind)) continue;
      this.pc.addTransceiver(kind, { direction: this.localMedia === 'starting' ? 'sendrecv' : 'recvonly' });
    }
  }

  /**
   * The camera started, or failed, after this connection began: send its tracks, and stop
   * offering to send what it lacks (recvonly), renegotiating only if needed.
   */
  useLocalMedia(media: MediaStream | 'none'): void {
    if (this.localTracksAdded) return;
    this.localMedia = media;
    // Tracks added while a remote offer is being applied take its media sections, and Chromium
    // then fires no `track` event for them: the remote video never appeared (the camera starting
    // just as the other side's offer arrived). onDescription sends them once the offer is applied.
    if (this.applyingOffer) return;
    this.sendLocalTracks();
  }

  /** Chat and file channels: now if they exist, else once this connection's first offer or answer creates them. */
  onChannels(listener: (channels: PeerChannels) => void): void {
    if (this.channels) listener(this.channels);
    else this.channelListeners.push(listener);
  }

  async handle(signal: Signal): Promise<void> {
    try {
      if (signal.kind === 'description') await this.onDescription(signal.description);
      else await this.onCandidate(signal.candidate);
    } catch (error) {
      this.options.onError(t.problem.negotiationFailed(describe(error)));
    }
  }

  /**
   * Bring a broken link back after a network fault, keeping this RTCPeerConnection. Called when
   * ICE fails and whenever signaling is back (ours or the peer's), since messages sent while it
   * was down are lost: an unanswered offer is sent again; a broken connection gets an ICE
   * restart from the impolite side (the polite side answers it, perfect negotiation settles glare).
   */
  recover(): void {
    if (this.pc.signalingState === 'closed') return;
    if (this.pc.signalingState === 'have-local-offer') {
      this.sendLocalDescription();
      return;
    }
    const state = this.pc.connectionState;
    if (!this.options.polite && (state === 'failed' || state === 'disconnected')) this.pc.restartIce();
    // The media path held (or came back by itself) while signaling was away, but the packets of
    // the outage are lost: the other side's decoder waits on retransmissions that cannot come,
    // about a second in Chromium, before it asks for a key frame. Send one now.
    if (state === 'connected') void this.sendKeyFrame();
  }

  close(): void {
    clearTimeout(this.disconnectedTimer);
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }

  /**
   * The offerer opens them before its first offer, the answerer while applying that offer (see
   * onDescription), so the first negotiation carries them and no side offers just for them.
   */
  private openChannels(): void {
    if (this.channels || this.pc.signalingState === 'closed') return;
    const channels = openPeerChannels(this.pc);
    this.channels = channels;
    for (const listener of this.channelListeners.splice(0)) listener(channels);
  }

  private onConnectionState(): void {
    const state = this.pc.connectionState;
    clearTimeout(this.disconnectedTimer);
    if (state === 'failed') this.recover();
    if (state === 'disconnected') {
      this.disconnectedTimer = setTimeout(() => this.recover(), RESTART_ICE_AFTER_MS);
    }
    this.options.onStateChange(state);
  }

  private async negotiate(): Promise<void> {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.sendLocalDescription();
    } catch (error) {
      this.options.onError(t.problem.offerFailed(describe(error)));
    } finally {
      this.makingOffer = false;
    }
  }

  private async onDescription(description: RTCSessionDescriptionInit): Promise<void> {
    // While the answer to our offer is being applied the state still reads have-local-offer, yet
    // an offer arriving then is no collision: the other side answered and, its camera having
    // started meanwhile, offers again. Ignored, it was lost for good (it is not resent) and the
    // other side's video, already flowing, was never shown. The W3C example's
    // isSettingRemoteAnswerPending.
    const readyForOffer = !this.makingOffer && (this.pc.signalingState === 'stable' || this.applyingAnswer);
    const offerCollision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.options.polite && offerCollision;
    if (this.ignoreOffer) return;
    // An answer to an offer we already settled: a resent offer (recover()) was answered twice.
    if (description.type === 'answer' && this.pc.signalingState === 'stable') return;
    if (description.type !== 'offer') {
      this.applyingAnswer = description.type === 'answer';
      try {
        await this.pc.setRemoteDescription(description);
      } finally {
        this.applyingAnswer = false;
      }
      this.showReceivedTracks();
      return;
    }
    this.applyingOffer = true;
    try {
      // setRemoteDescription rolls back our own pending offer implicitly when we are polite.
      await this.pc.setRemoteDescription(description);
    } finally {
      this.applyingOffer = false;
      // The answering side's channels are created only now: created earlier they would make it
      // offer on its own, against the newcomer's offer. Created before the answer, they are in it.
      this.openChannels();
      // The answering side adds its tracks now, so they ride on the offerer's transceivers and
      // the answer is sendrecv without a second round of negotiation. (Should the offer have
      // failed, they go on new transceivers and the next offer carries them.)
      if (!this.localTracksAdded) this.sendLocalTracks();
    }
    await this.pc.setLocalDescription();
    this.sendLocalDescription();
    this.showReceivedTracks();
  }

  /**
   * Once a negotiation settles, every transceiver that receives shows its track, whether or not
   * a `track` event announced it: the transceivers, not the events, say what arrives. Shown
   * even when nothing arrives: the other side then has no camera and its tile says so.
   */
  private showReceivedTracks(): void {
    const receiving = this.pc
      .getTransceivers()
      .filter((t) => receives(t))
      .map((t) => t.receiver.track);
    this.showRemoteTracks(receiving, true);
  }

  /**
   * Shown again even when the stream has them all (showing is idempotent), so a showing missed
   * earlier is made good at the next negotiation.
   */
  private showRemoteTracks(tracks: MediaStreamTrack[], settled = false): void {
    if (tracks.length === 0 && !settled) return;
    for (const track of tracks) if (!this.remoteStream.getTrackById(track.id)) this.remoteStream.addTrack(track);
    this.options.onRemoteMedia(this.remoteStream, this.remoteSendsVideo());
  }

  /**
   * The negotiated direction says whether the other side sends video: a page whose camera was
   * refused, missing or busy answers or offers video as recvonly (see sendLocalTracks). Until a
   * negotiation has settled, assume it does, so no "no camera" flashes while connecting.
   */
  private remoteSendsVideo(): boolean {
    if (!this.pc.currentRemoteDescription || !this.pc.currentLocalDescription) return true;
    return this.pc.getTransceivers().some((t) => t.receiver.track.kind === 'video' && receives(t));
  }

  private async onCandidate(candidate: RTCIceCandidateInit | null): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate ?? undefined);
    } catch (error) {
      // Candidates for an offer we ignored are expected to fail; anything else is real.
      if (!this.ignoreOffer) throw error;
    }
  }

  /**
   * Each camera track goes on an idle sending slot if there is one (replaceTrack: no new offer;
   * the slots of an offer made before the camera was ready), else on the remote offer's
   * transceiver of its kind or a new one (addTrack, which then needs an offer).
   */
  private sendLocalTracks(): void {
    const media = this.localMedia;
    if (media === 'starting') return;
    this.localTracksAdded = true;
    const tracks = media === 'none' ? [] : media.getTracks();
    if (media !== 'none') for (const track of tracks) this.sendTrack(track, media);
    // A kind the camera cannot give (refused, missing, busy) stops being offered for sending,
    // so the other side learns from the SDP that no video comes, rather than showing a black tile.
    for (const t of this.pc.getTransceivers()) {
      const kind = t.receiver.track.kind;
      if (t.direction === 'sendrecv' && t.sender.track === null && !tracks.some((track) => track.kind === kind)) t.direction = 'recvonly';
    }
  }

  private sendTrack(track: MediaStreamTrack, stream: MediaStream): void {
    const idle = this.pc
      .getTransceivers()
      .find((t) => t.sender.track === null && t.receiver.track.kind === track.kind && (t.direction === 'sendrecv' || t.direction === 'sendonly'));
    if (idle) void idle.sender.replaceTrack(track).catch((error: unknown) => this.options.onError(t.problem.sendCameraFailed(describe(error))));
    else this.pc.addTrack(track, stream);
  }

  /**
   * A fresh key frame on each video sender: pausing and resuming its encodings (setParameters,
   * no renegotiation) restarts the encoder with one, as no standard call asks it directly.
   * Only encodings that were sending are touched, and every other parameter is kept.
   */
  private async sendKeyFrame(): Promise<void> {
    for (const sender of this.pc.getSenders()) {
      if (sender.track?.kind !== 'video') continue;
      const sending = sender.getParameters().encodings.map((encoding) => encoding.active !== false);
      if (!sending.includes(true)) continue;
      try {
        await setActive(sender, sending, false);
      } catch {
        continue; // another change of parameters was under way: nothing was paused
      }
      // Resumed whatever happens: a sender left paused would send no video at all.
      for (let attempt = 1; ; attempt++) {
        try {
          await setActive(sender, sending, true);
          break;
        } catch (error) {
          if (attempt === 3 || this.pc.signalingState === 'closed') {
            this.options.onError(t.problem.sendCameraFailed(describe(error)));
            break;
          }
        }
      }
    }
  }

  private sendLocalDescription(): void {
    const local = this.pc.localDescription;
    if (!local) return;
    this.options.send({ kind: 'description', description: { type: local.type, sdp: local.sdp } });
  }
}

/** Sets `active` on the encodings that were sending (`sending[i]`), leaving the rest as they are. */
async function setActive(sender: RTCRtpSender, sending: boolean[], active: boolean): Promise<void> {
  const parameters = sender.getParameters();
  parameters.encodings.forEach((encoding, index) => {
    if (sending[index]) encoding.active = active;
  });
  await sender.setParameters(parameters);
}

function receives(transceiver: RTCRtpTransceiver): boolean {
  return transceiver.currentDirection === 'sendrecv' || transceiver.currentDirection === 'recvonly';
}

function toCandidateJson(candidate: RTCIceCandidate): IceCandidate {
  return {
    candidate: candidate.candidate,
    sdpMid: candidate.sdpMid,
    sdpMLineIndex: candidate.sdpMLineIndex,
    usernameFragment: candidate.usernameFragment,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
