import { describe, expect, it } from 'vitest';
import { missingPackages, planSystemPackages, SYSTEM_PACKAGES, type SystemPackage } from '../../scripts/test-deps.js';

const byName = (...names: string[]): SystemPackage[] => names.map((name) => {
  const pkg = SYSTEM_PACKAGES.find((p) => p.name === name);
  if (!pkg) throw new Error(`${name} is not in SYSTEM_PACKAGES`);
  return pkg;
});

describe('the system packages npm test needs', () => {
  it('lists every program the browser, TURN, fault and namespace tests run', () => {
    expect(SYSTEM_PACKAGES.map((p) => [p.name, p.provides])).toEqual([
      ['chromium', '/usr/bin/chromium'],
      ['firefox-esr', '/usr/bin/firefox-esr'],
      ['coturn', 'turnserver'],
      ['nftables', 'nft'],
      ['webkit2gtk-driver', 'WebKitWebDriver'],
      ['xvfb', 'xvfb-run'],
      ['iproute2', 'ip'],
      ['util-linux', 'unshare'],
    ]);
  });

  it('counts a package missing when what it provides is not there', () => {
    const present = new Set(['/usr/bin/chromium', 'nft', 'xvfb-run', 'ip', 'unshare', 'WebKitWebDriver']);
    expect(missingPackages(SYSTEM_PACKAGES, (provides) => present.has(provides)).map((p) => p.name)).toEqual(['firefox-esr', 'coturn']);
  });

  it('missing, as root: runs apt-get update once, then installs all of them in one non-interactive command, and says so in one line', () => {
    const plan = planSystemPackages(byName('firefox-esr', 'coturn'), { isRoot: true, hasAptGet: true });
    expect(plan).toEqual({
      action: 'install',
      message: 'npm test: installing the system packages the tests need with apt-get: firefox-esr coturn',
      commands: [
        { file: 'apt-get', args: ['update'] },
        {
          file: 'apt-get',
          args: ['install', '-y', '--no-install-recommends', 'firefox-esr', 'coturn'],
          env: { DEBIAN_FRONTEND: 'noninteractive' },
        },
      ],
    });
  });

  it('missing, not root: refuses with the one sudo apt-get line to run', () => {
    expect(planSystemPackages(byName('coturn', 'nftables'), { isRoot: false, hasAptGet: true })).toEqual({
      action: 'refuse',
      message:
        'npm test needs system packages that are not installed: coturn (turnserver), nftables (nft). Install them as root, then run npm test again:\n' +
        '  sudo apt-get install -y --no-install-recommends coturn nftables',
    });
  });

  it('missing on a machine without apt-get: names the programs to install some other way', () => {
    expect(planSystemPackages(byName('chromium'), { isRoot: true, hasAptGet: false })).toEqual({
      action: 'refuse',
      message: expect.stringMatching(/not installed: chromium \(\/usr\/bin\/chromium\)\..*no apt-get: install the same programs with its package manager/),
    });
  });

  it('nothing missing: does nothing, as root or not', () => {
    expect(planSystemPackages([], { isRoot: true, hasAptGet: true })).toEqual({ action: 'nothing' });
    expect(planSystemPackages([], { isRoot: false, hasAptGet: true })).toEqual({ action: 'nothing' });
  });
});
