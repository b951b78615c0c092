/**
 * The --[no-]https, --cert and --key flags shared by `start` and `doctor`, and what `start`
 * says about the certificate it used.
 */
import { join } from 'node:path';
import { Flags } from '@oclif/core';
import type { Regeneration, TlsOptions, TlsSetup } from '../server/index.js';

export const httpsFlags = {
  https: Flags.boolean({
    description: 'serve the Network URLs over https: phones need it for the camera',
    default: true,
    allowNo: true,
  }),
  cert: Flags.string({ description: 'your own certificate (PEM, e.g. made by mkcert) instead of the generated one', dependsOn: ['key'] }),
  key: Flags.string({ description: 'the private key (PEM) of --cert', dependsOn: ['cert'] }),
};

/** Where the generated certificate is cached: oclif's per-user data dir (~/.local/share/webrtc-call on Linux). */
export function certificateDir(dataDir: string): string {
  return join(dataDir, 'tls');
}

export function tlsOptionsFromFlags(flags: { https: boolean; cert?: string; key?: string }, dataDir: string): TlsOptions | undefined {
  if (!flags.https) return undefined;
  if (flags.cert !== undefined && flags.key !== undefined) return { certPath: flags.cert, keyPath: flags.key };
  return { dir: certificateDir(dataDir) };
}

export interface TlsNote {
  level: 'warn' | 'info';
  text: string;
}

export function formatTlsNotes(tls: TlsSetup | undefined, httpsOn: boolean): TlsNote[] {
  if (!httpsOn) {
    return [{ level: 'warn', text: 'HTTPS is off (--no-https): phones can open the page but their browsers will give it no camera or microphone.' }];
  }
  if (!tls) return [];
  if (tls.problem) return [{ level: 'warn', text: tls.problem }];
  if (tls.regenerated === undefined) return [];
  return [{
    level: 'info',
    text: `${madeCertificate(tls.regenerated)}: ${tls.info.certPath}\n` +
      'A phone asks once to accept it: tap "Advanced" → "Proceed" (Android) or "Show Details" → "visit this website" (iPhone).',
  }];
}

/** The sentence is about the new certificate; the reason is about the cached one it replaced. */
function madeCertificate(regenerated: Regeneration): string {
  switch (regenerated.kind) {
    case 'first':
      return 'Made an HTTPS certificate for this computer';
    case 'unreadable':
      return 'Made a new HTTPS certificate (the cached one could not be read)';
    case 'uncovered':
      return `Made a new HTTPS certificate (the cached one did not cover ${regenerated.names.join(', ')})`;
    case 'not-yet-valid':
      return 'Made a new HTTPS certificate (the cached one was not valid yet: was the clock changed?)';
    case 'expired':
      return 'Made a new HTTPS certificate (the cached one had expired)';
    case 'expiring':
      return `Made a new HTTPS certificate (the cached one would have expired in ${regenerated.daysLeft} days)`;
  }
}
