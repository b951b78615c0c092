/**
 * "Share screen": the screen's video replaces the camera's on every connection with
 * RTCRtpSender.replaceTrack (no new offer), and goes into the local stream in the camera's place
 * so a connection opened while sharing sends the screen too. "Stop sharing", or the browser's
 * own stop (the track ends), puts the camera back the same way. The others learn that what they
 * see is a screen over the `screen` data channel, to show it whole rather than cropped.
 */
import * as v from 'valibot';
import { parseMessage } from './channels.js';
import { t } from './i18n/index.js';
import { byId } from './ui.js';

/** On the `screen` channel: whether what this side sends now is its screen. */
const ScreenStateSchema = v.object({ sharing: v.boolean() });

export interface ScreenShareOptions {
  /** Every open connection's video senders, idle ones (no camera) included. */
  videoSenders: () => RTCRtpSender[];
  /** The local camera stream, whose video track the screen stands in for. */
  stream: () => MediaStream | undefined;
  /** Sharing started or stopped: for the terminal. */
  report: (on: boolean) => void;
  /** The peer's video is (or is no longer) a shared screen. */
  showRemoteScreen: (peerId: string, on: boolean) => void;
  showProblem: (text: string) => void;
}

export interface ScreenShare {
  attach(peerId: string, channel: RTCDataChannel): void;
  detach(peerId: string): void;
  stop(): Promise<void>;
}

export function createScreenShare(doc: Document, options: ScreenShareOptions): ScreenShare {
  const button = byId<HTMLButtonElement>(doc, 'share-screen');
  const channels = new Map<string, RTCDataChannel>();
  let screen: MediaStreamTrack | undefined;
  let camera: MediaStreamTrack | undefined;
  // Phones have no getDisplayMedia: no button that could only fail.
  button.hidden = typeof navigator.mediaDevices?.getDisplayMedia !== 'function';

  const announce = () => {
    const wire = JSON.stringify({ sharing: screen !== undefined });
    for (const channel of channels.values()) if (channel.readyState === 'open') channel.send(wire);
  };
  const show = (sharing: boolean) => {
    button.textContent = sharing ? t.screen.stop : t.screen.share;
    button.setAttribute('aria-pressed', String(sharing));
    doc.documentElement.dataset.sharing = String(sharing);
  };
  const swap = async (from: MediaStreamTrack | undefined, to: MediaStreamTrack | undefined) => {
    const stream = options.stream();
    if (stream && from && to) {
      stream.removeTrack(from);
      stream.addTrack(to);
    }
    await Promise.all(options.videoSenders().map((sender) => sender.replaceTrack(to ?? null)));
  };

  const start = async () => {
    let track: MediaStreamTrack | undefined;
    try {
      const captured = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      track = captured.getVideoTracks()[0];
    } catch (error) {
      // The person closed the browser's picker: not a problem worth a message.
      if (error instanceof DOMException && error.name === 'NotAllowedError') return;
      options.showProblem(t.screen.failed(error instanceof Error ? error.message : String(error)));
      return;
    }
    if (!track) return;
    // Text and lines stay sharp rather than the frame rate smooth.
    track.contentHint = 'detail';
    track.addEventListener('ended', () => void stop());
    camera = options.stream()?.getVideoTracks()[0];
    screen = track;
    show(true);
    await swap(camera, track);
    announce();
    options.report(true);
  };
  const stop = async () => {
    const track = screen;
    if (!track) return;
    screen = undefined;
    show(false);
    await swap(track, camera);
    track.stop();
    announce();
    options.report(false);
  };

  button.onclick = () => void (screen ? stop() : start());
  show(false);

  return {
    attach(peerId, channel) {
      channels.set(peerId, channel);
      // A connection opened while sharing is told at once.
      channel.onopen = () => {
        if (screen) channel.send(JSON.stringify({ sharing: true }));
      };
      channel.onmessage = ({ data }) => {
        const state = parseMessage(ScreenStateSchema, data);
        if (state) options.showRemoteScreen(peerId, state.sharing);
      };
    },
    detach(peerId) {
      channels.delete(peerId);
    },
    stop,
  };
}
