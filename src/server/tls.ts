/**
 * The HTTPS certificate phones see. Generated once (selfsigned, EC P-256) and cached in the
 * user's data directory so a phone's one-time "accept this certificate" keeps working across
 * runs; regenerated only when it no longer names one of this machine's addresses or nears
 * expiry. A user's own certificate (e.g. from mkcert) is checked and used as given.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { LanAddresses } from './network.js';

export interface TlsCredentials {
  cert: string;
  key: string;
}

export interface CertificateInfo {
  certPath: string;
  keyPath: string;
  /** DNS names and IP addresses the certificate is valid for. */
  names: string[];
  validFrom: Date;
  validTo: Date;
  /** SHA-256 fingerprint, AA:BB:…, what a phone's certificate details show. */
  fingerprint256: string;
  /** Generated and cached by webrtc-call, or given with --cert/--key. */
  source: 'generated' | 'user';
}

export interface Certificate {
  credentials: TlsCredentials;
  info: CertificateInfo;
}

/** Why a certificate will not do for this run. */
export type CertificateProblem =
  | { kind: 'uncovered'; names: string[] }
  | { kind: 'not-yet-valid' }
  | { kind: 'expired' }
  | { kind: 'expiring'; daysLeft: number };

/** Why a certificate was made on this run: none was cached yet, or the cached one would not do. */
export type Regeneration = { kind: 'first' } | { kind: 'unreadable' } | CertificateProblem;

export interface CachedCertificate extends Certificate {
  /** Set when a new certificate was made on this run; undefined when the cached one was reused. */
  regenerated?: Regeneration;
}

export class CertificateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateError';
  }
}

const VALID_DAYS = 365;
/** Renew this long before expiry so a call never starts with a certificate about to lapse. */
const RENEW_BEFORE_DAYS = 30;
/** Keeps old addresses (home, office) so moving between networks does not re-prompt phones, up to a limit. */
const MAX_NAMES = 32;
const DAY_MS = 24 * 60 * 60 * 1000;

export function cachedCertificatePaths(dir: string): { certPath: string; keyPath: string } {
  return { certPath: join(dir, 'cert.pem'), keyPath: join(dir, 'key.pem') };
}

/** The names a certificate for this machine must carry: localhost, the hostname, every LAN address. */
export function requiredNames(options: { hostname: string; addresses: string[] }): string[] {
  const hostname = options.hostname.toLowerCase();
  const names = ['localhost', '127.0.0.1', '::1'];
  if (/^[a-z0-9.-]+$/.test(hostname)) names.push(hostname, ...(hostname.includes('.') ? [] : [`${hostname}.local`]));
  return unique([...names, ...options.addresses]);
}

/** What a certificate lacks for this run, or undefined when it is fine to use. */
export function certificateProblem(
  info: Pick<CertificateInfo, 'names' | 'validFrom' | 'validTo'>,
  required: string[],
  now: Date,
): CertificateProblem | undefined {
  const missing = required.filter((name) => !info.names.includes(normalizeName(name)));
  if (missing.length > 0) return { kind: 'uncovered', names: missing };
  if (info.validFrom.getTime() > now.getTime()) return { kind: 'not-yet-valid' };
  const daysLeft = Math.floor((info.validTo.getTime() - now.getTime()) / DAY_MS);
  if (daysLeft < RENEW_BEFORE_DAYS) return daysLeft < 0 ? { kind: 'expired' } : { kind: 'expiring', daysLeft };
  return undefined;
}

/** The problem of a certificate in use now, in words: "it does not cover 192.168.1.20". */
export function describeCertificateProblem(problem: CertificateProblem): string {
  switch (problem.kind) {
    case 'uncovered':
      return `it does not cover ${problem.names.join(', ')}`;
    case 'not-yet-valid':
      return 'it is not valid yet (was the clock changed?)';
    case 'expired':
      return 'it has expired';
    case 'expiring':
      return `it expires in ${problem.daysLeft} days`;
  }
}

/**
 * The cached certificate in `dir` if it still covers `required` names; otherwise a new one,
 * written with the key readable only by this user.
 */
export async function loadOrCreateCertificate(options: { dir: string; required: string[]; now?: Date }): Promise<CachedCertificate> {
  const now = options.now ?? new Date();
  const paths = cachedCertificatePaths(options.dir);
  let previous: Certificate | undefined;
  let regenerated: Regeneration = { kind: 'first' };
  try {
    previous = await readCertificate(paths.certPath, paths.keyPath, 'generated');
    const problem = certificateProblem(previous.info, options.required, now);
    if (!problem) return previous;
    regenerated = problem;
  } catch (error) {
    if (!isMissingFile(error)) regenerated = { kind: 'unreadable' };
  }
  const keep = previous && previous.info.validTo.getTime() > now.getTime() ? previous.info.names : [];
  const names = unique([...options.required.map(normalizeName), ...keep]).slice(0, MAX_NAMES);
  const credentials = await generateCertificate(names, now);
  await writeCredentials(options.dir, credentials);
  return { credentials, info: describeCertificate(credentials.cert, paths, 'generated'), regenerated };
}

