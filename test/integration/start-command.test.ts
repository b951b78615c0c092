import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type RunningCli } from '../helpers/cli.js';

const running: RunningCli[] = [];
const blockers: Server[] = [];
const cli = (args: string[]) => {
  const run = runCli(args);
  running.push(run);
  return run;
};
const occupy = (port: number) =>
  new Promise<void>((resolve, reject) => {
    const server = createServer();
    blockers.push(server);
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop('SIGKILL')));
  await Promise.all(blockers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('webrtc-call start', () => {
  it('prints the Local URL of the room and serves the call page there', async () => {
    const run = cli(['start', '--host', '127.0.0.1', '--port', '0', '--room', 'standup', '--no-open']);
    const [, url] = await run.waitForOutput(/Local:\s+(http:\/\/\S+)/);
    expect(url).toMatch(/^http:\/\/localhost:\d+\/r\/standup$/);
    const page = await fetch(url!.replace('localhost', '127.0.0.1'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/assets/main.js');
  });

  it('moves to the next port when the default one is busy, and says so', async () => {
    // The suite runs in its own network namespace, so port 3000 here is ours alone.
    await occupy(3000);
    const run = cli(['start', '--host', '127.0.0.1', '--no-open']);
    await run.waitForOutput(/port 3000 is busy, using 3001/);
    await run.waitForOutput(/Local:\s+http:\/\/localhost:3001\/r\/[A-Za-z0-9_-]{22}/);
  });

  it.each([
    { given: ['--port', '3005'], port: 3005 },
    { given: ['-p', '3006'], port: 3006 },
    { given: ['--port=3007'], port: 3007 },
    { given: ['-p3009'], port: 3009 },
  ])('stops with a clear message when a port given as $given is busy', async ({ given, port }) => {
    await occupy(port);
    const run = cli(['start', '--host', '127.0.0.1', ...given, '--no-open']);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain(`port ${port} is busy`);
    expect(run.stdout()).not.toContain(`using ${port + 1}`);
    expect(run.stderr()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it.each([
    { given: [], status: 'warn' },
    { given: ['-p', '3000'], status: 'fail' },
    { given: ['--port', '3000'], status: 'fail' },
  ])('doctor $given with port 3000 busy: $status (only a port asked for must be free)', async ({ given, status }) => {
    await occupy(3000);
    const run = cli(['doctor', '--host', '127.0.0.1', '--no-https', '--json', ...given]);
    await run.exited;
    expect(JSON.parse(run.stdout())).toMatchObject({ port: { port: 3000, free: false, status } });
  });

  it('refuses a room name that could not be in a URL', async () => {
    const run = cli(['start', '--room', 'no spaces', '--no-open']);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('a room name is 1-64 letters, digits, "-" or "_"');
  });

  it('logs each signaling event with room and peer, and stops cleanly on Ctrl+C', async () => {
    const run = cli(['start', '--host', '127.0.0.1', '--port', '0', '--room', 'log', '--no-open']);
    const [, port] = await run.waitForOutput(/localhost:(\d+)/);
    const { connectPeer } = await import('../helpers/peer-client.js');
    const a = await connectPeer(`http://127.0.0.1:${port}`);
    try {
      const joined = await a.join('log');
      if (!joined.ok) throw new Error(joined.message);
      await run.waitForOutput(new RegExp(`log\\s+\\S+\\s+join\\s+.*peer ${joined.peerId}`));
    } finally {
      a.close();
    }
    await run.waitForOutput(/log\s+\S+\s+leave\s+/);
    expect(await run.stop('SIGINT')).toBe(0);
  });
});
