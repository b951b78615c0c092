/**
 * A virtual X display (Debian's Xvfb, package xvfb) for a browser that needs a screen. Xvfb picks
 * a free display number itself (-displayfd) and, stopped with SIGTERM, removes its lock file and
 * socket, which a killed xvfb-run would leave behind in /tmp.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';

export const XVFB_PATH = '/usr/bin/Xvfb';

export interface VirtualDisplay {
  /** For DISPLAY, e.g. ":99". */
  display: string;
  stop(): void;
}

/** A 1280×1024 screen, reachable only through its socket in /tmp/.X11-unix (no TCP). */
export async function startVirtualDisplay(): Promise<VirtualDisplay> {
  if (!existsSync(XVFB_PATH)) throw new Error(`this test needs ${XVFB_PATH} for a screen: install it with "apt-get install -y xvfb" (as root; .ci/run does this)`);
  const xvfb = spawn(XVFB_PATH, ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x1024x24'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const stop = () => void xvfb.kill('SIGTERM');
  let errors = '';
  xvfb.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  try {
    const number = await new Promise<string>((resolve, reject) => {
      let written = '';
      (xvfb.stdio[3] as Readable).on('data', (chunk: Buffer) => {
        written += chunk.toString();
        if (written.includes('\n')) resolve(written.trim());
      });
      xvfb.on('error', reject);
      xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it had a display: ${errors.trim()}`)));
    });
    return { display: `:${number}`, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
