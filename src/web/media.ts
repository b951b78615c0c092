/**
 * Camera and microphone. A call without them still works (receive-only), so failures become a
 * message saying what happened and how to allow it in this browser, not an exception. The page
 * checks first (requirements.ts) that getUserMedia exists at all.
 */
import { browserFamily, messages } from './messages.js';

export type LocalMedia = { stream: MediaStream; problem?: string } | { stream: undefined; problem: string };

export async function getLocalMedia(): Promise<LocalMedia> {
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio: true, video: true }) };
  } catch (error) {
    // No camera (or a busy one) may still leave a microphone: be heard at least.
    const audioOnly = await navigator.mediaDevices.getUserMedia({ audio: true }).catch(() => undefined);
    const reason = explainMediaError(error, navigator.userAgent);
    if (audioOnly) return { stream: audioOnly, problem: `${reason} ${messages.camera.audioOnly}` };
    return { stream: undefined, problem: `${reason} ${messages.camera.receiveOnly}` };
  }
}

/** getUserMedia's error names (Media Capture spec), in words, with the way out for this browser. */
export function explainMediaError(error: unknown, userAgent: string): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return messages.camera.denied(browserFamily(userAgent));
    case 'NotFoundError':
    case 'OverconstrainedError':
      return messages.camera.notFound;
    case 'NotReadableError':
    case 'AbortError':
      return messages.camera.busy;
    default:
      return messages.camera.failed(name || String(error));
  }
}

/** The page loaded but cannot reach its server: on https that is most often a certificate not accepted yet. */
export function serverUnreachableProblem(page: Location): string {
  if (page.protocol === 'https:') {
    return 'Cannot reach the call server. If your browser warned about this site\'s certificate, open the link again, accept the certificate ("Advanced" → "Proceed", or "Show Details" → "visit this website"), then reload.';
  }
  return 'Cannot reach the call server. Is "webrtc-call start" still running on the computer, and are you on the same Wi-Fi?';
}
