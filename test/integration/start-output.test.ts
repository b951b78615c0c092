import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, START_ON_LOOPBACK } from '../helpers/cli.js';
import { connectPeer } from '../helpers/peer-client.js';

const runStart = (args: string[]) => runCli([...START_ON_LOOPBACK, ...args]);

describe('start output modes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webrtc-call-start-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--quiet prints the URLs, errors and browsers that cannot call only', async () => {
    const cli = runStart(['--quiet', '--room', 'q']);
    try {
      const [, local = ''] = await cli.waitForOutput(/Local:\s+(http:\/\/[^/\s]+)/);
      const origin = local.replace('localhost', '127.0.0.1');
      const a = await connectPeer(origin);
      const b = await connectPeer(origin);
      const c = await connectPeer(origin);
      const visitor = await connectPeer(origin);
      await a.join('q');
      await b.join('q');
      await c.join('q');
      await visitor.join('q', undefined, { unsupported: ['RTCPeerConnection'] });
      await cli.waitForOutput(/room full/);
      await cli.waitForOutput(/unsupported/);
      for (const peer of [a, b, c, visitor]) peer.close();
      expect(await cli.stop()).toBe(0);
      const out = cli.stdout();
      expect(out).toMatch(/room full\s+this call is full/);
      expect(out).toMatch(/unsupported\s+this browser cannot call: no WebRTC \(RTCPeerConnection\)/);
      expect(out).not.toMatch(/ join | leave |Press Ctrl\+C|Stopping/);
    } finally {
      await cli.stop('SIGKILL');
    }
  });

  it('--json keeps stdout pure NDJSON; notices go to stderr', async () => {
    const cli = runStart(['--json']);
    try {
      await cli.waitForOutput(/\n/);
      expect(await cli.stop()).toBe(0);
      expect(cli.records().map((r) => r.type)).toEqual(['ready', 'closed']);
      expect(cli.stdout()).toMatch(/^\{"v":1,"type":"ready","at":\d+,"time":"[^"]+","room":"[\w-]+","urls":\{"local":\["http:\/\/localhost:\d+\/r\/[\w-]+"\],"network":\[\]\}\}\n/);
    } finally {
      await cli.stop('SIGKILL');
    }
  });

  it('refuses a --log-file it cannot write, before starting anything', async () => {
    const notAFolder = join(dir, 'file');
    await writeFile(notAFolder, '');
    const cli = runStart(['--log-file', join(notAFolder, 'call.ndjson')]);
    expect(await cli.exited).toBe(1);
    // oclif wraps long errors over several " ›   " lines
    expect(cli.stderr().replace(/\s*\n ›\s*/g, ' ')).toMatch(/cannot write the log file .*; give --log-file a path in a writable folder/);
    expect(cli.stdout()).not.toContain('Local:');
  });

  it('refuses --json with --quiet', async () => {
    const cli = runStart(['--json', '--quiet']);
    expect(await cli.exited).not.toBe(0);
    expect(cli.stderr()).toMatch(/--quiet.*cannot also be provided when using --json|--json.*--quiet/);
  });
});
