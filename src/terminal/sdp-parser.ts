/**
 * sdp-transform's parser, loaded when the first offer or candidate is shown rather than on the
 * way to the printed URL.
 */
import type * as SdpTransform from 'sdp-transform';
import { loadOnFirstUse } from './load-on-first-use.js';

const loadSdpTransform = loadOnFirstUse<typeof SdpTransform>('sdp-transform');

export function parseSdp(sdp: string): SdpTransform.SessionDescription {
  return loadSdpTransform().parse(sdp);
}
