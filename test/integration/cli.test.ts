import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type RunningCli } from '../helpers/cli.js';
import { connectPeer } from '../helpers/peer-client.js';

const running: RunningCli[] = [];
const start = (args: string[]) => {
  const cli = runCli(['start', '--host', '127.0.0.1', '--no-open', ...args]);
  running.push(cli);
  return cli;
};
afterEach(async () => {
  await Promise.all(running.splice(0).map((cli) => cli.stop('SIGKILL')));
});

async function listeningUrl(cli: RunningCli): Promise<{ origin: string; room: string }> {
  const [, origin, room] = await cli.waitForOutput(/(http:\/\/localhost:\d+)\/r\/([A-Za-z0-9_-]+)/);
  if (!origin || !room) throw new Error('no URL printed');
  return { origin: origin.replace('localhost', '127.0.0.1'), room };
}

describe('webrtc-call start', () => {
  it('on SIGTERM tells every page the host ended the call and exits 0', async () => {
    const cli = start(['--port', '0']);
    const { origin, room } = await listeningUrl(cli);
    const page = await connectPeer(origin);
    expect((await page.join(room)).ok).toBe(true);
    const stoppedAt = Date.now();
    cli.child.kill('SIGTERM');
    expect(await page.next('ended')).toEqual({ message: 'the host ended the call' });
    const code = await cli.exited;
    console.log(`start exited ${Date.now() - stoppedAt} ms after SIGTERM`);
    expect(code).toBe(0);
    expect(cli.stdout()).toMatch(/ending the call for everyone/);
  });

  it('stops with exactly one line and exit code 1 when the port is taken; the stack only with --debug', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const cli = start(['--port', String(port)]);
      expect(await cli.exited).toBe(1);
      expect(cli.stderr().trim().split('\n')).toEqual([`webrtc-call: port ${port} is busy; stop whatever is using it or choose another with --port`]);

      const debug = start(['--port', String(port), '--debug']);
      expect(await debug.exited).toBe(1);
      expect(debug.stderr()).toMatch(/\n\s+at /); // the stack, because it was asked for
    } finally {
      blocker.close();
    }
  });

  it('passes --pin and --open-rooms to the server', async () => {
    const cli = start(['--port', '0', '--pin', '2468', '--open-rooms']);
    const { origin } = await listeningUrl(cli);
    expect(cli.stdout()).toMatch(/PIN required/);
    const page = await connectPeer(origin);
    try {
      expect(await page.join('any-room')).toMatchObject({ ok: false, reason: 'pin-required' });
      expect((await page.join('any-room', undefined, { pin: '2468' })).ok).toBe(true);
    } finally {
      page.close();
    }
  });
});
