/**
 * The start command's certificate flags as a person meets them in the terminal.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type RunningCli } from '../helpers/cli.js';

const running: RunningCli[] = [];
const start = (args: string[]) => {
  const run = runCli(['start', '--no-open', '--host', '127.0.0.1', '--port', '0', ...args]);
  running.push(run);
  return run;
};
/** oclif wraps messages at 80 columns; read them back as the sentences they are. */
const sentence = (text: string) => text.replace(/\n? › {3}/g, ' ').replace(/\s+/g, ' ');

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop('SIGKILL')));
});

describe('start with certificate flags', () => {
  it('an unreadable --cert stops with one clear sentence and exit 1, leaving nothing running', async () => {
    const missing = join(process.env.WEBRTC_CALL_DATA_DIR ?? '/nonexistent', 'mine.pem');
    const run = start(['--cert', missing, '--key', missing]);
    expect(await run.exited).toBe(1);
    expect(run.stdout()).not.toContain('Press Ctrl+C');
    expect(sentence(run.stderr())).toContain(
      `cannot use --cert ${missing} --key ${missing}: file not found; give a PEM certificate and its matching private key`,
    );
    expect(run.stderr()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('--cert without --key is refused by the flag parser', async () => {
    const run = start(['--cert', 'a.pem']);
    expect(await run.exited).not.toBe(0);
    expect(run.stderr()).toMatch(/--key/);
  });

  it('--no-https serves plain http and warns that phones will get no camera', async () => {
    const run = start(['--no-https']);
    await run.waitForOutput(/Press Ctrl\+C/);
    expect(sentence(run.stderr())).toMatch(/HTTPS is off \(--no-https\): phones can open the page but their browsers will give it no camera/);
    expect(run.stdout()).toMatch(/Local: {3}http:\/\/localhost:\d+\/r\//);
    expect(await run.stop('SIGINT')).toBe(0);
  });
});
