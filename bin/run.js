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

// @oclif/core checks its own engines range (Node >= 18) with semver as it is loaded; the check
// above is stricter, so that one can never fire (and in the bundle, dist/chunks, it finds no
// package.json of its own). Skipping it saves evaluating semver: ~7 ms of CPU (min of 20 runs).
// The switch is lifted once oclif is loaded: commands and the processes they start do not see it.
const engineWarningWas = process.env.OCLIF_DISABLE_ENGINE_WARNING;
process.env.OCLIF_DISABLE_ENGINE_WARNING = '1';
import('../dist/cli.js').then(({ runCli }) => {
  if (engineWarningWas === undefined) delete process.env.OCLIF_DISABLE_ENGINE_WARNING;
  else process.env.OCLIF_DISABLE_ENGINE_WARNING = engineWarningWas;
  return runCli(import.meta.url);
});
