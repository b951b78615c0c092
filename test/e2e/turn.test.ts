/**
 * Calls where peer-to-peer is blocked, through a real TURN server (Debian's coturn). Two phones
 * reach the laptop over their own links but not each other, as on a guest Wi-Fi with client
 * isolation; the laptop runs the real `webrtc-call start` and `turnserver`. And on a normal LAN,
 * `--relay-only` sends the call through the relay too.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devices, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRemoteVideo, openCallPage, type CallPage } from '../helpers/browser.js';
import { runCli, type RunningCli } from '../helpers/cli.js';
import { startCoturn, type Coturn } from '../helpers/coturn.js';
import { createIsolatedPhones, LAPTOP_A, LAPTOP_B, type IsolatedPhones } from '../helpers/isolated-phones.js';
import { createSimulatedLan, LAPTOP_ADDRESS, type SimulatedLan } from '../helpers/simulated-lan.js';
import { waitFor } from '../helpers/wait.js';

const SECRET = 'turn-e2e-static-auth-secret';
const PHONE = { ...devices['Pixel 7'], ignoreHTTPSErrors: true };
const PORT = 3000;
const ROOM = 'relay-test';

/** The candidate types of the pair that carries the call, from the page's standard getStats(). */
function selectedPair(page: Page): Promise<{ local?: string; remote?: string; url?: string } | undefined> {
  return page.evaluate(async () => {
    const pc = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.at(-1);
    if (!pc) return undefined;
    const stats = await pc.getStats();
    let found: { local?: string; remote?: string; url?: string } | undefined;
    stats.forEach((report: { type: string; state?: string; nominated?: boolean; localCandidateId?: string; remoteCandidateId?: string }) => {
      if (report.type !== 'candidate-pair' || report.state !== 'succeeded' || !report.nominated) return;
      const local = stats.get(report.localCandidateId ?? '') as { candidateType?: string; url?: string } | undefined;
      const remote = stats.get(report.remoteCandidateId ?? '') as { candidateType?: string } | undefined;
      found = { local: local?.candidateType, remote: remote?.candidateType, url: local?.url };
    });
    return found;
  });
}

interface StatsRecord {
  type: string;
  path?: { local: { type: string; url?: string }; remote: { type: string } };
}

async function statsRecords(logFile: string): Promise<StatsRecord[]> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as StatsRecord).filter((r) => r.type === 'stats' && r.path);
}

/** Pages, browsers and CLI runs a test opened, closed newest first; then the relay and the namespaces go. */
async function closeAll(open: Array<{ close(): Promise<unknown> }>, last: () => Promise<void>): Promise<void> {
  try {
    for (const thing of open.splice(0).reverse()) await thing.close().catch(() => undefined);
  } finally {
    await last();
  }
}

const problem = (page: Page) => page.locator('#problem').innerText().catch(() => '');

