/**
 * The start command's certificate flags as a person meets them in the terminal.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

function runStart(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/run.js', 'start', '--no-open', '--host', '127.0.0.1', '--port', '0', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let stopping = false;
    // oclif wraps and colours messages for the terminal; read them back as plain sentences.
    const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '').replace(/\n? ›   /g, ' ').replace(/ +/g, ' ');
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      // Once it serves, ask it to stop the way Ctrl+C does.
      if (stdout.includes('Press Ctrl+C') && !stopping) {
        stopping = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('exit', (code) => resolve({ code, stdout, stderr: plain(stderr) }));
  });
}

describe('start with certificate flags', () => {
  let dataHome: string;
  beforeAll(async () => {
    dataHome = await mkdtemp(join(tmpdir(), 'webrtc-call-cli-'));
  });
  afterAll(async () => {
    await rm(dataHome, { recursive: true, force: true });
  });

  it('an unreadable --cert stops with one clear line and exit 1, leaving nothing running', async () => {
    const missing = join(dataHome, 'mine.pem');
    const result = await runStart(['--cert', missing, '--key', missing], { XDG_DATA_HOME: dataHome });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('Press Ctrl+C');
    expect(result.stderr).toContain(`cannot use --cert ${missing} --key ${missing}: file not found`);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('--cert without --key is refused by the flag parser', async () => {
    const result = await runStart(['--cert', 'a.pem'], { XDG_DATA_HOME: dataHome });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--key/);
  });

  it('--no-https serves plain http and warns that phones will get no camera', async () => {
    const result = await runStart(['--no-https'], { XDG_DATA_HOME: dataHome });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/HTTPS is off \(--no-https\): phones can open the page but their browsers will give it no camera/);
    expect(result.stdout).toMatch(/Local: {3}http:\/\/localhost:\d+\/r\//);
  });
});
