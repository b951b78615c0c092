/**
 * Which addresses a phone on the same Wi-Fi can reach this machine on, and the URLs built from
 * them. Pure functions over an injected interface list (as vite's resolveServerUrls computes
 * URLs as data), so every choice is testable without a network and `doctor` can print why an
 * address was left out.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import { roomPath } from '../shared/protocol.js';

export type InterfaceList = NodeJS.Dict<NetworkInterfaceInfo[]>;

export interface LanAddress {
  interface: string;
  address: string;
  family: 'IPv4' | 'IPv6';
}

export interface SkippedAddress extends LanAddress {
  /** Why a phone could not (or should not) use it, in the user's words. */
  reason: string;
}

export interface LanAddresses {
  /** Best first: the first one is what the QR code carries. */
  usable: LanAddress[];
  skipped: SkippedAddress[];
}

export interface ServerUrls {
  /** Plain http on this machine: localhost is a secure context, so the camera works warning-free. */
  local: string[];
  /** What other devices open; https unless turned off. */
  network: string[];
  /** The network URL the QR code and the page's invite point to; absent with no LAN address. */
  invite?: string;
}

// Interfaces no phone on the Wi-Fi can reach: containers, VMs, VPN tunnels, Apple peer links.
const VIRTUAL_INTERFACE =
  /^(docker|br-|veth|virbr|vboxnet|vmnet|vnet|tun|tap|utun|wg|tailscale|zt|lxcbr|lxdbr|cni|flannel|cali|weave|kube|podman|ppp|ipsec|gif|stf|awdl|llw|anpi|bridge|ham|nordlynx|proton)|^vEthernet|virtualbox|vmware|hyper-v/i;
// Names a Wi-Fi or Ethernet adapter gets on Linux (wlan0, wlp2s0, eth0, enp3s0), macOS (en0)
// and Windows ("Wi-Fi", "WLAN", "Ethernet 2").
const LAN_LIKE_INTERFACE = /^(wl|en|eth)|^(wi-?fi|wlan|ethernet)/i;

export interface MisleadingAdapter {
  interface: string;
  kind: 'VPN' | 'Docker' | 'VirtualBox' | 'WSL';
  /** What it does to a call, and what to try. */
  note: string;
}

// The adapters people most often find behind "the phone cannot connect": browsers offer their
// addresses as ICE candidates and a VPN can take the route, while no phone on the Wi-Fi reaches them.
const MISLEADING_ADAPTERS: Array<{ kind: MisleadingAdapter['kind']; name: RegExp; note: string }> = [
  { kind: 'VPN', name: /^(tun|tap|wg|utun|ppp)/i, note: 'a VPN can route the call away from the Wi-Fi; if a phone cannot connect, try with the VPN off' },
  { kind: 'Docker', name: /^(docker|br-)/, note: "Docker's bridge: only this computer's containers reach it; browsers may still offer its address" },
  { kind: 'VirtualBox', name: /^vboxnet/i, note: 'a VirtualBox host-only network: only its virtual machines reach it' },
  {
    kind: 'WSL',
    name: /^vEthernet \(WSL/i,
    note: "WSL's virtual switch: run webrtc-call on Windows itself, or forward the port into WSL, or phones cannot reach it",
  },
];

/** Adapters that often mislead a call (VPN, Docker, VirtualBox, WSL), for `doctor` to mention. */
export function findMisleadingAdapters(interfaces: InterfaceList): MisleadingAdapter[] {
  return Object.keys(interfaces).flatMap((name) => {
    const match = MISLEADING_ADAPTERS.find((adapter) => adapter.name.test(name));
    return match ? [{ interface: name, kind: match.kind, note: match.note }] : [];
  });
}

/** Sorts the machine's addresses into those a phone can use (best first) and the rest, with why. */
export function findLanAddresses(interfaces: InterfaceList): LanAddresses {
  const usable: Array<LanAddress & { score: number }> = [];
  const skipped: SkippedAddress[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      const address: LanAddress = { interface: name, address: info.address, family: info.family };
      const reason = skipReason(name, info);
      if (reason) skipped.push({ ...address, reason });
      else usable.push({ ...address, score: score(name, info.address) });
    }
  }
  // Array.prototype.sort is stable: equal scores keep the operating system's order.
  usable.sort((a, b) => b.score - a.score);
  return { usable: usable.map(({ score: _score, ...address }) => address), skipped };
}

function skipReason(name: string, info: NetworkInterfaceInfo): string | undefined {
  if (info.internal) return 'loopback: only this machine can use it (the Local URL)';
  if (info.family === 'IPv6' && /^fe[89ab]/i.test(info.address)) {
    return 'IPv6 link-local: browsers cannot open it in a URL';
  }
  if (info.family === 'IPv4' && info.address.startsWith('169.254.')) {
    return 'link-local (169.254.x.x): the network gave no address (no DHCP), so no other device can reach it';
  }
  if (VIRTUAL_INTERFACE.test(name)) return 'virtual interface (container, VM or VPN): devices on your Wi-Fi cannot reach it';
  if (info.family === 'IPv6') return 'IPv6: phones on a home or office Wi-Fi reach this machine over IPv4; use --host to advertise it anyway';
  return undefined;
}

/** Private ranges on a Wi-Fi/Ethernet-named interface come first, then any private range. */
function score(name: string, address: string): number {
  return (isPrivateIPv4(address) ? 2 : 0) + (LAN_LIKE_INTERFACE.test(name) ? 1 : 0);
}

export function isPrivateIPv4(address: string): boolean {
  const [a, b] = address.split('.').map(Number);
  if (a === undefined || b === undefined) return false;
  return a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** --host keeps the server on this machine: there are no Network URLs. */
export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOSTS.has(host);
}

/**
 * The URLs to print and share. Bound to all interfaces: localhost over http, every usable LAN
 * address over `networkProtocol`. Bound to one address (--host): only that address.
 */
export function buildServerUrls(options: {
  networkProtocol: 'http' | 'https';
  host?: string;
  port: number;
  room: string;
  lan: LanAddresses;
}): ServerUrls {
  const path = roomPath(options.room);
  const url = (protocol: string, hostname: string) => `${protocol}://${formatHost(hostname)}:${options.port}${path}`;
  const host = options.host ?? '';
  let network: string[];
  let local: string[] = [];
  if (WILDCARD_HOSTS.has(host)) {
    local = [url('http', 'localhost')];
    network = options.lan.usable.map(({ address }) => url(options.networkProtocol, address));
  } else if (isLoopbackHost(host)) {
    local = [url('http', host === '::1' ? '::1' : 'localhost')];
    network = [];
  } else {
    network = [url(options.networkProtocol, host)];
  }
  return network[0] === undefined ? { local, network } : { local, network, invite: network[0] };
}

/** The invite URL for another room on the same server (the page asks for the room it shows). */
export function inviteUrlForRoom(invite: string | undefined, room: string): string | undefined {
  if (invite === undefined) return undefined;
  const url = new URL(invite);
  url.pathname = roomPath(room);
  return url.href;
}

function formatHost(hostname: string): string {
  return hostname.includes(':') ? `[${hostname}]` : hostname;
}
