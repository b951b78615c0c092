/**
 * A CommonJS dependency required the first time it is needed rather than imported on the way to
 * the printed URL: pino (--json/--log-file only), sdp-transform (first offer or candidate) and
 * bowser (first peer) are start-up time that most runs, or most of a run, do without.
 * `require` keeps their callers synchronous, which a dynamic import would not.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function loadOnFirstUse<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
