/**
 * What the person sees: the state of the call, videos, and problems in plain words.
 */
import { playWithSound } from './playback.js';

export type CallState = 'starting' | 'waiting' | 'connecting' | 'connected' | 'full' | 'ended';

export interface CallView {
  setState(state: CallState, text: string): void;
  showProblem(text: string): void;
  clearProblem(): void;
  showLocal(stream: MediaStream): void;
  hideLocal(): void;
  showRemote(peerId: string, stream: MediaStream): void;
  removeRemote(peerId: string): void;
}

export function createCallView(doc: Document): CallView {
  const root = byId<HTMLElement>(doc, 'call');
  const status = byId<HTMLElement>(doc, 'status');
  const problem = byId<HTMLElement>(doc, 'problem');
  const local = byId<HTMLVideoElement>(doc, 'local');
  const remotes = byId<HTMLElement>(doc, 'remotes');
  const unmute = byId<HTMLButtonElement>(doc, 'unmute');
  const remoteVideo = (peerId: string) => remotes.querySelector<HTMLVideoElement>(`video[data-peer="${peerId}"]`);

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
      local.srcObject = stream;
    },
    hideLocal() {
      local.srcObject = null;
    },
    showRemote(peerId, stream) {
      let video = remoteVideo(peerId);
      if (!video) {
        video = doc.createElement('video');
        video.dataset.peer = peerId;
        video.autoplay = true;
        video.playsInline = true;
        video.setAttribute('aria-label', 'Remote camera');
        remotes.append(video);
      }
      if (video.srcObject !== stream) {
        video.srcObject = stream;
        void playWithSound(video, unmute);
      }
    },
    removeRemote(peerId) {
      const video = remoteVideo(peerId);
      if (!video) return;
      video.srcObject = null;
      video.remove();
    },
  };
}

export function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const element = doc.getElementById(id);
  if (!element) throw new Error(`page is missing #${id}`);
  return element as T;
}
