// Bundles the call page (src/web) into dist/web: one minified ES module plus the HTML and CSS.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import * as esbuild from 'esbuild';

const out = 'dist/web';
await rm(out, { recursive: true, force: true });
await mkdir(`${out}/assets`, { recursive: true });
await esbuild.build({
  entryPoints: ['src/web/main.ts'],
  outfile: `${out}/assets/main.js`,
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome110', 'safari16', 'firefox115'],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile('src/web/index.html', `${out}/index.html`);
await copyFile('src/web/style.css', `${out}/assets/style.css`);
