/**
 * The system packages the test suite needs, listed once, and what `npm test` does about the
 * missing ones before it builds anything: as root (CI, containers) it installs them with apt;
 * otherwise it prints the one command to run and stops, since only root may install.
 *
 * The decision (missingPackages, planSystemPackages) is plain functions over plain data so the
 * unit tests can prove each path; the I/O is in main() at the bottom.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface SystemPackage {
  /** The Debian package name. */
  name: string;
  /** What the suite runs from it: an absolute path, or a command looked up on PATH. */
  provides: string;
}

export const SYSTEM_PACKAGES: readonly SystemPackage[] = [
  { name: 'chromium', provides: '/usr/bin/chromium' }, // browser tests (playwright-core)
  { name: 'firefox-esr', provides: '/usr/bin/firefox-esr' }, // Firefox tests (puppeteer-core over WebDriver BiDi)
  { name: 'coturn', provides: 'turnserver' }, // a real TURN server for relay tests
  { name: 'nftables', provides: 'nft' }, // dropping traffic inside the tests' own namespaces
  { name: 'webkit2gtk-driver', provides: 'WebKitWebDriver' }, // WebKit tests
  { name: 'xvfb', provides: 'xvfb-run' }, // a display for WebKitGTK's MiniBrowser and for Firefox's screen sharing
  { name: 'iproute2', provides: 'ip' }, // namespaces, veth links and `tc` faults
  { name: 'util-linux', provides: 'unshare' }, // the loopback-only namespace the suite runs in
];

export interface Command {
  file: string;
  args: string[];
  env?: Record<string, string>;
}

export type Plan =
  | { action: 'nothing' }
  | { action: 'install'; message: string; commands: Command[] }
  | { action: 'refuse'; message: string };

export interface Machine {
  isRoot: boolean;
  hasAptGet: boolean;
}

export function missingPackages(
  packages: readonly SystemPackage[],
  isInstalled: (provides: string) => boolean,
): SystemPackage[] {
  return packages.filter((pkg) => !isInstalled(pkg.provides));
}

const APT_INSTALL = ['install', '-y', '--no-install-recommends'];

export function planSystemPackages(missing: readonly SystemPackage[], machine: Machine): Plan {
  if (missing.length === 0) return { action: 'nothing' };
  const names = missing.map((pkg) => pkg.name);
  const described = missing.map((pkg) => `${pkg.name} (${pkg.provides})`).join(', ');
  if (!machine.hasAptGet) {
    return {
      action: 'refuse',
      message:
        `npm test needs system packages that are not installed: ${described}. These are Debian's names and this ` +
        'machine has no apt-get: install the same programs with its package manager, then run npm test again.',
    };
  }
  if (!machine.isRoot) {
    return {
      action: 'refuse',
      message:
        `npm test needs system packages that are not installed: ${described}. Install them as root, then run npm test again:\n` +
        `  sudo apt-get ${[...APT_INSTALL, ...names].join(' ')}`,
    };
  }
  return {
    action: 'install',
    message: `npm test: installing the system packages the tests need with apt-get: ${names.join(' ')}`,
    commands: [
      // once, so a fresh machine (or a container whose package lists were removed) finds them
      { file: 'apt-get', args: ['update'] },
      { file: 'apt-get', args: [...APT_INSTALL, ...names], env: { DEBIAN_FRONTEND: 'noninteractive' } },
    ],
  };
}

// A non-root user's PATH on Debian has no sbin, where nft lives; look there too.
const SEARCH_PATH = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'].filter(Boolean);

export function isInstalled(provides: string): boolean {
  const candidates = isAbsolute(provides) ? [provides] : SEARCH_PATH.map((dir) => join(dir, provides));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function main(): number {
  const plan = planSystemPackages(missingPackages(SYSTEM_PACKAGES, isInstalled), {
    isRoot: process.getuid?.() === 0,
    hasAptGet: isInstalled('apt-get'),
  });
  if (plan.action === 'nothing') return 0;
  if (plan.action === 'refuse') {
    console.error(plan.message);
    return 1;
  }
  console.log(plan.message);
  for (const command of plan.commands) {
    const run = spawnSync(command.file, command.args, { stdio: 'inherit', env: { ...process.env, ...command.env } });
    if (run.status !== 0) {
      console.error(`npm test could not install its system packages: "${command.file} ${command.args.join(' ')}" failed (${run.error?.message ?? `exit ${run.status ?? run.signal}`}); see apt's output above.`);
      return 1;
    }
  }
  const stillMissing = missingPackages(SYSTEM_PACKAGES, isInstalled);
  if (stillMissing.length > 0) {
    console.error(`apt-get finished, but these are still missing: ${stillMissing.map((pkg) => `${pkg.name} (${pkg.provides})`).join(', ')}.`);
    return 1;
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
