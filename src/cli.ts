/**
 * What bin/run.js starts once it has checked the Node version. It lives in src/ so that the
 * build bundles it with the commands: they all share one copy of @oclif/core
 * (scripts/build-cli.mjs says why).
 */
import { execute, settings } from '@oclif/core';

/** Runs the command named on the command line; `bin` is bin/run.js's URL (oclif finds package.json from it). */
export async function runCli(bin: string): Promise<unknown> {
  // Always the compiled code: with NODE_ENV=development or test oclif would otherwise look for
  // TypeScript sources (there are none in the package) and warn on every run.
  settings.enableAutoTranspile = false;
  return execute({ dir: bin });
}