/** The user's own certificate and key (--cert/--key), checked so a mistake is a clear sentence. */
export async function loadUserCertificate(certPath: string, keyPath: string): Promise<Certificate> {
  try {
    return await readCertificate(certPath, keyPath, 'user');
  } catch (error) {
    const detail = isMissingFile(error) ? 'file not found' : error instanceof Error ? error.message : String(error);
    throw new CertificateError(
      `cannot use --cert ${certPath} --key ${keyPath}: ${detail}; give a PEM certificate and its matching private key (e.g. from "mkcert <your-lan-ip> localhost")`,
    );
  }
}

export function describeCertificate(
  certPem: string,
  paths: { certPath: string; keyPath: string },
  source: CertificateInfo['source'],
): CertificateInfo {
  const x509 = new X509Certificate(certPem);
  return {
    ...paths,
    names: parseSubjectAltNames(x509.subjectAltName ?? ''),
    validFrom: new Date(x509.validFrom),
    validTo: new Date(x509.validTo),
    fingerprint256: x509.fingerprint256,
    source,
  };
}

export async function readCertificate(certPath: string, keyPath: string, source: CertificateInfo['source']): Promise<Certificate> {
  const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new Error(`${certPath} is not a PEM certificate`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new Error(`${keyPath} is not a PEM private key (or it is encrypted)`);
  }
  if (!x509.checkPrivateKey(privateKey)) throw new Error(`${keyPath} is not the key of ${certPath}`);
  return { credentials: { cert, key }, info: describeCertificate(cert, { certPath, keyPath }, source) };
}

async function generateCertificate(names: string[], now: Date): Promise<TlsCredentials> {
  // Loaded only when a certificate is made: selfsigned pulls in @peculiar/x509 and pkijs, slow
  // to import, which a run with a cached certificate skips.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'webrtc-call (this computer)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    // A day back: a phone whose clock runs a little behind must not see "not valid yet".
    notBeforeDate: new Date(now.getTime() - DAY_MS),
    notAfterDate: new Date(now.getTime() + VALID_DAYS * DAY_MS),
    // iOS and Chrome read names only from subjectAltName and want serverAuth (CN is ignored).
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name })) },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

async function writeCredentials(dir: string, credentials: TlsCredentials): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const paths = cachedCertificatePaths(dir);
  // Write then rename: a start interrupted mid-write must not leave half a key behind.
  const suffix = `.${process.pid}.tmp`;
  await writeFile(paths.keyPath + suffix, credentials.key, { mode: 0o600 });
  await chmod(paths.keyPath + suffix, 0o600);
  await writeFile(paths.certPath + suffix, credentials.cert, { mode: 0o644 });
  await rename(paths.keyPath + suffix, paths.keyPath);
  await rename(paths.certPath + suffix, paths.certPath);
}

/** "DNS:localhost, IP Address:0:0:0:0:0:0:0:1" → ["localhost", "::1"]. */
function parseSubjectAltNames(text: string): string[] {
  return text
    .split(', ')
    .map((entry) => entry.replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean)
    .map(normalizeName);
}

/** One spelling per name so "::1" and "0:0:0:0:0:0:0:1", or "Laptop" and "laptop", compare equal. */
function normalizeName(name: string): string {
  if (isIP(name) === 6) return new URL(`http://[${name}]`).hostname.slice(1, -1);
  return name.toLowerCase();
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

export type TlsOptions = { dir: string } | { certPath: string; keyPath: string };

export interface TlsSetup extends CachedCertificate {
  /** A user certificate that will not satisfy a phone, in words (e.g. it lacks the LAN address). */
  problem?: string;
}

/** The certificate for this run: the user's, or the cached one refreshed for today's addresses. */
export async function prepareTls(
  options: TlsOptions,
  context: { lan: LanAddresses; host?: string; hostname?: string; now?: Date },
): Promise<TlsSetup> {
  const now = context.now ?? new Date();
  const required = prepareTlsNames(options, context);
  if ('certPath' in options) {
    const certificate = await loadUserCertificate(options.certPath, options.keyPath);
    const problem = certificateProblem(certificate.info, required, now);
    return problem ? { ...certificate, problem: `your certificate (--cert) will not satisfy phones: ${describeCertificateProblem(problem)}` } : certificate;
  }
  return loadOrCreateCertificate({ dir: options.dir, required, now });
}

/**
 * The names this run needs: the advertised addresses, and for the generated certificate also
 * localhost and the hostname (a user's mkcert certificate need not name those).
 */
export function prepareTlsNames(options: TlsOptions, context: { lan: LanAddresses; host?: string; hostname?: string }): string[] {
  const advertised = context.host && !['0.0.0.0', '::', ''].includes(context.host)
    ? [context.host]
    : context.lan.usable.map(({ address }) => address);
  if ('certPath' in options) return advertised;
  return requiredNames({ hostname: context.hostname ?? hostname(), addresses: advertised });
}
