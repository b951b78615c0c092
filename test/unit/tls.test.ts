import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLanAddresses } from '../../src/server/network.js';
import {
  cachedCertificatePaths,
  CertificateError,
  loadOrCreateCertificate,
  loadUserCertificate,
  prepareTls,
  requiredNames,
} from '../../src/server/tls.js';
import { formatTlsNotes } from '../../src/terminal/https-flags.js';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-06-01T12:00:00Z');

describe('the cached HTTPS certificate', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webrtc-call-tls-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const required = requiredNames({ hostname: 'Laptop', addresses: ['192.168.1.20'] });

  it('is created on first run with localhost, the hostname and the LAN address, the key readable only by the user', async () => {
    const created = await loadOrCreateCertificate({ dir, required, now });
    expect(created.regenerated).toEqual({ kind: 'first' });
    expect(created.info.names).toEqual(['localhost', '127.0.0.1', '::1', 'laptop', 'laptop.local', '192.168.1.20']);
    expect(created.info.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(created.info.validTo.getTime() - now.getTime()).toBe(365 * DAY);
    expect(created.info.validFrom.getTime()).toBeLessThan(now.getTime());
    const { keyPath, certPath } = cachedCertificatePaths(dir);
    expect(created.info).toMatchObject({ certPath, keyPath, source: 'generated' });
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
  });

  it('is reused on the next run, so a phone that accepted it once is not asked again', async () => {
    const first = await loadOrCreateCertificate({ dir, required, now });
    const second = await loadOrCreateCertificate({ dir, required, now: new Date(now.getTime() + 100 * DAY) });
    expect(second.regenerated).toBeUndefined();
    expect(second.info.fingerprint256).toBe(first.info.fingerprint256);
  });

  it('is remade when the laptop has a new LAN address, keeping the old one', async () => {
    const first = await loadOrCreateCertificate({ dir, required, now });
    const office = requiredNames({ hostname: 'laptop', addresses: ['10.0.0.12'] });
    const second = await loadOrCreateCertificate({ dir, required: office, now });
    expect(second.regenerated).toEqual({ kind: 'uncovered', names: ['10.0.0.12'] });
    expect(second.info.fingerprint256).not.toBe(first.info.fingerprint256);
    expect(second.info.names).toEqual(expect.arrayContaining(['10.0.0.12', '192.168.1.20']));
    // back home: the remade certificate still covers it
    expect((await loadOrCreateCertificate({ dir, required, now })).regenerated).toBeUndefined();
  });

  it('says what it made: a first certificate, or a new one because the cached one missed the address', async () => {
    const wifi = (address: string) =>
      findLanAddresses({ wlan0: [{ address, netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: null }] });
    const notice = async (address: string) => {
      const tls = await prepareTls({ dir }, { lan: wifi(address), hostname: 'laptop', now });
      return formatTlsNotes(tls, true).map((note) => note.text.split('\n')[0]);
    };
    const { certPath } = cachedCertificatePaths(dir);
    expect(await notice('192.168.1.20')).toEqual([`Made an HTTPS certificate for this computer: ${certPath}`]);
    expect(await notice('192.168.77.1')).toEqual([`Made a new HTTPS certificate (the cached one did not cover 192.168.77.1): ${certPath}`]);
    expect(await notice('192.168.77.1')).toEqual([]);
  });

  it('is remade when it expires within 30 days', async () => {
    await loadOrCreateCertificate({ dir, required, now });
    const later = await loadOrCreateCertificate({ dir, required, now: new Date(now.getTime() + 340 * DAY) });
    expect(later.regenerated).toEqual({ kind: 'expiring', daysLeft: 25 });
  });

  it('is remade when the cached files are damaged', async () => {
    await loadOrCreateCertificate({ dir, required, now });
    await writeFile(cachedCertificatePaths(dir).certPath, 'not a certificate');
    const remade = await loadOrCreateCertificate({ dir, required, now });
    expect(remade.regenerated).toEqual({ kind: 'unreadable' });
  });
});

describe("the user's own certificate (--cert/--key)", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webrtc-call-tls-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is used as given, with a warning when it lacks the LAN address', async () => {
    const made = await loadOrCreateCertificate({ dir, required: requiredNames({ hostname: 'laptop', addresses: [] }), now });
    const { certPath, keyPath } = made.info;
    const lan = findLanAddresses({ wlan0: [{ address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: null }] });
    const setup = await prepareTls({ certPath, keyPath }, { lan, now });
    expect(setup.info.source).toBe('user');
    expect(setup.info.fingerprint256).toBe(made.info.fingerprint256);
    expect(setup.problem).toBe('your certificate (--cert) will not satisfy phones: it does not cover 192.168.1.20');
  });

  it('that cannot be read is a one-line error naming the files and the fix', async () => {
    const missing = join(dir, 'nope.pem');
    await expect(loadUserCertificate(missing, missing)).rejects.toThrow(CertificateError);
    await expect(loadUserCertificate(missing, missing)).rejects.toThrow(
      `cannot use --cert ${missing} --key ${missing}: file not found; give a PEM certificate and its matching private key`,
    );
  });

  it('whose key does not match is refused', async () => {
    const a = await loadOrCreateCertificate({ dir: join(dir, 'a'), required: ['localhost'], now });
    const b = await loadOrCreateCertificate({ dir: join(dir, 'b'), required: ['localhost'], now });
    await expect(loadUserCertificate(a.info.certPath, b.info.keyPath)).rejects.toThrow(/is not the key of/);
  });
});
