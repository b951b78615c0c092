/**
 * Debian's coturn (`turnserver`), started by a test inside one of its namespaces with a shared
 * secret (use-auth-secret, as `start --turn-secret` expects), and stopped by `stop()`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { waitFor } from './wait.js';

export const TURN_PORT = 3478;
export const TURN_REALM = 'webrtc-call.test';

export interface Coturn {
  url: string;
  /** coturn's own log: read it in a failure message. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * `namespace`: run inside it (`ip netns exec`); without one, on this machine's loopback, where
 * `port` should be a free one of the test's choosing (other runs may hold 3478).
 */
export async function startCoturn(options: {
  namespace?: string;
  address: string;
  port?: number;
  secret: string;
  scratch: string;
  /** Relay to 127.x peers too: a call on loopback (the bench's namespace) has no other address. */
  allowLoopbackPeers?: boolean;
}): Promise<Coturn> {
  const port = options.port ?? TURN_PORT;
  const logFile = join(options.scratch, 'turnserver.log');
  const inNamespace = options.namespace ? ['ip', 'netns', 'exec', options.namespace] : [];
  const [command = 'turnserver', ...args] = [
    ...inNamespace, 'turnserver', '-n',
    '--listening-ip', options.address, '--relay-ip', options.address, '--listening-port', String(port),
    // Relay ports just above the listening port: runs with different ports never share any.
    '--min-port', String(port + 1), '--max-port', String(port + 40),
    '--use-auth-secret', '--static-auth-secret', options.secret, '--realm', TURN_REALM,
    '--no-cli', '--no-tls', '--no-dtls', '--no-tcp-relay', '--no-multicast-peers',
    '--log-file', logFile, '--simple-log', '--no-stdout-log',
    '--pidfile', join(options.scratch, 'turnserver.pid'),
    ...(options.allowLoopbackPeers ? ['--allow-loopback-peers'] : []),
  ];
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const log = () => readFile(logFile, 'utf8').catch(() => '');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitFor('coturn to listen', () => {
      if (child.exitCode !== null) throw new Error(`turnserver exited with ${child.exitCode}: ${stderr}`);
      return listensOnUdp(inNamespace, port);
    }, { timeoutMs: 15_000 });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${await log()}`);
  }
  return { url: `turn:${options.address}:${port}`, log, stop };
}

function listensOnUdp(inNamespace: string[], port: number): boolean {
  const [command = 'ss', ...args] = [...inNamespace, 'ss', '-Hlun', `sport = :${port}`];
  const out = execFileSync(command, args, { encoding: 'utf8' });
  return out.trim() !== '';
}
