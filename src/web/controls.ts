/**
 * The call controls: mute the microphone, turn the camera off, switch between the front and
 * back camera, hang up. Muting and camera-off flip `track.enabled` (the other side gets silence
 * or black frames, no renegotiation); switching replaces the video track on every sender with
 * RTCRtpSender.replaceTrack, which also needs no new offer.
 */
import { t } from './i18n/index.js';
import { byId } from './ui.js';

export interface ControlsOptions {
  /** The RTCRtpSenders of every open connection, to swap the camera track on. */
  senders: () => RTCRtpSender[];
  hangUp: () => void;
  showProblem: (text: string) => void;
}

export interface Controls {
  /** Called once the camera/microphone are known (or known to be missing). */
  setStream(stream: MediaStream | undefined): void;
  /** Out of the call (refused, hung up, ended): nothing left to control. */
  hide(): void;
}

export function createControls(doc: Document, options: ControlsOptions): Controls {
  const bar = byId<HTMLElement>(doc, 'controls');
  const mic = byId<HTMLButtonElement>(doc, 'mic');
  const camera = byId<HTMLButtonElement>(doc, 'camera');
  const flip = byId<HTMLButtonElement>(doc, 'switch-camera');
  const hangUp = byId<HTMLButtonElement>(doc, 'hang-up');
  // The bar wraps onto as many rows as it needs (style.css); the preview, a problem and the
  // call's own padding sit above it by --bar, which CSS alone cannot take from its height.
  new ResizeObserver(() => doc.documentElement.style.setProperty('--bar', `${bar.offsetHeight}px`)).observe(bar);
  let stream: MediaStream | undefined;
  let facing: 'user' | 'environment' = 'user';

  const toggle = (button: HTMLButtonElement, kind: 'audio' | 'video', on: string, off: string) => {
    const tracks = stream?.getTracks().filter((t) => t.kind === kind) ?? [];
    const enabled = !tracks.every((t) => t.enabled);
    for (const track of tracks) track.enabled = enabled;
    button.setAttribute('aria-pressed', String(!enabled));
    button.textContent = enabled ? on : off;
  };

  mic.onclick = () => toggle(mic, 'audio', t.controls.mute, t.controls.unmute);
  camera.onclick = () => toggle(camera, 'video', t.controls.cameraOff, t.controls.cameraOn);
  hangUp.onclick = () => options.hangUp();
  flip.onclick = async () => {
    if (!stream) return;
    flip.disabled = true;
    const next = facing === 'user' ? 'environment' : 'user';
    try {
      await switchCamera(stream, next, options.senders());
      facing = next;
      doc.documentElement.dataset.facing = next;
    } catch (error) {
      options.showProblem(t.problem.switchCameraFailed(error instanceof Error ? error.message : String(error)));
    } finally {
      flip.disabled = false;
    }
  };

  return {
    setStream(next) {
      stream = next;
      bar.hidden = false;
      mic.hidden = !next?.getAudioTracks().length;
      camera.hidden = !next?.getVideoTracks().length;
      // Phones have a front and a back camera; a laptop with one camera gets no useless button.
      void hasTwoCameras().then((two) => {
        flip.hidden = !next?.getVideoTracks().length || !(two || matchMedia('(pointer: coarse)').matches);
      });
    },
    hide() {
      stream = undefined;
      bar.hidden = true;
    },
  };
}

/**
 * The old camera is stopped before the new one opens: iOS cannot run both at once. The track
 * is swapped inside the same MediaStream so the preview and later connections follow.
 */
async function switchCamera(stream: MediaStream, facingMode: 'user' | 'environment', senders: RTCRtpSender[]): Promise<void> {
  const old = stream.getVideoTracks()[0];
  const enabled = old?.enabled ?? true;
  old?.stop();
  let fresh: MediaStream;
  try {
    fresh = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: facingMode } } });
  } catch (error) {
    // Bring the previous camera back rather than leave the call without video.
    fresh = await navigator.mediaDevices.getUserMedia({ video: true });
    await replaceVideo(stream, fresh, senders, old, enabled);
    throw error;
  }
  await replaceVideo(stream, fresh, senders, old, enabled);
}

async function replaceVideo(
  stream: MediaStream,
  fresh: MediaStream,
  senders: RTCRtpSender[],
  old: MediaStreamTrack | undefined,
  enabled: boolean,
): Promise<void> {
  const track = fresh.getVideoTracks()[0];
  if (!track) return;
  track.enabled = enabled;
  if (old) stream.removeTrack(old);
  stream.addTrack(track);
  const videoSenders = senders.filter((sender) => sender.track === old || sender.track?.kind === 'video');
  await Promise.all(videoSenders.map((sender) => sender.replaceTrack(track)));
}

async function hasTwoCameras(): Promise<boolean> {
  const devices = await navigator.mediaDevices?.enumerateDevices().catch(() => []);
  return (devices ?? []).filter((d) => d.kind === 'videoinput').length > 1;
}
