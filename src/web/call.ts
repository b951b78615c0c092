/**
 * One RTCPeerConnection to one remote peer, using the W3C "perfect negotiation" pattern: both
 * sides run the same code, the polite one yields on glare. Roles come from the server: the
 * peer already in the room is polite, the newcomer (who offers first) is not.
 */
import type { IceCandidate, Signal } from '../shared/protocol.js';

export interface PeerLinkOptions {
  remotePeerId: string;
  polite: boolean;
  localStream: MediaStream | undefined;
  send: (signal: Signal) => void;
  onRemoteStream: (stream: MediaStream) => void;
  onStateChange: (state: RTCPeerConnectionState) => void;
  onError: (message: string) => void;
}

export class PeerLink {
  readonly pc: RTCPeerConnection;
  private makingOffer = false;
  private ignoreOffer = false;
  private localTracksAdded = false;
  private localStream: MediaStream | undefined;
  private readonly remoteStream = new MediaStream();

  constructor(private readonly options: PeerLinkOptions) {
    this.localStream = options.localStream;
    // On a LAN host candidates suffice; no STUN keeps the call private and off the internet.
    // max-bundle: one transport for audio and video, so ICE gathers and checks once, not per track.
    this.pc = new RTCPeerConnection({ iceServers: [], bundlePolicy: 'max-bundle' });
    this.pc.onnegotiationneeded = () => void this.negotiate();
    this.pc.onicecandidate = ({ candidate }) =>
      this.options.send({ kind: 'candidate', candidate: candidate ? toCandidateJson(candidate) : null });
    this.pc.ontrack = ({ track }) => {
      this.remoteStream.addTrack(track);
      this.options.onRemoteStream(this.remoteStream);
    };
    this.pc.onconnectionstatechange = () => this.options.onStateChange(this.pc.connectionState);
  }

  /**
   * The impolite side starts the call. Its tracks go in before the first offer: an offer made
   * before tracks exist negotiates no media (see shared/E2E.md).
   */
  start(): void {
    if (this.localStream) this.addLocalTracks();
    else {
      // The camera is still starting (or there is none): offer now anyway, so negotiation and
      // ICE run while it starts; useLocalStream() puts its tracks on these senders later
      // without another offer. (An offer with no transceivers at all would carry no media.)
      this.pc.addTransceiver('audio', { direction: 'sendrecv' });
      this.pc.addTransceiver('video', { direction: 'sendrecv' });
    }
  }

  /** The camera arrived after this connection began: send it, renegotiating only if needed. */
  useLocalStream(stream: MediaStream): void {
    if (this.localTracksAdded) return;
    this.localStream = stream;
    this.localTracksAdded = true;
    for (const track of stream.getTracks()) {
      const idle = this.pc
        .getTransceivers()
        .find((t) => t.sender.track === null && t.receiver.track.kind === track.kind && (t.direction === 'sendrecv' || t.direction === 'sendonly'));
      if (idle) void idle.sender.replaceTrack(track).catch((error: unknown) => this.options.onError(`could not send the camera: ${describe(error)}`));
      // No sending slot (we answered before the camera was ready): addTrack triggers a new offer.
      else this.pc.addTrack(track, stream);
    }
  }

  async handle(signal: Signal): Promise<void> {
    try {
      if (signal.kind === 'description') await this.onDescription(signal.description);
      else await this.onCandidate(signal.candidate);
    } catch (error) {
      this.options.onError(`negotiation failed: ${describe(error)}`);
    }
  }

  close(): void {
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }

  private async negotiate(): Promise<void> {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.sendLocalDescription();
    } catch (error) {
      this.options.onError(`could not make an offer: ${describe(error)}`);
    } finally {
      this.makingOffer = false;
    }
  }

  private async onDescription(description: RTCSessionDescriptionInit): Promise<void> {
    const offerCollision =
      description.type === 'offer' && (this.makingOffer || this.pc.signalingState !== 'stable');
    this.ignoreOffer = !this.options.polite && offerCollision;
    if (this.ignoreOffer) return;
    // setRemoteDescription rolls back our own pending offer implicitly when we are polite.
    await this.pc.setRemoteDescription(description);
    if (description.type !== 'offer') return;
    // The answering side adds its tracks now, so they ride on the offerer's transceivers and
    // the answer is sendrecv without a second round of negotiation.
    if (this.localStream && !this.localTracksAdded) this.addLocalTracks();
    await this.pc.setLocalDescription();
    this.sendLocalDescription();
  }

  private async onCandidate(candidate: RTCIceCandidateInit | null): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate ?? undefined);
    } catch (error) {
      // Candidates for an offer we ignored are expected to fail; anything else is real.
      if (!this.ignoreOffer) throw error;
    }
  }

  private addLocalTracks(): void {
    const stream = this.localStream;
    if (!stream) return;
    this.localTracksAdded = true;
    for (const track of stream.getTracks()) this.pc.addTrack(track, stream);
  }

  private sendLocalDescription(): void {
    const local = this.pc.localDescription;
    if (!local) return;
    this.options.send({ kind: 'description', description: { type: local.type, sdp: local.sdp } });
  }
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
