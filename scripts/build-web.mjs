// Bundles the call page (src/web) into dist/web: one minified ES module plus the HTML and CSS.
// --release (used by prepack) leaves out the source map: it is 4x the bundle, mostly
// socket.io-client's sources, which the published package has no use for.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import * as esbuild from 'esbuild';
import { writeThirdPartyLicenses } from './third-party-licenses.mjs';

const out = 'dist/web';
const release = process.argv.includes('--release');
await rm(out, { recursive: true, force: true });
await mkdir(`${out}/assets`, { recursive: true });
const { metafile } = await esbuild.build({
  entryPoints: ['src/web/entry.ts'],
  metafile: true,
  outfile: `${out}/assets/main.js`,
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome110', 'safari16', 'firefox115'],
  sourcemap: release ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
await writeThirdPartyLicenses(metafile, `${out}/THIRD-PARTY-LICENSES.txt`);
await copyFile('src/web/index.html', `${out}/index.html`);
await copyFile('src/web/style.css', `${out}/assets/style.css`);
