// esbuild copies code from other packages into our bundles (@oclif/core into the CLI,
// socket.io-client into the page). Their licenses (MIT, ISC, Apache-2.0, BlueOak) ask that the
// copyright and permission notice travel with every copy, and esbuild's legalComments only keeps
// /*! */-style comments, which most of these packages do not have: so each bundle ships a text
// file with the license of every package it copied from.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';

/** The package directory (node_modules/name or node_modules/@scope/name) an input path is in. */
function packageDir(input) {
  const parts = input.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const length = parts[at + 1]?.startsWith('@') ? 3 : 2;
  return parts.slice(0, at + length).join(sep);
}

async function licenseText(dir) {
  const name = (await readdir(dir)).find((file) => /^licen[cs]e([-.][\w.-]*)?$/i.test(file));
  return name ? (await readFile(join(dir, name), 'utf8')).trim() : undefined;
}

/** Writes `file` with the license of every package in esbuild's `metafile` inputs. */
export async function writeThirdPartyLicenses(metafile, file) {
  const dirs = [...new Set(Object.keys(metafile.inputs).map(packageDir).filter(Boolean))].sort();
  const sections = [];
  for (const dir of dirs) {
    const { name, version, license } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const text = await licenseText(dir);
    if (!text) throw new Error(`${name}@${version} is bundled but has no LICENSE file to ship with it (package.json says "${license}")`);
    sections.push(`${name}@${version} (${license})\n\n${text}`);
  }
  await writeFile(file, `Third-party code bundled into ${dirname(file)}:\n\n${sections.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`);
}
