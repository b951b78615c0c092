/**
 * The published shape of the package, made offline: `npm pack` a copy of this checkout (its
 * prepack builds and writes the oclif manifest), then install the tarball into an empty project
 * with `npm ci --offline` from the npm cache that `npm ci` filled here.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runToEnd } from './cli.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** No registry here (loopback-only namespace): keep npm and oclif from trying one. */
export const OFFLINE_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  npm_config_offline: 'true',
  npm_config_update_notifier: 'false',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  OCLIF_SKIP_NEW_VERSION_CHECK: 'true',
};

interface PackageJson {
  name: string;
  version: string;
  license: string;
  bin: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
}

interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  dev?: boolean;
  hasInstallScript?: boolean;
}

export async function readPackageJson(dir = REPO): Promise<PackageJson> {
  return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Built output and local leftovers that a pack must not pick up from this working tree. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.git', 'oclif.manifest.json', 'test-results']);

/**
 * Packs a copy of the checkout, so prepack's clean release build never replaces the dist/ the
 * other suites test. Returns the tarball's path.
 */
export async function packCheckout(workDir: string): Promise<string> {
  const checkout = join(workDir, 'checkout');
  await cp(REPO, checkout, {
    recursive: true,
    filter: (source) => {
      const top = relative(REPO, source).split(/[\\/]/)[0] ?? '';
      return !NOT_COPIED.has(top) && !top.endsWith('.tgz');
    },
  });
  await symlink(join(REPO, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  // prepack builds everything: minutes when the 2 cores are shared with browser suites.
  const packed = await runToEnd('npm', ['pack', '--pack-destination', workDir], { cwd: checkout, env: OFFLINE_ENV, timeoutMs: 300_000 });
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stdout}\n${packed.stderr}`);
  const tarballs = (await readdir(workDir)).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1 || tarballs[0] === undefined) throw new Error(`expected one tarball, found ${tarballs.join(', ')}`);
  return join(workDir, tarballs[0]);
}

/**
 * An empty project with the tarball installed. A plain `npm install <tarball> --offline` would
 * need the registry's metadata for every dependency, which `npm ci` never fetches; so the project
 * gets a lockfile holding the runtime part of ours (same versions, URLs and integrity), and
 * `npm ci --offline` takes every tarball from the cache.
 */
export async function installInEmptyProject(workDir: string, tarball: string): Promise<string> {
  const project = join(workDir, 'project');
  await mkdir(project);
  const tarballName = basename(tarball);
  await cp(tarball, join(project, tarballName));
  const pkg = await readPackageJson();
  const spec = `file:${tarballName}`;
  const ourLock = JSON.parse(await readFile(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const runtimePackages = Object.entries(ourLock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev)
    .map(([path, entry]) => [path, { ...entry, resolved: entry.resolved ?? registryTarballUrl(path, entry) }]);
  const lock = {
    name: 'empty-project',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'empty-project', dependencies: { [pkg.name]: spec } },
      [`node_modules/${pkg.name}`]: {
        version: pkg.version,
        resolved: spec,
        integrity: `sha512-${createHash('sha512').update(await readFile(tarball)).digest('base64')}`,
        license: pkg.license,
        dependencies: pkg.dependencies,
        bin: pkg.bin,
        engines: pkg.engines,
      },
      ...Object.fromEntries(runtimePackages),
    },
  };
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'empty-project', private: true, dependencies: { [pkg.name]: spec } }));
  await writeFile(join(project, 'package-lock.json'), JSON.stringify(lock));
  const installed = await runToEnd('npm', ['ci'], { cwd: project, env: OFFLINE_ENV, timeoutMs: 240_000 });
  if (installed.code !== 0) {
    throw new Error(`npm ci --offline of the tarball failed; does "npm ci" fill the cache here?\n${installed.stderr}`);
  }
  return project;
}

/**
 * Lockfiles written with omit-lockfile-registry-resolved (set on this machine) leave `resolved`
 * out, and npm then asks the registry's metadata where the tarball is. With a URL and the
 * integrity, npm reads the tarball from its cache by digest and asks nothing.
 */
function registryTarballUrl(path: string, entry: LockEntry): string {
  const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const registry = (process.env.npm_config_registry ?? 'https://registry.npmjs.org/').replace(/\/?$/, '/');
  return `${registry}${name}/-/${name.split('/').at(-1)}-${entry.version}.tgz`;
}

/** Every file under dir (relative paths, "/" separated) with its size in bytes. */
export async function listFiles(dir: string): Promise<Array<{ path: string; bytes: number }>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(
    files.map(async (file) => ({ path: relative(dir, file).split(/[\\/]/).join('/'), bytes: (await stat(file)).size })),
  );
}

/** The installed tree's packages that run scripts at install (they could download things). */
export async function packagesWithInstallScripts(project: string): Promise<string[]> {
  const installed = JSON.parse(await readFile(join(project, 'node_modules/.package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  return Object.entries(installed.packages).flatMap(([path, entry]) => (entry.hasInstallScript ? [path] : []));
}

/**
 * Bare module names a compiled file imports (`from 'x'`, `import('x')`, `import 'x'`). A module
 * name has no spaces, which keeps prose in messages (`e.g. from "mkcert <ip> localhost"`) out,
 * and only the characters of a path, which keeps out minified code between a string ending in
 * "from" and the next quote (the bundled oclif in dist/chunks has `..."from",c),...`).
 */
export function importedPackages(source: string): string[] {
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([\w@.][\w@./:+-]*)['"]/gm)].flatMap((m) =>
    m[1] === undefined ? [] : [m[1]],
  );
  return specifiers
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
    .map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
}
