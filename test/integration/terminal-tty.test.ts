import { execFileSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CallStats } from '../../src/shared/protocol.js';
import { runCliOnTerminal, START_ON_LOOPBACK } from '../helpers/cli.js';
import { connectPeer, type TestPeer } from '../helpers/peer-client.js';

const stats: CallStats = {
  path: { local: { type: 'host', protocol: 'udp', address: '127.0.0.1', port: 50000 }, remote: { type: 'host', protocol: 'udp', address: '127.0.0.1', port: 50002 }, rttMs: 3 },
  audio: { inKbps: 32, outKbps: 31, codecIn: 'opus', codecOut: 'opus', packetsReceived: 500, packetsLost: 0 },
  video: { inKbps: 1450, outKbps: 1500, codecIn: 'VP8', codecOut: 'VP8', packetsReceived: 4000, packetsLost: 2, width: 1280, height: 720, fps: 30 },
};


describe('the terminal view on a TTY', () => {
  it('has script(1) to make a pseudo-terminal', () => {
    expect(execFileSync('script', ['--version'], { encoding: 'utf8' })).toMatch(/util-linux/);
  });

  it('shows the key hint and a live status line, and quits on q', async () => {
    const cli = runCliOnTerminal([...START_ON_LOOPBACK, '--room', 'tty']);
    const peers: TestPeer[] = [];
    try {
      await cli.waitForOutput(/q quit/);
      expect(cli.stdout()).toContain('o open the browser again · c print the invite link · q quit');
      await cli.waitForOutput(/waiting for the first person/);
      const [, local = ''] = await cli.waitForOutput(/Local:\s+(http:\/\/[^/\s]+)/);
      const origin = local.replace('localhost', '127.0.0.1');

      const a = await connectPeer(origin);
      const b = await connectPeer(origin);
      peers.push(a, b);
      const joinedA = await a.join('tty');
      const joinedB = await b.join('tty');
      if (!joinedA.ok || !joinedB.ok) throw new Error('join failed');
      a.socket.emit('report', { kind: 'state', about: joinedB.peerId, connection: 'connected', ice: 'connected' });
      a.socket.emit('report', { kind: 'stats', about: joinedB.peerId, stats });
      await cli.waitForOutput(/in call \d+ s · peer ⇄ peer 2 · host\/udp RTT 3\.0 ms · peer ↓1\.5 Mb\/s 1280×720@30 lost 2/);

      cli.child.stdin.write('c');
      await cli.waitForOutput(/invite link: http:\/\/localhost:\d+\/r\/tty/);
      cli.child.stdin.write('q');
      expect(await cli.exited).toBe(0);
      expect(cli.stdout()).toContain('Stopping: ending the call for everyone');
      expect(stripVTControlCharacters(cli.stdout())).toMatch(/summary\s+call lasted \d+ s · average ↓ 1\.5 Mb\/s per person · worst RTT 3\.0 ms · lost 2 of 4502 packets/);
      // A TTY gets colour; a pipe (the other tests) never does.
      expect(cli.stdout()).toMatch(/\u001b\[3\dm/);
    } finally {
      for (const peer of peers) peer.close();
      await cli.stop('SIGKILL');
    }
  });

  it('uses no colour on a TTY when NO_COLOR is set', async () => {
    const cli = runCliOnTerminal(START_ON_LOOPBACK, { NO_COLOR: '1' });
    try {
      await cli.waitForOutput(/waiting for the first person/);
      cli.child.stdin.write('q');
      expect(await cli.exited).toBe(0);
      expect(cli.stdout()).not.toMatch(/\u001b\[\d+m/);
    } finally {
      await cli.stop('SIGKILL');
    }
  });
});
