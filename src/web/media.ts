/**
 * Camera and microphone. A call without them still works (receive-only), so failures become a
 * message saying what happened and how to allow it in this browser, not an exception. The page
 * checks first (requirements.ts) that getUserMedia exists at all.
 */
import { browserFamily } from './browser-family.js';
import { t } from './i18n/index.js';

export type LocalMedia = { stream: MediaStream; problem?: string } | { stream: undefined; problem: string };

export async function getLocalMedia(): Promise<LocalMedia> {
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio: true, video: true }) };
  } catch (error) {
    // No camera (or a busy one) may still leave a microphone: be heard at least.
    const audioOnly = await navigator.mediaDevices.getUserMedia({ audio: true }).catch(() => undefined);
    const reason = explainMediaError(error, navigator.userAgent);
    if (audioOnly) return { stream: audioOnly, problem: `${reason} ${t.camera.audioOnly}` };
    return { stream: undefined, problem: `${reason} ${t.camera.receiveOnly}` };
  }
}

/** getUserMedia's error names (Media Capture spec), in words, with the way out for this browser. */
export function explainMediaError(error: unknown, userAgent: string): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return t.camera.denied(browserFamily(userAgent));
    case 'NotFoundError':
    case 'OverconstrainedError':
      return t.camera.notFound;
    case 'NotReadableError':
    case 'AbortError':
      return t.camera.busy;
    default:
      return t.camera.failed(name || String(error));
  }
}

/** The page loaded but cannot reach its server: on https that is most often a certificate not accepted yet. */
export function serverUnreachableProblem(page: Location): string {
  return page.protocol === 'https:' ? t.problem.unreachableHttps : t.problem.unreachableHttp;
}
