/** Sizes for the fuzz and soak tests: light in `npm test`, full under `npm run soak`. */
export const FULL = process.env.WEBRTC_CALL_SOAK === 'full';
export const MB = 1024 * 1024;
