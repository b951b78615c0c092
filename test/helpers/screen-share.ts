/**
 * What the screen-sharing tests read from a page, for Chromium (Playwright) and Firefox
 * (puppeteer) alike: each other person's video as the page shows it, and which track the
 * sharer's video senders carry, by the standard API.
 */
import type { EvaluatingPage } from './browser.js';

/** Keeps the captured screen's track, so the test can end it as the browser's "Stop sharing" bar does. */
export const RECORD_DISPLAY_TRACKS = () => {
  const tracks: MediaStreamTrack[] = [];
  (window as unknown as { __displayTracks: MediaStreamTrack[] }).__displayTracks = tracks;
  const getDisplayMedia = MediaDevices.prototype.getDisplayMedia;
  MediaDevices.prototype.getDisplayMedia = async function (this: MediaDevices, ...args: Parameters<MediaDevices['getDisplayMedia']>) {
    const stream = (await Reflect.apply(getDisplayMedia, this, args)) as MediaStream;
    tracks.push(...stream.getVideoTracks());
    return stream;
  };
};

export interface RemoteVideo {
  peer: string;
  width: number;
  height: number;
  fit: string;
  label: string | null;
}

/** What one page shows of each other person: their video's decoded size and how it fits its box. */
export const remoteVideos = (page: EvaluatingPage): Promise<RemoteVideo[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLVideoElement>('#remotes video')].map((video) => ({
      peer: video.dataset.peer ?? '',
      width: video.videoWidth,
      height: video.videoHeight,
      fit: getComputedStyle(video).objectFit,
      label: video.getAttribute('aria-label'),
    })),
  );

/** A shared screen: shown whole and labelled so. */
export const isScreen = (v: RemoteVideo) => v.width > 0 && v.fit === 'contain' && v.label === 'Remote screen';
/** A camera: fills its box. */
export const isCamera = (v: RemoteVideo) => v.width > 0 && v.fit === 'cover' && v.label === 'Remote camera';

/** On the sharer: the track each connected connection's video sender carries ('screen', 'camera' or 'none'). */
export const sentVideoTracks = (page: EvaluatingPage): Promise<string[]> =>
  page.evaluate(() => {
    const pcs = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.filter((pc) => pc.connectionState === 'connected');
    const screen = (window as unknown as { __displayTracks: MediaStreamTrack[] }).__displayTracks.at(-1);
    return pcs.map((pc) => {
      const track = pc.getSenders().find((sender) => sender.track?.kind === 'video')?.track;
      return track === undefined ? 'none' : track === screen ? 'screen' : 'camera';
    });
  });
