#!/usr/bin/env node
// The Node check comes before @oclif/core is loaded: on an older Node that import (or the code
// behind it) fails with an error that does not say what to do. Kept to syntax any ESM-capable
// Node parses (no top-level await), so the message is what an old Node prints.
import { createRequire } from 'module';

const { engines } = createRequire(import.meta.url)('../package.json');
const neededMajor = Number(/\d+/.exec(engines.node)[0]);
if (Number(process.versions.node.split('.')[0]) < neededMajor) {
  console.error(
    `webrtc-call needs Node.js ${engines.node}, this is ${process.versions.node}: install Node.js ${neededMajor} or newer (https://nodejs.org) and run it again.`,
  );
  process.exit(1);
}

import('@oclif/core').then(({ execute, settings }) => {
  // Always the compiled code: with NODE_ENV=development or test oclif would otherwise look for
  // TypeScript sources (there are none in the package) and warn on every run.
  settings.enableAutoTranspile = false;
  return execute({ dir: import.meta.url });
});
