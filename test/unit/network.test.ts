import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { buildServerUrls, findLanAddresses, findMisleadingAdapters, inviteUrlForRoom, type InterfaceList } from '../../src/server/network.js';
import { formatServerUrls } from '../../src/terminal/server-urls.js';

function v4(address: string, internal = false): NetworkInterfaceInfo {
  return { address, netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal, cidr: `${address}/24` };
}
function v6(address: string, internal = false): NetworkInterfaceInfo {
  return { address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '00:00:00:00:00:00', internal, cidr: `${address}/64`, scopeid: 0 };
}

const loopback = { lo: [v4('127.0.0.1', true), v6('::1', true)] };

/** A laptop on Wi-Fi with Docker running and a VPN up. */
const laptop: InterfaceList = {
  ...loopback,
  docker0: [v4('172.17.0.1')],
  'br-5f2e1c': [v4('172.18.0.1')],
  veth12ab: [v6('fe80::a8bb:ccff:fedd:eeff')],
  tun0: [v4('10.8.0.6')],
  tailscale0: [v4('100.101.102.103')],
  wlp2s0: [v4('192.168.1.20'), v6('fe80::1c2b:3c4d:5e6f:7a8b'), v6('2a01:e0a:1:2::20')],
};

describe('choosing the address a phone can reach', () => {
  it('picks the Wi-Fi address and says why docker, bridges, VPNs, loopback and IPv6 were skipped', () => {
    const { usable, skipped } = findLanAddresses(laptop);
    expect(usable).toEqual([{ interface: 'wlp2s0', address: '192.168.1.20', family: 'IPv4' }]);
    const reasonFor = (address: string) => skipped.find((s) => s.address === address)?.reason;
    expect(reasonFor('127.0.0.1')).toMatch(/loopback/);
    expect(reasonFor('172.17.0.1')).toMatch(/virtual interface/);
    expect(reasonFor('172.18.0.1')).toMatch(/virtual interface/);
    expect(reasonFor('10.8.0.6')).toMatch(/virtual interface/);
    expect(reasonFor('100.101.102.103')).toMatch(/virtual interface/);
    expect(reasonFor('fe80::1c2b:3c4d:5e6f:7a8b')).toMatch(/IPv6 link-local/);
    expect(reasonFor('2a01:e0a:1:2::20')).toMatch(/IPv6/);
    expect(skipped).toHaveLength(9);
  });

  it('skips a self-assigned 169.254 address (no DHCP lease)', () => {
    const { usable, skipped } = findLanAddresses({ ...loopback, en0: [v4('169.254.10.20')] });
    expect(usable).toEqual([]);
    expect(skipped.find((s) => s.interface === 'en0')?.reason).toMatch(/no DHCP/);
  });

  it('prefers a private address on a Wi-Fi/Ethernet-named interface, then keeps the OS order', () => {
    const { usable } = findLanAddresses({
      ...loopback,
      mystery0: [v4('192.168.50.2')],
      usb0: [v4('203.0.113.7')],
      'Wi-Fi': [v4('10.0.0.12')],
      eth0: [v4('172.20.1.5')],
    });
    expect(usable.map((a) => a.address)).toEqual(['10.0.0.12', '172.20.1.5', '192.168.50.2', '203.0.113.7']);
  });

  it('finds nothing on a machine with only loopback', () => {
    expect(findLanAddresses(loopback).usable).toEqual([]);
  });
});

describe('adapters that commonly mislead a call', () => {
  it('names the VPN, Docker, VirtualBox and WSL adapters it sees, and nothing on a plain Wi-Fi laptop', () => {
    const found = findMisleadingAdapters({
      ...laptop,
      utun3: [v6('fe80::1')],
      wg0: [v4('10.66.0.2')],
      ppp0: [v4('10.64.64.64')],
      vboxnet0: [v4('192.168.56.1')],
      'vEthernet (WSL)': [v4('172.29.16.1')],
    });
    expect(found.map((a) => [a.interface, a.kind])).toEqual([
      ['docker0', 'Docker'],
      ['br-5f2e1c', 'Docker'],
      ['tun0', 'VPN'],
      ['utun3', 'VPN'],
      ['wg0', 'VPN'],
      ['ppp0', 'VPN'],
      ['vboxnet0', 'VirtualBox'],
      ['vEthernet (WSL)', 'WSL'],
    ]);
    expect(found.find((a) => a.kind === 'VPN')?.note).toMatch(/try with the VPN off/);
    expect(findMisleadingAdapters({ ...loopback, wlp2s0: [v4('192.168.1.20')], eth0: [v4('10.0.0.5')] })).toEqual([]);
  });
});

describe('building the URLs', () => {
  const lan = findLanAddresses(laptop);

  it('serves localhost over http and the LAN over https, inviting to the best address', () => {
    const urls = buildServerUrls({ networkProtocol: 'https', port: 3000, room: 'standup', lan });
    expect(urls).toEqual({
      local: ['http://localhost:3000/r/standup'],
      network: ['https://192.168.1.20:3000/r/standup'],
      invite: 'https://192.168.1.20:3000/r/standup',
    });
    expect(formatServerUrls(urls)).toEqual([
      '  ➜  Local:   http://localhost:3000/r/standup',
      '  ➜  Network: https://192.168.1.20:3000/r/standup  ← QR code',
    ]);
  });

  it('with no LAN address, offers only the local URL and says so', () => {
    const urls = buildServerUrls({ networkProtocol: 'https', port: 3000, room: 'standup', lan: findLanAddresses(loopback) });
    expect(urls).toEqual({ local: ['http://localhost:3000/r/standup'], network: [] });
    expect(formatServerUrls(urls).at(-1)).toMatch(/Network: none: other devices cannot reach this computer/);
  });

  it('--host with one address binds and advertises only it', () => {
    const urls = buildServerUrls({ networkProtocol: 'https', host: '10.0.0.12', port: 8443, room: 'r1', lan });
    expect(urls).toEqual({ local: [], network: ['https://10.0.0.12:8443/r/r1'], invite: 'https://10.0.0.12:8443/r/r1' });
  });

  it('--host on loopback keeps the call on this machine', () => {
    expect(buildServerUrls({ networkProtocol: 'https', host: '127.0.0.1', port: 3000, room: 'r1', lan })).toEqual({
      local: ['http://localhost:3000/r/r1'],
      network: [],
    });
  });

  it('--no-https makes the network URLs plain http', () => {
    expect(buildServerUrls({ networkProtocol: 'http', port: 3000, room: 'r1', lan }).network).toEqual(['http://192.168.1.20:3000/r/r1']);
  });

  it('brackets an IPv6 --host and re-targets the invite to another room', () => {
    const urls = buildServerUrls({ networkProtocol: 'https', host: 'fd00::20', port: 3000, room: 'r1', lan });
    expect(urls.invite).toBe('https://[fd00::20]:3000/r/r1');
    expect(inviteUrlForRoom(urls.invite, 'other')).toBe('https://[fd00::20]:3000/r/other');
    expect(inviteUrlForRoom(undefined, 'other')).toBeUndefined();
  });
});
