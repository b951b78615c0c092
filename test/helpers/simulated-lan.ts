/**
 * A simulated Wi-Fi: two network namespaces ("laptop" and "phone"), each joined by a veth pair
 * to a third that bridges them (the access point), made inside the suite's own loopback-only
 * namespace (scripts/test.sh) so nothing reaches a real network. The laptop also gets a docker0
 * bridge, as a laptop running Docker has, which webrtc-call must not advertise.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { assertLoopbackOnlyNetwork, CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.js';
import { waitFor } from './wait.js';

export const LAPTOP_ADDRESS = '192.168.77.1';
export const PHONE_ADDRESS = '192.168.77.2';
export const DOCKER_ADDRESS = '172.17.0.1';
/** The Wi-Fi router the default routes point at: nobody has it, so nothing is routed anywhere. */
export const ROUTER_ADDRESS = '192.168.77.254';

export interface SimulatedLan {
  laptop: string;
  phone: string;
  /** The namespace of the Wi-Fi's access point, which bridges the two: faults "in the air" go there. */
  accessPoint: string;
  /** Cut or restore the phone's "Wi-Fi". */
  setPhoneLink(up: boolean): void;
  /** A command prefix that runs a program inside one of the namespaces. */
  prefix(namespace: string): string[];
  /**
   * Chromium started inside one of the namespaces, driven from here over its pipe.
   */
  launchBrowser(namespace: string, options?: BrowserOptions): Promise<Browser>;
  remove(): Promise<void>;
}

export function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Chromium watches its addresses: an IPv6 link-local address that leaves duplicate address
 * detection (about 2 s after its link came up) while a page loads fails that load with
 * ERR_NETWORK_CHANGED. Links just made settle first.
 */
export async function waitForSettledAddresses(namespaces: string[]): Promise<void> {
  await waitFor('IPv6 duplicate address detection on the new links', () =>
    namespaces.every((namespace) => execFileSync('ip', ['-n', namespace, '-6', 'addr', 'show', 'tentative'], { encoding: 'utf8' }).trim() === ''),
  { timeoutMs: 10_000 });
}

/** Loads an nftables ruleset (`nft -f -`) inside one of the test's namespaces: faults stay there. */
export function nft(namespace: string, ruleset: string): void {
  execFileSync('ip', ['netns', 'exec', namespace, 'nft', '-f', '-'], { input: ruleset, stdio: ['pipe', 'ignore', 'pipe'] });
}

/** Operationally up: the carrier is on, so the link's addresses are usable (and listed). */
function linkIsUp(namespace: string, device: string): boolean {
  return /\bstate UP\b/.test(execFileSync('ip', ['-n', namespace, '-o', 'link', 'show', device], { encoding: 'utf8' }));
}

export interface BrowserOptions {
  /** Lets an http page there use the camera (for tests that opt out of https). */
  secureOrigins?: string[];
  /** Refuse the camera and microphone prompt, as a person who tapped "Block". */
  denyCamera?: boolean;
}

/**
 * Chromium started inside a network namespace, driven from here over its pipe (playwright talks
 * to it over inherited pipes, which survive `ip netns exec`). `scratch` holds the wrapper script.
 */
export async function launchBrowserInNamespace(
  namespace: string,
  scratch: string,
  { secureOrigins = [], denyCamera = false }: BrowserOptions = {},
): Promise<Browser> {
  const wrapper = join(scratch, `chromium-${namespace}`);
  await writeFile(wrapper, `#!/bin/sh\nexec ip netns exec ${namespace} ${CHROMIUM_PATH} "$@"\n`);
  await chmod(wrapper, 0o755);
  const args = CHROMIUM_ARGS.filter((arg) => arg !== '--allow-loopback-in-peer-connection' && !(denyCamera && arg === '--use-fake-ui-for-media-stream'));
  if (secureOrigins.length > 0) args.push(`--unsafely-treat-insecure-origin-as-secure=${secureOrigins.join(',')}`);
  // A person who tapped "Block" on the camera prompt.
  if (denyCamera) args.push('--deny-permission-prompts');
  return chromium.launch({ executablePath: wrapper, args });
}

/**
 * Network namespaces made one by one (each with `lo` up) and all deleted by remove(), even after a
 * failure half-way; plus a scratch directory (browser wrappers) removed with them.
 */
