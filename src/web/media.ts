/**
 * Camera and microphone. A call without them still works (receive-only), so failures become a
 * message, not an exception.
 */
export type LocalMedia = { stream: MediaStream; problem?: string } | { stream: undefined; problem: string };

export async function getLocalMedia(): Promise<LocalMedia> {
  if (!navigator.mediaDevices?.getUserMedia) {
    return {
      stream: undefined,
      problem: window.isSecureContext
        ? 'This browser cannot use a camera. You can still see and hear the others.'
        : 'The camera only works on a secure page: open the https:// link (or http://localhost). You can still see and hear the others.',
    };
  }
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio: true, video: true }) };
  } catch (error) {
    const audioOnly = await navigator.mediaDevices.getUserMedia({ audio: true }).catch(() => undefined);
    const reason = explain(error);
    if (audioOnly) return { stream: audioOnly, problem: `${reason} Joining with audio only.` };
    return { stream: undefined, problem: `${reason} You can still see and hear the others.` };
  }
}

function explain(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
      return 'Camera and microphone access was denied. Allow it in the address bar and reload to be seen.';
    case 'NotFoundError':
      return 'No camera or microphone was found.';
    case 'NotReadableError':
      return 'The camera is in use by another app. Close it and reload.';
    default:
      return `The camera could not start (${name || String(error)}).`;
  }
}

/** The page loaded but cannot reach its server: on https that is most often a certificate not accepted yet. */
export function serverUnreachableProblem(page: Location): string {
  if (page.protocol === 'https:') {
    return 'Cannot reach the call server. If your browser warned about this site\'s certificate, open the link again, accept the certificate ("Advanced" → "Proceed", or "Show Details" → "visit this website"), then reload.';
  }
  return 'Cannot reach the call server. Is "webrtc-call start" still running on the computer, and are you on the same Wi-Fi?';
}
