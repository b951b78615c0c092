/**
 * LAN addresses and the URLs built from them, computed as data from an injected interface list
 * (as vite's resolveServerUrls does) so the choice is testable without a network.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import { roomPath } from '../shared/protocol.js';

export type InterfaceList = NodeJS.Dict<NetworkInterfaceInfo[]>;

export interface ServerUrls {
  local: string[];
  network: string[];
}

/** IPv4 addresses other devices could reach us on. */
export function lanAddresses(interfaces: InterfaceList): string[] {
  const addresses: string[] = [];
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal) continue;
      if (info.address.startsWith('169.254.')) continue; // link-local: no DHCP, not a LAN
      addresses.push(info.address);
    }
  }
  return addresses;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export function buildServerUrls(options: {
  protocol: 'http' | 'https';
  host?: string;
  port: number;
  room: string;
  interfaces: InterfaceList;
}): ServerUrls {
  const path = roomPath(options.room);
  const url = (hostname: string) => `${options.protocol}://${formatHost(hostname)}:${options.port}${path}`;
  const host = options.host ?? '';
  if (WILDCARD_HOSTS.has(host)) {
    return { local: [url('localhost')], network: lanAddresses(options.interfaces).map(url) };
  }
  if (LOOPBACK_HOSTS.has(host)) return { local: [url(host === '::1' ? '::1' : 'localhost')], network: [] };
  return { local: [], network: [url(host)] };
}

function formatHost(hostname: string): string {
  return hostname.includes(':') ? `[${hostname}]` : hostname;
}
