/**
 * Client isolation, as on a guest Wi-Fi: a "laptop" and two "phones", each phone joined to the
 * laptop by its own veth pair and its own subnet. The laptop does not forward, so each phone
 * reaches the laptop (its web server, its TURN server) but never the other phone: a call
 * between them connects only through a relay. Built inside the suite's own loopback-only
 * namespace (scripts/test.sh), like simulated-lan.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { assertLoopbackOnlyNetwork } from './browser.js';
import { createNamespaces, ip, launchBrowserInNamespace, waitForSettledAddresses } from './simulated-lan.js';

/** The laptop's address on phone A's link: where its web and TURN servers are reached. */
export const LAPTOP_A = '192.168.78.1';
export const PHONE_A = '192.168.78.2';
export const LAPTOP_B = '192.168.79.1';
export const PHONE_B = '192.168.79.2';

export interface IsolatedPhones {
  laptop: string;
  phoneA: string;
  phoneB: string;
  /** A scratch folder removed with the namespaces. */
  scratch: string;
  launchBrowser(namespace: string): Promise<Browser>;
  remove(): Promise<void>;
}

export async function createIsolatedPhones(): Promise<IsolatedPhones> {
  assertLoopbackOnlyNetwork();
  const id = randomBytes(3).toString('hex');
  const laptop = `wc-turn-laptop-${id}`;
  const phoneA = `wc-turn-phoneA-${id}`;
  const phoneB = `wc-turn-phoneB-${id}`;
  const { scratch, add, remove } = await createNamespaces('webrtc-call-turn-');
  try {
    for (const namespace of [laptop, phoneA, phoneB]) add(namespace);
    // Named as real adapters are, so the server advertises them (veth* would be skipped as virtual).
    const links = [
      { phone: phoneA, laptopDevice: 'wlan0', laptopAddress: LAPTOP_A, phoneAddress: PHONE_A },
      { phone: phoneB, laptopDevice: 'eth0', laptopAddress: LAPTOP_B, phoneAddress: PHONE_B },
    ];
    for (const [index, link] of links.entries()) {
      const [a, b] = [`tl${id}${index}a`, `tl${id}${index}b`];
      ip('link', 'add', a, 'type', 'veth', 'peer', 'name', b);
      ip('link', 'set', a, 'netns', laptop);
      ip('link', 'set', b, 'netns', link.phone);
      ip('-n', laptop, 'link', 'set', a, 'name', link.laptopDevice);
      ip('-n', link.phone, 'link', 'set', b, 'name', 'wlan0');
      ip('-n', laptop, 'addr', 'add', `${link.laptopAddress}/24`, 'dev', link.laptopDevice);
      ip('-n', link.phone, 'addr', 'add', `${link.phoneAddress}/24`, 'dev', 'wlan0');
      ip('-n', laptop, 'link', 'set', link.laptopDevice, 'up');
      ip('-n', link.phone, 'link', 'set', 'wlan0', 'up');
      // Every other address is "through the laptop", which (ip_forward is 0 in a new namespace)
      // answers for its own addresses and drops the rest: the other phone stays out of reach.
      ip('-n', link.phone, 'route', 'add', 'default', 'via', link.laptopAddress);
    }
    await waitForSettledAddresses([laptop, phoneA, phoneB]);
  } catch (error) {
    await remove();
    throw new Error(`could not build the isolated phones' network (needs root and iproute2; npm test runs it as root): ${String(error)}`);
  }
  return { laptop, phoneA, phoneB, scratch, launchBrowser: (namespace) => launchBrowserInNamespace(namespace, scratch), remove };
}
