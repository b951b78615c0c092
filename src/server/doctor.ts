/**
 * `webrtc-call doctor`: what stands between this machine and a phone joining a call. Each
 * check is data (status, one-line summary, the fix when it fails) so the pretty printer and
 * --json show the same facts.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import type { IceServer } from '../shared/protocol.js';
import { checkIceServerList, type IceServerCheck } from './ice-check.js';
import { buildServerUrls, findLanAddresses, findMisleadingAdapters, type InterfaceList, type LanAddress, type LanAddresses, type MisleadingAdapter, type SkippedAddress } from './network.js';
import { cachedCertificatePaths, certificateProblem, describeCertificateProblem, loadUserCertificate, prepareTlsNames, readCertificate, type CertificateInfo, type TlsOptions } from './tls.js';

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface Check {
  status: CheckStatus;
  summary: string;
  /** What to do about it; set whenever status is not "pass". */
  fix?: string;
}

export interface DoctorReport {
  ok: boolean;
  node: Check & { version: string; required: string };
  network: Check & { inviteUrl: string | null; usable: LanAddress[]; skipped: SkippedAddress[]; misleading: MisleadingAdapter[] };
  port: Check & { port: number; free: boolean };
  certificate: Check & { https: boolean; certificate: (Omit<CertificateInfo, 'validFrom' | 'validTo'> & { validFrom: string; validTo: string }) | null };
  browser: Check & { canOpen: boolean };
  /** Only with `doctor --ice-server`: whether each STUN/TURN server answers as the pages need. */
  ice?: Check & { servers: IceServerCheck[] };
}

export interface DoctorOptions {
  port: number;
  /** The port was given explicitly, so start would not fall forward to the next one. */
  strictPort: boolean;
  host?: string;
  tls?: TlsOptions;
  interfaces: InterfaceList;
  hostname: string;
  nodeVersion: string;
  canOpenBrowser: boolean;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  now?: Date;
  /** STUN/TURN servers to check, as `start` would hand them to the pages. */
  ice?: { iceServers: IceServer[]; turnSecret?: string };
}


const REQUIRED_NODE_MAJOR = 20;

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const lan = findLanAddresses(options.interfaces);
  const [port, certificate, browser, ice] = await Promise.all([
    checkPort(options),
    checkCertificate(options, lan),
    checkBrowser(options),
    options.ice && options.ice.iceServers.length > 0 ? checkIceServers(options.ice, options.now ?? new Date()) : undefined,
  ]);
  const report = { node: checkNode(options.nodeVersion), network: checkNetwork(options, lan), port, certificate, browser, ...(ice ? { ice } : {}) };
  return { ok: Object.values(report).every((check) => check.status !== 'fail'), ...report };
}

function checkNode(version: string): DoctorReport['node'] {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  const required = `>=${REQUIRED_NODE_MAJOR}`;
  if (major >= REQUIRED_NODE_MAJOR) return { status: 'pass', summary: `${version} (needs ${required})`, version, required };
  return { status: 'fail', summary: `${version} is too old (needs ${required})`, fix: `install Node.js ${REQUIRED_NODE_MAJOR} or newer (https://nodejs.org)`, version, required };
}

function checkNetwork(options: DoctorOptions, lan: LanAddresses): DoctorReport['network'] {
  // The same URL building as start, for any room: only the origin is shown.
  const urls = buildServerUrls({ networkProtocol: options.tls ? 'https' : 'http', host: options.host, port: options.port, room: 'room', lan });
  const inviteUrl = urls.invite ? new URL(urls.invite).origin : null;
  const base = { inviteUrl, usable: lan.usable, skipped: lan.skipped, misleading: findMisleadingAdapters(options.interfaces) };
  if (inviteUrl) {
    const best = lan.usable[0];
    const via = best && inviteUrl.endsWith(`//${best.address}:${options.port}`) ? best.interface : '--host';
    return { status: 'pass', summary: `the QR code will carry ${inviteUrl}/r/<room> (${via})`, ...base };
  }
  if (options.host) {
    return { status: 'fail', summary: `--host ${options.host} keeps the call on this computer`, fix: 'drop --host, or give the Wi-Fi address', ...base };
  }
  return {
    status: 'fail',
    summary: 'no Wi-Fi or Ethernet address: a phone cannot reach this computer',
    fix: 'connect this computer to the same Wi-Fi as the phone (a VPN or Docker address does not count), or give one with --host ADDRESS',
    ...base,
  };
}

