import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.js';

/**
 * A simulated Wi-Fi made inside the suite's own loopback-only namespace (see shared/E2E.md): two
 * network namespaces, "laptop" and "phone", joined by a veth pair on a private /24. Nothing here
 * can reach this machine's real network. Always `destroy()` it (the namespaces and links go).
 */
export interface Lan {
  laptop: string;
  phone: string;
  laptopAddress: string;
  phoneAddress: string;
  /** Runs a command inside a namespace. */
  prefix(namespace: string): string[];
  /** The phone's Wi-Fi drops: its end of the link goes down. */
  cutPhone(): void;
  restorePhone(): void;
  /** Chromium running inside the namespace; the page may treat `secureOrigins` as secure (camera on http). */
  launchBrowserIn(namespace: string, secureOrigins?: string[]): Promise<Browser>;
  destroy(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

export function createLan(): Lan {
  if (process.env.WEBRTC_CALL_NETNS !== '1') {
    throw new Error('LAN tests make network namespaces inside the loopback-only test namespace; run them with "npm test" as root');
  }
  const id = randomBytes(3).toString('hex');
  const laptop = `wc-laptop-${id}`;
  const phone = `wc-phone-${id}`;
  const laptopLink = `wcl${id}`;
  const phoneLink = `wcp${id}`;
  const laptopAddress = '192.168.77.1';
  const phoneAddress = '192.168.77.2';
  const wrappers = mkdtempSync(join(tmpdir(), 'webrtc-call-lan-'));
  const created: string[] = [];
  const destroy = () => {
    for (const namespace of created.splice(0)) {
      try {
        ip('netns', 'del', namespace);
      } catch {
        // already gone
      }
    }
    rmSync(wrappers, { recursive: true, force: true });
  };
  try {
    for (const namespace of [laptop, phone]) {
      ip('netns', 'add', namespace);
      created.push(namespace);
      ip('-n', namespace, 'link', 'set', 'lo', 'up');
    }
    ip('link', 'add', laptopLink, 'netns', laptop, 'type', 'veth', 'peer', 'name', phoneLink, 'netns', phone);
    ip('-n', laptop, 'addr', 'add', `${laptopAddress}/24`, 'dev', laptopLink);
    ip('-n', phone, 'addr', 'add', `${phoneAddress}/24`, 'dev', phoneLink);
    ip('-n', laptop, 'link', 'set', laptopLink, 'up');
    ip('-n', phone, 'link', 'set', phoneLink, 'up');
  } catch (error) {
    destroy();
    throw error;
  }
  return {
    laptop,
    phone,
    laptopAddress,
    phoneAddress,
    prefix: (namespace) => ['ip', 'netns', 'exec', namespace],
    cutPhone: () => ip('-n', phone, 'link', 'set', phoneLink, 'down'),
    restorePhone: () => ip('-n', phone, 'link', 'set', phoneLink, 'up'),
    async launchBrowserIn(namespace, secureOrigins = []) {
      const wrapper = join(wrappers, `chromium-${namespace}`);
      writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${namespace} ${CHROMIUM_PATH} "$@"\n`);
      chmodSync(wrapper, 0o755);
      const args = secureOrigins.length > 0 ? [...CHROMIUM_ARGS, `--unsafely-treat-insecure-origin-as-secure=${secureOrigins.join(',')}`] : CHROMIUM_ARGS;
      return chromium.launch({ executablePath: wrapper, args });
    },
    destroy,
  };
}
