/**
 * A Wi-Fi with three devices, for calls that must fail in a known way: the "laptop" namespace
 * runs the server and is the access point (a bridge), the laptop's browser and the phone each
 * have a namespace of their own joined to it by a veth pair. Faults (nftables rules, routes, a
 * phone in another subnet) are made inside these namespaces only, all inside the suite's own
 * loopback-only namespace (scripts/test.sh). Namespace names carry "diag" and a random id.
 */
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { assertLoopbackOnlyNetwork } from './browser.js';
import { createNamespaces, ip, launchBrowserInNamespace, nft, type BrowserOptions } from './simulated-lan.js';

/** The access point: the server's address on the Wi-Fi. */
export const ACCESS_POINT = '192.168.78.1';
export const LAPTOP_BROWSER = '192.168.78.2';
export const PHONE_ON_WIFI = '192.168.78.3';
/** "Another subnet": the phone is on a different network that only routes to the server. */
export const SERVER_ON_OTHER_SUBNET = '10.78.0.1';
export const PHONE_ON_OTHER_SUBNET = '10.78.0.2';

export interface DiagnosisLanOptions {
  /** Put the phone in 10.78.0.0/24, reaching only the server (which does not forward). */
  phoneInOtherSubnet?: boolean;
  /** Leave the phone without a default route (the others get one via the access point). */
  phoneWithoutDefaultRoute?: boolean;
}

export interface DiagnosisLan {
  server: string;
  laptop: string;
  phone: string;
  /** The server's address as the phone reaches it. */
  serverAddressForPhone: string;
  phoneAddress: string;
  /** Loads an nftables ruleset (`nft -f -`) inside one of the namespaces. */
  nft(namespace: string, ruleset: string): void;
  launchBrowser(namespace: string, options?: BrowserOptions): Promise<Browser>;
  remove(): Promise<void>;
}

export async function createDiagnosisLan(options: DiagnosisLanOptions = {}): Promise<DiagnosisLan> {
  assertLoopbackOnlyNetwork();
  const id = randomBytes(3).toString('hex');
  const server = `diag-server-${id}`;
  const laptop = `diag-laptop-${id}`;
  const phone = `diag-phone-${id}`;
  const { scratch, add, remove } = await createNamespaces('webrtc-call-diag-');
  const other = options.phoneInOtherSubnet === true;
  try {
    for (const namespace of [server, laptop, phone]) add(namespace);
    ip('-n', server, 'link', 'add', 'br0', 'type', 'bridge');
    ip('-n', server, 'addr', 'add', `${ACCESS_POINT}/24`, 'dev', 'br0');
    ip('-n', server, 'link', 'set', 'br0', 'up');
    const device = (namespace: string, tag: string, address: string, gateway: string, onBridge: boolean, defaultRoute: boolean) => {
      const here = `dg${id}${tag}s`;
      const there = `dg${id}${tag}c`;
      ip('link', 'add', here, 'type', 'veth', 'peer', 'name', there);
      ip('link', 'set', here, 'netns', server);
      ip('link', 'set', there, 'netns', namespace);
      ip('-n', namespace, 'link', 'set', there, 'name', 'wlan0');
      ip('-n', namespace, 'addr', 'add', `${address}/24`, 'dev', 'wlan0');
      ip('-n', namespace, 'link', 'set', 'wlan0', 'up');
      if (onBridge) ip('-n', server, 'link', 'set', here, 'master', 'br0');
      else ip('-n', server, 'addr', 'add', `${gateway}/24`, 'dev', here);
      ip('-n', server, 'link', 'set', here, 'up');
      if (defaultRoute) ip('-n', namespace, 'route', 'add', 'default', 'via', gateway);
    };
    device(laptop, 'l', LAPTOP_BROWSER, ACCESS_POINT, true, true);
    device(
      phone,
      'p',
      other ? PHONE_ON_OTHER_SUBNET : PHONE_ON_WIFI,
      other ? SERVER_ON_OTHER_SUBNET : ACCESS_POINT,
      !other,
      options.phoneWithoutDefaultRoute !== true,
    );
  } catch (error) {
    await remove();
    throw new Error(`could not build the test Wi-Fi (needs root and iproute2; npm test runs it as root): ${String(error)}`);
  }
  return {
    server,
    laptop,
    phone,
    serverAddressForPhone: other ? SERVER_ON_OTHER_SUBNET : ACCESS_POINT,
    phoneAddress: other ? PHONE_ON_OTHER_SUBNET : PHONE_ON_WIFI,
    nft,
    launchBrowser: (namespace, launchOptions) => launchBrowserInNamespace(namespace, scratch, launchOptions),
    remove,
  };
}
