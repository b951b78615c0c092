// Rebuilds, after tsc, every module that imports oclif (the commands, the help class, the flags
// they share and src/cli.ts, which bin/run.js starts) with esbuild, so that all of them share
// ONE bundled copy of @oclif/core (and @oclif/plugin-help's `help` command) in dist/chunks
// instead of loading it from node_modules: @oclif/core and its dependencies are ~110 small
// CommonJS files, and resolving, reading and compiling them one by one was the largest part of
// the CLI's start-up. The two oclif packages are therefore devDependencies: a user installs 32
// packages (~2.3 MB) fewer and gets ~340 KB more in this package.
// Measured on the 2-core machine, CPU time of the import alone, median of 10-20 runs:
// @oclif/core ~200 ms, the bundle ~100 ms. (Bundling src/terminal's 19 modules as well made no
// measurable difference to `start`: 667 ms CPU to the URL either way, median of 25.)
//
// Everything else stays as tsc emitted it and is imported, not copied: our own modules (the
// server API in dist/server is also the package's public entry, and a second copy would break
// `instanceof` between them) and every other package. esbuild is the page's bundler already.
// The modules tsc emitted still work on their own (importing @oclif/core from node_modules);
// this step only makes them start faster.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { writeThirdPartyLicenses } from './third-party-licenses.mjs';

const SOURCES = 'src';
const OUT = 'dist';
const CHUNKS = 'chunks';
/** Build-time dependencies: their code is copied into the bundle, never imported at run time. */
const BUNDLED = ['@oclif/core', '@oclif/plugin-help'];

/** Every command, src/cli.ts and every other module of the CLI that imports oclif (the page is not the CLI). */
async function modulesImportingOclif() {
  const files = (await readdir(SOURCES, { recursive: true }))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.startsWith('web/'))
    .map((file) => join(SOURCES, file));
  const importing = [];
  for (const file of files) {
    const source = await readFile(file, 'utf8');
    if (file.startsWith(join(SOURCES, 'commands')) || BUNDLED.some((name) => source.includes(`from '${name}'`))) importing.push(file);
  }
  return importing;
}

/** Only oclif and what it needs go into the bundle; our modules and other packages are imported as they are. */
const bundleOnlyOclif = {
  name: 'bundle-only-oclif',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || args.importer.includes('/node_modules/') || BUNDLED.includes(args.path)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

await rm(join(OUT, CHUNKS), { recursive: true, force: true });
const { metafile } = await esbuild.build({
  entryPoints: await modulesImportingOclif(),
  metafile: true,
  outbase: SOURCES,
  outdir: OUT,
  allowOverwrite: true,
  bundle: true,
  // One shared copy of @oclif/core for all entry points, loaded once.
  splitting: true,
  chunkNames: `${CHUNKS}/[name]-[hash]`,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // 339 KB instead of 729 KB; the package's size is tested.
  minify: true,
  legalComments: 'none',
  // Only oclif's TypeScript development mode asks for these, and it is off in the built CLI.
  external: ['typescript', 'source-map-support'],
  plugins: [bundleOnlyOclif],
  // @oclif/core is CommonJS: inside an ES module its require() calls and __dirname need defining.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { dirname as __pathDirname } from 'node:path';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      'const __dirname = __pathDirname(__filename);',
    ].join(' '),
  },
  logLevel: 'warning',
});
await writeThirdPartyLicenses(metafile, join(OUT, CHUNKS, 'THIRD-PARTY-LICENSES.txt'));
