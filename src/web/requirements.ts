/**
 * What a call needs from the browser, checked before anything else runs: an in-app browser
 * (a scanner's or chat app's) or an embedded WebKit may lack WebRTC or camera access, and
 * without this check the page sat on "Starting…" forever.
 */
import type { CallRequirement } from '../shared/protocol.js';

/** The parts of `window` the check reads; a plain object in tests. */
export interface BrowserScope {
  isSecureContext: boolean;
  navigator: { mediaDevices?: { getUserMedia?: unknown } };
  RTCPeerConnection?: unknown;
}

export function missingForCall(scope: BrowserScope): CallRequirement[] {
  const missing: CallRequirement[] = [];
  // Browsers hide navigator.mediaDevices on a plain-http page (except localhost): name the cause.
  if (!scope.isSecureContext) missing.push('secure-context');
  if (typeof scope.navigator.mediaDevices?.getUserMedia !== 'function') missing.push('getUserMedia');
  if (typeof scope.RTCPeerConnection !== 'function') missing.push('RTCPeerConnection');
  return missing;
}
