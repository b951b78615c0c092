/**
 * The sentences the page shows when a browser cannot call or cannot use its camera, kept in one
 * place (not spread over the modules that show them) so they can move to a translation
 * catalogue as they are.
 */
import type { CallRequirement } from '../shared/protocol.js';

/** Which browser's menus to describe; the rest get the generic wording. */
export type BrowserFamily = 'chrome' | 'firefox' | 'safari-ios' | 'safari' | 'other';

export const messages = {
  cannotCall: {
    /** The one sentence: what is missing, and what to do. */
    headline: (missing: readonly CallRequirement[]): string =>
      missing.includes('secure-context')
        ? "This page was opened over plain http://, so the browser gives it no camera: it can't make calls. Open the secure https:// link instead."
        : `This browser can't make calls: it has no ${missing.map(requirementName).join(' and no ')}. Open the link in Safari, Chrome or Firefox.`,
    inAppHint:
      'If a scanner or chat app opened this page in its own browser, use its menu ("Open in browser", "Open in Safari") or copy the link.',
    httpsLink: 'The secure link:',
    noHttpsLink: 'This call runs without https (started with --no-https). Ask whoever started it to start it again without that flag, then open the https:// link it prints.',
    copy: 'Copy link',
    copied: 'Link copied. Paste it into Safari, Chrome or Firefox.',
    copyFailed: 'Could not copy: press and hold the link above, then choose "Copy".',
    status: "Can't call from this browser",
  },
  camera: {
    denied: (browser: BrowserFamily): string => `Camera and microphone access was blocked. ${howToAllow(browser)}`,
    notFound: 'No camera or microphone was found. Connect one and reload to be seen and heard.',
    busy: 'The camera or microphone is in use by another app (or blocked by the system). Close that app, then reload.',
    failed: (name: string): string => `The camera could not start (${name}).`,
    receiveOnly: 'You can still see and hear the others.',
    audioOnly: 'Joining with audio only.',
  },
  /** On the tile of someone who sends no video (camera refused, missing or busy on their side). */
  remoteNoCamera: 'No camera',
} as const;

function requirementName(requirement: CallRequirement): string {
  return { 'secure-context': 'secure connection', getUserMedia: 'camera access (getUserMedia)', RTCPeerConnection: 'WebRTC (RTCPeerConnection)' }[requirement];
}

function howToAllow(browser: BrowserFamily): string {
  switch (browser) {
    case 'chrome':
      return 'To allow it, click the icon at the left of the address bar (or the blocked-camera icon at its right), set Camera and Microphone to Allow, then reload.';
    case 'firefox':
      return 'To allow it, click the crossed-out camera icon at the left of the address bar, remove the "Blocked" permissions, then reload.';
    case 'safari-ios':
      return 'To allow it, tap "aA" in the address bar, then Website Settings, set Camera and Microphone to Allow, then reload.';
    case 'safari':
      return 'To allow it, open Safari → Settings for This Website, set Camera and Microphone to Allow, then reload.';
    case 'other':
      return 'Allow the camera and microphone for this site in the browser\'s settings, then reload.';
  }
}

/** From the user agent: only to pick which menus to describe, never to decide what works. */
export function browserFamily(userAgent: string): BrowserFamily {
  if (/Firefox\/|FxiOS\//.test(userAgent)) return 'firefox';
  if (/Chrome\/|Chromium\/|CriOS\/|Edg\//.test(userAgent)) return 'chrome';
  // iPadOS asks for the desktop site with a Mac user agent; "Mobile/" still gives it away.
  if (/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && /Mobile\//.test(userAgent))) return 'safari-ios';
  if (/Safari\//.test(userAgent)) return 'safari';
  return 'other';
}

/** The server's messages are lower-case sentence parts ("this call is full …"); shown alone they start a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
