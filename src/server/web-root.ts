/**
 * Where the built call page lives, and the error when it is not there. Apart from http.ts so the
 * public API's type declarations do not reach express's (a dev dependency's) types.
 */
import { fileURLToPath } from 'node:url';

/** dist/web, found the same way from src/server (tsx) and dist/server (compiled). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export class PageNotBuiltError extends Error {
  constructor(readonly webRoot: string) {
    super(
      `the call page is missing (${webRoot}): in a clone of webrtc-call run "npm run build"; an installed webrtc-call is incomplete, reinstall it`,
    );
    this.name = 'PageNotBuiltError';
  }
}