function checkPort(options: DoctorOptions): Promise<DoctorReport['port']> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () =>
      resolve({
        port: options.port,
        free: false,
        status: options.strictPort ? 'fail' : 'warn',
        summary: `port ${options.port} is busy${options.strictPort ? '' : '; start would use the next free one'}`,
        fix: `stop what uses port ${options.port}, or choose another with --port`,
      }),
    );
    probe.listen(options.port, options.host, () => {
      probe.close(() => resolve({ port: options.port, free: true, status: 'pass', summary: `port ${options.port} is free` }));
    });
  });
}

async function checkCertificate(options: DoctorOptions, lan: LanAddresses): Promise<DoctorReport['certificate']> {
  if (!options.tls) {
    return {
      status: 'warn',
      https: false,
      certificate: null,
      summary: 'HTTPS is off: phones get no camera or microphone',
      fix: 'drop --no-https',
    };
  }
  const required = prepareTlsNames(options.tls, { lan, host: options.host, hostname: options.hostname });
  const now = options.now ?? new Date();
  if ('certPath' in options.tls) {
    try {
      const { info } = await loadUserCertificate(options.tls.certPath, options.tls.keyPath);
      const problem = certificateProblem(info, required, now);
      return {
        https: true,
        certificate: serialize(info),
        ...(problem
          ? { status: 'warn', summary: `your certificate: ${describeCertificateProblem(problem)}`, fix: 'make one that names this computer\'s LAN address, e.g. "mkcert <lan-ip> localhost"' }
          : { status: 'pass', summary: `your certificate ${info.certPath}` }),
      };
    } catch (error) {
      return { status: 'fail', https: true, certificate: null, summary: 'your certificate cannot be used', fix: error instanceof Error ? error.message : String(error) };
    }
  }
  const paths = cachedCertificatePaths(options.tls.dir);
  try {
    const { info } = await readCertificate(paths.certPath, paths.keyPath, 'generated');
    const problem = certificateProblem(info, required, now);
    return {
      status: 'pass',
      https: true,
      certificate: serialize(info),
      summary: problem ? `${info.certPath}: ${describeCertificateProblem(problem)}, so start will make a new one (phones accept it once more)` : info.certPath,
    };
  } catch {
    return { status: 'pass', https: true, certificate: null, summary: `none yet: start makes one in ${options.tls.dir}` };
  }
}

async function checkBrowser(options: DoctorOptions): Promise<DoctorReport['browser']> {
  if (!options.canOpenBrowser) {
    const why = options.env.CI ? 'CI is set' : 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)';
    return { status: 'warn', canOpen: false, summary: `start will not open a browser: ${why}`, fix: 'open the Local URL that start prints in a browser yourself' };
  }
  if (options.platform === 'linux' && !(await onPath('xdg-open', options.env))) {
    return { status: 'warn', canOpen: false, summary: 'xdg-open is missing, so no browser can be opened', fix: 'install xdg-utils, or open the Local URL yourself' };
  }
  return { status: 'pass', canOpen: true, summary: 'start opens the call in your browser' };
}

async function checkIceServers(ice: NonNullable<DoctorOptions['ice']>, now: Date): Promise<NonNullable<DoctorReport['ice']>> {
  const servers = await checkIceServerList(ice, now);
  const failed = servers.filter((server) => !server.ok);
  const first = failed[0];
  if (!first) return { status: 'pass', summary: servers.length === 1 ? 'the server answers' : `all ${servers.length} servers answer`, servers };
  return {
    status: 'fail',
    summary: `${failed.length} of ${servers.length} ${servers.length === 1 ? 'server does' : 'servers do'} not work: ${first.url} ${first.summary}`,
    fix: first.fix,
    servers,
  };
}

async function onPath(command: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    try {
      await access(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this one
    }
  }
  return false;
}

function serialize(info: CertificateInfo): NonNullable<DoctorReport['certificate']['certificate']> {
  return { ...info, validFrom: info.validFrom.toISOString(), validTo: info.validTo.toISOString() };
}
