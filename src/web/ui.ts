/**
 * What the person sees: the state of the call, videos, and problems in plain words.
 */
import { t } from './i18n/index.js';
import { playWithSound } from './playback.js';

/** unsupported: this browser cannot call (cannot-call.ts); the call UI never starts. */
export type CallState = 'starting' | 'waiting' | 'connecting' | 'connected' | 'full' | 'ended' | 'unsupported';

export interface CallView {
  setState(state: CallState, text: string): void;
  showProblem(text: string): void;
  clearProblem(): void;
  /** undefined: no camera or microphone here; the preview box goes away. */
  showLocal(stream: MediaStream | undefined): void;
  hideLocal(): void;
  /** sendsVideo false: the other person has no camera (refused, missing, busy); their tile says so. */
  showRemote(peerId: string, stream: MediaStream, sendsVideo: boolean): void;
  removeRemote(peerId: string): void;
  /** The peer's video is a shared screen: shown whole (contain), not cropped to fill. */
  showRemoteScreen(peerId: string, on: boolean): void;
}

export function createCallView(doc: Document): CallView {
  const root = byId<HTMLElement>(doc, 'call');
  const status = byId<HTMLElement>(doc, 'status');
  const problem = byId<HTMLElement>(doc, 'problem');
  const local = byId<HTMLVideoElement>(doc, 'local');
  const remotes = byId<HTMLElement>(doc, 'remotes');
  const unmute = byId<HTMLButtonElement>(doc, 'unmute');
  const remoteTile = (peerId: string) => remotes.querySelector<HTMLElement>(`.tile[data-peer="${peerId}"]`);
  /** Peers sharing their screen; the message can come before their video element exists. */
  const screens = new Set<string>();

  return {
    setState(state, text) {
      root.dataset.state = state;
      status.textContent = text;
    },
    showProblem(text) {
      problem.textContent = text;
      problem.hidden = false;
    },
    clearProblem() {
      problem.hidden = true;
      problem.textContent = '';
    },
    showLocal(stream) {
      local.srcObject = stream ?? null;
      local.hidden = !stream?.getVideoTracks().length;
    },
    hideLocal() {
      local.srcObject = null;
    },
    showRemote(peerId, stream, sendsVideo) {
      const tile = remoteTile(peerId) ?? createTile(doc, remotes, peerId);
      tile.dataset.camera = sendsVideo ? 'on' : 'off';
      const video = tile.querySelector('video');
      if (video) markScreen(video, screens.has(peerId));
      if (video && video.srcObject !== stream) {
        video.srcObject = stream;
        void playWithSound(video, unmute);
      }
    },
    showRemoteScreen(peerId, on) {
      if (on) screens.add(peerId);
      else screens.delete(peerId);
      const video = remoteTile(peerId)?.querySelector('video');
      if (video) markScreen(video, on);
    },
    removeRemote(peerId) {
      screens.delete(peerId);
      const tile = remoteTile(peerId);
      if (!tile) return;
      const video = tile.querySelector('video');
      if (video) video.srcObject = null;
      tile.remove();
    },
  };
}

/**
 * One person's tile: their video (which also plays their sound, so it stays even without a
 * camera) and a "no camera" label shown instead of a black picture when they send no video.
 */
function createTile(doc: Document, remotes: HTMLElement, peerId: string): HTMLElement {
  const tile = doc.createElement('figure');
  tile.className = 'tile';
  tile.dataset.peer = peerId;
  const video = doc.createElement('video');
  video.dataset.peer = peerId;
  video.autoplay = true;
  video.playsInline = true;
  video.setAttribute('aria-label', t.page.remoteCamera);
  const label = doc.createElement('figcaption');
  label.className = 'no-camera';
  label.textContent = t.page.remoteNoCamera;
  tile.append(video, label);
  remotes.append(tile);
  return tile;
}

function markScreen(video: HTMLVideoElement, on: boolean): void {
  if (on) video.dataset.screen = 'true';
  else delete video.dataset.screen;
  video.setAttribute('aria-label', on ? t.screen.remoteScreen : t.page.remoteCamera);
}

export function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const element = doc.getElementById(id);
  if (!element) throw new Error(`page is missing #${id}`);
  return element as T;
}