export async function createNamespaces(scratchPrefix: string): Promise<{ scratch: string; add(namespace: string): void; remove(): Promise<void> }> {
  const scratch = await mkdtemp(join(tmpdir(), scratchPrefix));
  const made: string[] = [];
  return {
    scratch,
    add(namespace) {
      ip('netns', 'add', namespace);
      made.push(namespace);
      ip('-n', namespace, 'link', 'set', 'lo', 'up');
    },
    async remove() {
      for (const namespace of made.splice(0)) {
        try {
          ip('netns', 'del', namespace);
        } catch {
          // already gone: deleting a namespace also deletes its veth ends
        }
      }
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

export interface SimulatedLanOptions {
  /** In the namespaces' names, to tell whose they are (`wc-<label>-laptop-<id>`). */
  label?: string;
  /**
   * A default route in each namespace, via a Wi-Fi router that is not there (ROUTER_ADDRESS):
   * Firefox gathers no ICE candidate at all in a namespace without one (../shared/E2E.md).
   * Nothing answers at that address, so traffic still cannot leave, and the phone cannot reach
   * the laptop's docker0 through it (as a real router would not route to it either).
   */
  defaultRoutes?: boolean;
}

export async function createSimulatedLan({ label, defaultRoutes = false }: SimulatedLanOptions = {}): Promise<SimulatedLan> {
  // Only ever inside the suite's namespace: the veth ends and browsers stay off the real network.
  assertLoopbackOnlyNetwork();
  const id = randomBytes(3).toString('hex');
  const prefix = label ? `wc-${label}` : 'wc';
  const laptop = `${prefix}-laptop-${id}`;
  const phone = `${prefix}-phone-${id}`;
  const accessPoint = `${prefix}-ap-${id}`;
  const { scratch, add, remove } = await createNamespaces('webrtc-call-lan-');
  try {
    for (const namespace of [laptop, phone, accessPoint]) add(namespace);
    // Each device reaches the other through the access point's bridge, as on a real Wi-Fi: the
    // phone's Wi-Fi going down leaves the laptop's link up. (With one veth pair the laptop lost
    // its carrier too, and Chromium there stopped gathering candidates on wlan0 for good.)
    ip('-n', accessPoint, 'link', 'add', 'br0', 'type', 'bridge');
    for (const [namespace, end] of [[laptop, 'a'], [phone, 'b']] as const) {
      ip('link', 'add', `wl${id}${end}`, 'type', 'veth', 'peer', 'name', `ap${id}${end}`);
      ip('link', 'set', `wl${id}${end}`, 'netns', namespace);
      ip('link', 'set', `ap${id}${end}`, 'netns', accessPoint);
      ip('-n', accessPoint, 'link', 'set', `ap${id}${end}`, 'master', 'br0');
      ip('-n', accessPoint, 'link', 'set', `ap${id}${end}`, 'up');
      // Named as a Wi-Fi adapter is, so address choice sees what it would on a real one.
      ip('-n', namespace, 'link', 'set', `wl${id}${end}`, 'name', 'wlan0');
    }
    ip('-n', accessPoint, 'link', 'set', 'br0', 'up');
    ip('-n', laptop, 'addr', 'add', `${LAPTOP_ADDRESS}/24`, 'dev', 'wlan0');
    ip('-n', phone, 'addr', 'add', `${PHONE_ADDRESS}/24`, 'dev', 'wlan0');
    ip('-n', laptop, 'link', 'add', 'docker0', 'type', 'bridge');
    ip('-n', laptop, 'addr', 'add', `${DOCKER_ADDRESS}/16`, 'dev', 'docker0');
    for (const [namespace, device] of [[laptop, 'wlan0'], [phone, 'wlan0'], [laptop, 'docker0']] as const) {
      ip('-n', namespace, 'link', 'set', device, 'up');
    }
    if (defaultRoutes) {
      for (const namespace of [laptop, phone]) ip('-n', namespace, 'route', 'add', 'default', 'via', ROUTER_ADDRESS);
    }
    // The kernel marks a link running (carrier) up to a second after it is set up; until then
    // Node lists no address on it and `start` would find no Wi-Fi address to print.
    for (const namespace of [laptop, phone]) await waitFor(`wlan0 in ${namespace} to be up`, () => linkIsUp(namespace, 'wlan0'), { timeoutMs: 10_000 });
    await waitForSettledAddresses([laptop, phone]);
  } catch (error) {
    await remove();
    throw new Error(`could not build the simulated LAN (needs root and iproute2; npm test runs it as root): ${String(error)}`);
  }

  return {
    laptop,
    phone,
    accessPoint,
    setPhoneLink: (up) => ip('-n', phone, 'link', 'set', 'wlan0', up ? 'up' : 'down'),
    prefix: (namespace) => ['ip', 'netns', 'exec', namespace],
    launchBrowser: (namespace, options) => launchBrowserInNamespace(namespace, scratch, options),
    remove,
  };
}