describe('phones that cannot reach each other call through a TURN relay', { timeout: 240_000 }, () => {
  let net: IsolatedPhones;
  let coturn: Coturn;
  let browserA: Browser;
  let browserB: Browser;
  const open: Array<{ close(): Promise<unknown> }> = [];

  beforeAll(async () => {
    net = await createIsolatedPhones();
    coturn = await startCoturn({ namespace: net.laptop, address: LAPTOP_A, secret: SECRET, scratch: net.scratch });
    [browserA, browserB] = await Promise.all([net.launchBrowser(net.phoneA), net.launchBrowser(net.phoneB)]);
    open.push(browserA, browserB);
  }, 120_000);

  afterAll(() => closeAll(open, async () => {
    await coturn?.stop();
    await net?.remove();
  }), 60_000);

  /** One call per test, hung up (pages closed, start stopped) even when the test fails, so the next finds the port free. */
  async function withCall(args: string[], logName: string, test: (call: { cli: RunningCli; logFile: string; a: CallPage; b: CallPage }) => Promise<void>): Promise<void> {
    const logFile = join(net.scratch, `${logName}.ndjson`);
    const cli = runCli(['start', '--no-open', '--port', String(PORT), '--room', ROOM, '--log-file', logFile, ...args], { WEBRTC_CALL_DATA_DIR: net.scratch }, { namespace: net.laptop });
    const pages: CallPage[] = [];
    try {
      await cli.waitForOutput(/Press Ctrl\+C/, 60_000);
      pages.push(await openCallPage(browserA, `https://${LAPTOP_A}:${PORT}/r/${ROOM}`, { device: PHONE }));
      pages.push(await openCallPage(browserB, `https://${LAPTOP_B}:${PORT}/r/${ROOM}`, { device: PHONE }));
      const [a, b] = pages as [CallPage, CallPage];
      await test({ cli, logFile, a, b });
    } finally {
      for (const page of pages) await page.close().catch(() => undefined);
      await cli.stop();
    }
  }

  it('without an ICE server the call cannot connect, and the diagnosis says a TURN relay would help', async () => {
    await withCall(['--diagnose-after', '3'], 'no-relay', async ({ cli, a, b }) => {
      for (const page of [a.page, b.page]) {
        await waitFor('the page to show the diagnosis', async () => /a TURN relay would help: `webrtc-call start --ice-server turn:HOST:3478 --turn-secret/.test(await problem(page)), { timeoutMs: 60_000 });
      }
      await waitFor('the diagnosis in the terminal', () => /diagnosis.*different networks[\s\S]*--ice-server turn:HOST:3478/.test(cli.stdout()), { timeoutMs: 10_000 });
      expect(await selectedPair(a.page)).toBeUndefined();
    });
  });

  it('with --ice-server turn: and --turn-secret it connects through the relay: video both ways, path relay in the terminal and --json', async () => {
    await withCall(['--ice-server', `${coturn.url}?transport=udp`, '--turn-secret', SECRET], 'relay', async ({ cli, logFile, a, b }) => {
      try {
        await Promise.all([expectRemoteVideo(a.page, 'phone A', 60_000), expectRemoteVideo(b.page, 'phone B', 60_000)]);
      } catch (error) {
        throw new Error(`${(error as Error).message}\nterminal:\n${cli.stdout()}\ncoturn:\n${(await coturn.log()).slice(-3000)}`);
      }
      for (const page of [a.page, b.page]) {
        const pair = await selectedPair(page);
        expect([pair?.local, pair?.remote]).toContain('relay');
      }
      await waitFor('the relay path in the terminal', () => /path\s+.*relay udp/.test(cli.stdout()), { timeoutMs: 20_000 });
      expect(cli.stdout()).toMatch(/path\s+relay udp via turn:192\.168\.78\.1:3478\?transport=udp|path\s+.*⇄ relay udp 192\.168\.78\.1:/);
      const records = await waitFor('stats with a path in --log-file', async () => {
        const found = await statsRecords(logFile);
        return found.length >= 2 ? found : undefined;
      }, { timeoutMs: 20_000 });
      expect(records.every((r) => r.path?.local.type === 'relay' || r.path?.remote.type === 'relay')).toBe(true);
      expect(cli.stdout() + cli.stderr() + (await readFile(logFile, 'utf8'))).not.toContain(SECRET);
    });
  });

  it('with a wrong secret the relay refuses the pages, and the terminal and both pages say the relay failed', async () => {
    await withCall(['--ice-server', coturn.url, '--turn-secret', 'not-the-secret', '--diagnose-after', '3'], 'wrong-secret', async ({ cli, a, b }) => {
      for (const page of [a.page, b.page]) {
        await waitFor('the page to say the relay gave no address', async () => /TURN server is configured \(turn:192\.168\.78\.1:3478\) but the .* got no relay address from it/.test(await problem(page)), { timeoutMs: 60_000 });
      }
      expect(cli.stdout()).toMatch(/diagnosis.*TURN server is configured.*no relay address[\s\S]*secret matches/);
      // and, from start-up on, that the relay refused the credentials
      expect(cli.stdout()).toContain('TURN turn:192.168.78.1:3478 refused the credentials (401 Unauthorized, realm "webrtc-call.test")');
    });
  });
});

describe('--relay-only on a normal LAN', { timeout: 240_000 }, () => {
  let lan: SimulatedLan;
  let coturn: Coturn;
  let laptopBrowser: Browser;
  let phoneBrowser: Browser;
  const open: Array<{ close(): Promise<unknown> }> = [];
  let scratch: string | undefined;

  beforeAll(async () => {
    lan = await createSimulatedLan();
    scratch = await mkdtemp(join(tmpdir(), 'webrtc-call-turn-lan-'));
    coturn = await startCoturn({ namespace: lan.laptop, address: LAPTOP_ADDRESS, secret: SECRET, scratch });
    [laptopBrowser, phoneBrowser] = await Promise.all([lan.launchBrowser(lan.laptop), lan.launchBrowser(lan.phone)]);
    open.push(laptopBrowser, phoneBrowser);
  }, 120_000);

  afterAll(() => closeAll(open, async () => {
    await coturn?.stop();
    await lan?.remove();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }), 60_000);

  it('both sides send through the relay although they could reach each other, and the terminal says so', async () => {
    const cli = runCli(['start', '--no-open', '--port', String(PORT), '--room', ROOM, '--json', '--ice-server', coturn.url, '--turn-secret', SECRET, '--relay-only'], { WEBRTC_CALL_DATA_DIR: scratch }, { namespace: lan.laptop });
    open.push({ close: () => cli.stop() });
    await cli.waitForOutput(/"type":"ready"/, 60_000);
    await cli.waitForStderr(`ICE servers: ${coturn.url}; TURN credentials minted per page; relay only`);
    const laptop = await openCallPage(laptopBrowser, `http://localhost:${PORT}/r/${ROOM}`);
    open.push(laptop);
    const phone = await openCallPage(phoneBrowser, `https://${LAPTOP_ADDRESS}:${PORT}/r/${ROOM}`, { device: PHONE });
    open.push(phone);
    await Promise.all([expectRemoteVideo(laptop.page, 'laptop', 60_000), expectRemoteVideo(phone.page, 'phone', 60_000)]);
    for (const page of [laptop.page, phone.page]) {
      expect(await selectedPair(page)).toEqual({ local: 'relay', remote: 'relay', url: expect.stringMatching(/^turn:192\.168\.77\.1:3478/) });
    }
    const stats = await waitFor('both pages to report their relayed path in --json', () => {
      const found = cli.records().filter((r) => r.type === 'stats' && (r as unknown as StatsRecord).path) as unknown as StatsRecord[];
      return found.length >= 2 ? found : undefined;
    }, { timeoutMs: 20_000 });
    for (const record of stats) expect(record.path).toMatchObject({ local: { type: 'relay', url: expect.stringMatching(/^turn:192\.168\.77\.1:3478/) }, remote: { type: 'relay' } });
  });
});
