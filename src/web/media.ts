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
