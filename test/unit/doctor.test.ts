import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/server/doctor.js';
import { formatDoctorReport } from '../../src/terminal/doctor-report.js';

describe('doctor on a machine where a phone could not join', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webrtc-call-doctor-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails the old Node.js and the missing LAN, each with its fix, and warns about the browser', async () => {
    const report = await runDoctor({
      port: 0,
      strictPort: false,
      tls: { dir },
      interfaces: { lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '', internal: true, cidr: null }] },
      hostname: 'laptop',
      nodeVersion: 'v18.19.0',
      canOpenBrowser: false,
      env: { CI: 'true' },
      platform: 'linux',
    });
    expect(report.ok).toBe(false);
    expect(report.node).toMatchObject({ status: 'fail', version: 'v18.19.0', fix: expect.stringMatching(/install Node.js 20 or newer/) });
    expect(report.network).toMatchObject({ status: 'fail', inviteUrl: null, usable: [], fix: expect.stringMatching(/same Wi-Fi/) });
    expect(report.network.skipped).toEqual([expect.objectContaining({ interface: 'lo', reason: expect.stringMatching(/loopback/) })]);
    expect(report.port).toMatchObject({ status: 'pass', free: true });
    expect(report.certificate).toMatchObject({ status: 'pass', https: true, certificate: null, summary: `none yet: start makes one in ${dir}` });
    expect(report.browser).toMatchObject({ status: 'warn', canOpen: false, summary: expect.stringMatching(/CI is set/) });
    const text = formatDoctorReport(report).join('\n');
    expect(text).toMatch(/fix: install Node.js 20 or newer/);
    expect(text).toMatch(/Not ready/);
  });

  it('says when --host is what keeps phones out', async () => {
    const report = await runDoctor({
      port: 0,
      strictPort: false,
      host: '127.0.0.1',
      interfaces: { wlan0: [{ address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: null }] },
      hostname: 'laptop',
      nodeVersion: 'v20.0.0',
      canOpenBrowser: true,
      env: {},
      platform: 'darwin',
    });
    expect(report.network).toMatchObject({ status: 'fail', summary: '--host 127.0.0.1 keeps the call on this computer', fix: 'drop --host, or give the Wi-Fi address' });
    expect(report.certificate).toMatchObject({ status: 'warn', https: false, fix: 'drop --no-https' });
  });

  it('mentions the VPN and Docker adapters it sees, without failing for them', async () => {
    const v4 = (address: string) => ({ address, netmask: '255.255.255.0', family: 'IPv4' as const, mac: '', internal: false, cidr: null });
    const report = await runDoctor({
      port: 0,
      strictPort: false,
      interfaces: { wlan0: [v4('192.168.1.20')], wg0: [v4('10.66.0.2')], docker0: [v4('172.17.0.1')] },
      hostname: 'laptop',
      nodeVersion: 'v20.0.0',
      canOpenBrowser: true,
      env: {},
      platform: 'darwin',
    });
    expect(report.network.status).toBe('pass');
    expect(report.network.misleading.map((a) => a.kind)).toEqual(['VPN', 'Docker']);
    const text = formatDoctorReport(report).join('\n');
    expect(text).toMatch(/note {4}wg0 \(VPN\): a VPN can route the call away from the Wi-Fi/);
    expect(text).toMatch(/note {4}docker0 \(Docker\)/);
  });

  it('says which certificate --cert names and why it cannot be used', async () => {
    const report = await runDoctor({
      port: 0,
      strictPort: false,
      tls: { certPath: join(dir, 'missing.pem'), keyPath: join(dir, 'missing-key.pem') },
      interfaces: {},
      hostname: 'laptop',
      nodeVersion: 'v20.0.0',
      canOpenBrowser: true,
      env: { PATH: '' },
      platform: 'linux',
    });
    expect(report.certificate).toMatchObject({ status: 'fail', fix: expect.stringMatching(/^cannot use --cert .*missing\.pem.*file not found/) });
    expect(report.browser).toMatchObject({ status: 'warn', canOpen: false, fix: expect.stringMatching(/xdg-utils/) });
  });
});
