/**
 * sdp-transform's parser, loaded when the first offer or candidate is shown rather than on the
 * way to the printed URL (it is CommonJS, 4 modules, so `require` on first use works).
 */
import { createRequire } from 'node:module';
import type * as SdpTransform from 'sdp-transform';

let sdpTransform: typeof SdpTransform | undefined;

export function parseSdp(sdp: string): SdpTransform.SessionDescription {
  sdpTransform ??= createRequire(import.meta.url)('sdp-transform') as typeof SdpTransform;
  return sdpTransform.parse(sdp);
}
