/**
 * Scenario 6: how fast a call comes back after what happens to real calls, read from getStats
 * (a standard API) on both pages, in Chromium:
 * - one side reloads → a remote frame decoded again on both sides (10 times, loopback);
 * - the phone's Wi-Fi drops for 5 s (the suite's simulated LAN: two namespaces and a veth) →
 *   video flowing again on both sides after the link returns (5 times);
 * - the server is killed and started again with the same room and port → video again on both.
 * Reported beside the 1:1 call set-up of the same run, so the figures travel between machines.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createServer } from 'node:net';
import { roomPath } from '../../src/shared/protocol.js';
import { launchBrowser } from '../../test/helpers/browser.js';
import { runCli, type RunningCli } from '../../test/helpers/cli.js';
import { createSimulatedLan } from '../../test/helpers/simulated-lan.js';
import { A_WAITS_MS, CALL_TIMEOUT_MS, QUIET_WAIT_MAX_MS } from './call-setup.js';
import { startWorker } from './child.js';
import { waitForQuietCpu } from './quiet-cpu.js';
import { BENCH_HOST, SERVER_WORKER } from './servers.js';
import { percentile, within } from './stats.js';
import type { ServerReady } from '../workers/server.js';

export interface RecoveryFigures {
  runs: number;
  successes: number;
  p50Ms?: number;
  p90Ms?: number;
  failures: string[];
}

export interface RecoveryResult {
  reload?: RecoveryFigures;
  wifiCut?: RecoveryFigures;
  /** Timed from the new server's "Local:" line (it listens), and (`fromKill`) from the crash. */
  serverRestart?: RecoveryFigures & { fromKillP50Ms?: number };
}

/** The outage the issue asks for: the phone's Wi-Fi is down this long. */
export const WIFI_CUT_MS = 5_000;

/**
 * Runs in every page before its scripts. `__benchWatchFrames(mode)` resolves once it has taken
 * its starting point, then reports through a binding the first moment a remote video frame is
 * decoded beyond it: 'new', on a connection made after the call (a reloaded page, a restarted
 * call); 'more', on any connection, old or new (video flowing again after an outage). A page
 * starts watching 'new' by itself, so a reloaded page needs nothing from outside. It also keeps
 * a log of each connection's states, to tell where the time went. A string: see call-setup.ts.
 */
const FRAMES_BINDING = '__benchFramesAgain';
const WATCH_FRAMES = `(() => {
  const Native = window.RTCPeerConnection;
  const connections = [];
  const log = [];
  window.__benchLog = log;
  const note = (index, what) => log.push([Date.now(), 'pc' + index + ' ' + what]);
  window.RTCPeerConnection = class extends Native {
    constructor(config) {
      super(config);
      const index = connections.push(this) - 1;
      note(index, 'created');
      this.addEventListener('connectionstatechange', () => {
        note(index, 'connection ' + this.connectionState);
        const ice = this.getSenders()[0]?.transport?.iceTransport;
        if (this.connectionState !== 'connected' || !ice || ice.__benchWatched) return;
        ice.__benchWatched = true;
        ice.addEventListener('selectedcandidatepairchange', () => {
          const pair = ice.getSelectedCandidatePair();
          note(index, 'path ' + pair?.local?.address + ':' + pair?.local?.port + ' → ' + pair?.remote?.address + ':' + pair?.remote?.port);
        });
      });
      this.addEventListener('iceconnectionstatechange', () => note(index, 'ice ' + this.iceConnectionState));
      this.addEventListener('signalingstatechange', () => note(index, 'signaling ' + this.signalingState));
    }
  };
  // What the page tells its user, in the same log.
  addEventListener('DOMContentLoaded', () => {
    const status = document.getElementById('status');
    if (status) new MutationObserver(() => log.push([Date.now(), 'status "' + status.textContent + '"'])).observe(status, { childList: true, characterData: true, subtree: true });
  });
  let watching;
  const statsNow = async (skip, mode) => {
    const frames = new Map();
    let packets = 0;
    for (const [index, pc] of connections.entries()) {
      if (skip.has(pc) || pc.connectionState === 'closed') continue;
      // No frame is decoded before DTLS is up: a new connection is read only once connected.
      if (mode === 'new' && pc.connectionState !== 'connected') continue;
      (await pc.getStats()).forEach((report) => {
        if (report.type !== 'inbound-rtp' || report.kind !== 'video') return;
        frames.set(index + '/' + report.id, report.framesDecoded ?? 0);
        packets += report.packetsReceived ?? 0;
      });
    }
    return { frames, packets };
  };
  // Both directions' video counters, compact, for the log: where a stalled stream waits.
  const snapshot = async (what) => {
    const parts = [];
    for (const pc of connections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r) => {
        if (r.kind !== 'video') return;
        if (r.type === 'inbound-rtp') parts.push('in pkts ' + r.packetsReceived + ' lost ' + r.packetsLost + ' nack ' + r.nackCount + ' pli ' + r.pliCount + ' fir ' + r.firCount + ' recv ' + r.framesReceived + ' dec ' + r.framesDecoded + ' key ' + r.keyFramesDecoded + ' drop ' + r.framesDropped);
        if (r.type === 'outbound-rtp') parts.push('out enc ' + r.framesEncoded + ' key ' + r.keyFramesEncoded + ' sent ' + r.framesSent + ' nack ' + r.nackCount + ' pli ' + r.pliCount + ' bps ' + Math.round(r.targetBitrate ?? 0) + ' lim ' + r.qualityLimitationReason + ' ' + r.frameWidth + 'x' + r.frameHeight);
      });
    }
    log.push([Date.now(), what + ' {' + parts.join('; ') + '}']);
  };
  window.__benchSnapshot = snapshot;
  window.__benchWatchFrames = async (mode) => {
    clearInterval(watching);
    const skip = new Set(mode === 'new' ? connections : []);
    const start = await statsNow(skip, mode);
    if (mode === 'more') await snapshot('armed');
    log.push([Date.now(), 'watching for ' + mode + ' frames']);
    let busy = false;
    let packetsSeen = false;
    const timer = setInterval(async () => {
      if (busy) return;
      busy = true;
      const now = await statsNow(skip, mode);
      busy = false;
      // Video packets arriving again, before any is decoded: the path is back, the decoder waits.
      if (!packetsSeen && now.packets > start.packets) {
        packetsSeen = true;
        log.push([Date.now(), 'video packets again']);
        if (mode === 'more') {
          void snapshot('at packets');
          for (const delay of [250, 500, 1000, 1500]) setTimeout(() => void snapshot('+' + delay), delay);
        }
      }
      for (const [key, decoded] of now.frames) {
        if (decoded <= (start.frames.get(key) ?? 0) || watching !== timer) continue;
        clearInterval(timer);
        log.push([Date.now(), 'frames again']);
        if (mode === 'more') void snapshot('at frames');
        window.${FRAMES_BINDING}(Date.now());
        return;
      }
    }, 20);
    watching = timer;
  };
  void window.__benchWatchFrames('new');
})();`;

/** Pages whose watcher reports reach the bench: `next(page)` before the event it waits for. */
class FrameReports {
  private readonly waiting = new Map<Page, (at: number) => void>();

  async newPage(context: BrowserContext): Promise<Page> {
    await context.exposeBinding(FRAMES_BINDING, ({ page }, at: number) => {
      const wake = this.waiting.get(page);
      this.waiting.delete(page);
      wake?.(at);
    });
    await context.addInitScript({ content: WATCH_FRAMES });
    return context.newPage();
  }

  next(page: Page): Promise<number> {
    return new Promise((resolve) => this.waiting.set(page, resolve));
  }
}

/** The epoch ms both pages decoded video again, or an error naming what did not happen. */
async function bothAgain(reports: Array<Promise<number>>, what: string): Promise<number> {
  const times = await within(CALL_TIMEOUT_MS, `both pages to decode video again after ${what}`, Promise.all(reports));
  return Math.max(...times);
}

/** Each connection's states on this page since `since`, for the progress log: where the time went. */
async function pageLog(page: Page, since: number): Promise<string> {
  const log = await page.evaluate('window.__benchLog').catch(() => []) as Array<[number, string]>;
  return log.filter(([at]) => at >= since).map(([at, what]) => `+${at - since} ${what}`).join(', ');
}

function summary(durations: number[], runs: number, failures: string[]): RecoveryFigures {
  return { runs, successes: durations.length, p50Ms: percentile(durations, 50), p90Ms: percentile(durations, 90), failures };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Two pages in a call: A waits in the room, then B opens it; resolves once both decode video. */
async function callOf(reports: FrameReports, [a, b]: Page[], urlA: string, urlB: string): Promise<void> {
  const frames = [reports.next(a as Page), reports.next(b as Page)];
  await (a as Page).goto(urlA);
  await (a as Page).getByText(/waiting for someone/i).waitFor({ timeout: CALL_TIMEOUT_MS });
  await (b as Page).goto(urlB);
  await bothAgain(frames, 'the call started');
}

/** The call runs steadily on a settled machine before each fault, as a call someone is in would. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, A_WAITS_MS));
  await waitForQuietCpu(QUIET_WAIT_MAX_MS);
}

/** Reload of page B, `runs` times in one call, in the bench's loopback-only namespace. */
export async function measureReloadRecovery(runs: number, progress: (line: string) => void): Promise<RecoveryFigures> {
  const server = startWorker(SERVER_WORKER, ['ours']);
  let browser: Browser | undefined;
  const durations: number[] = [];
  const failures: string[] = [];
  try {
    const { port } = await server.next<ServerReady>(30_000, 'the call server to start');
    browser = await launchBrowser();
    const reports = new FrameReports();
    const pages = await Promise.all([browser.newContext(), browser.newContext()].map(async (c) => reports.newPage(await c)));
    const [a, b] = pages as [Page, Page];
    const url = `http://${BENCH_HOST}:${port}${roomPath('reload')}`;
    await callOf(reports, pages, url, url);
    for (let i = 0; i < runs; i++) {
      await settle();
      const again = [reports.next(a), reports.next(b)];
      await a.evaluate("window.__benchWatchFrames('new')");
      const reloadedAt = Date.now();
      try {
        await b.reload();
        const ms = (await bothAgain(again, 'B reloaded')) - reloadedAt;
        durations.push(ms);
        progress(`reload ${i + 1}/${runs}: video on both again ${ms} ms after B reloaded`);
      } catch (error) {
        failures.push(message(error));
        progress(`reload ${i + 1}/${runs}: failed (${message(error)}); A: ${await pageLog(a, reloadedAt)}`);
      }
    }
    return summary(durations, runs, failures);
  } finally {
    await browser?.close();
    await server.stop();
  }
}

/**
 * The phone's Wi-Fi down for 5 s in a call between a laptop page (Local URL) and a phone page
 * (Network URL, https) on the simulated LAN: a fresh call for each run.
 */
export async function measureWifiCutRecovery(runs: number, progress: (line: string) => void): Promise<RecoveryFigures> {
  // Named after this scenario and the branch that made it (plus a random id); deleted in finally.
  const lan = await createSimulatedLan({ label: 'recovery-baseline' });
  const cli = runCli(['start', '--no-open', '--quiet', '--port', '3000', '--open-rooms'], {}, { namespace: lan.laptop });
  const browsers: Browser[] = [];
  const durations: number[] = [];
  const failures: string[] = [];
  try {
    const [, local = ''] = await cli.waitForOutput(/Local:\s+(\S+)/, 60_000);
    const [, network = ''] = await cli.waitForOutput(/Network:\s+(\S+)/, 5_000);
    const [laptop, phone] = await Promise.all([lan.launchBrowser(lan.laptop), lan.launchBrowser(lan.phone)]);
    browsers.push(laptop, phone);
    for (let i = 0; i < runs; i++) {
      const contexts = await Promise.all([laptop.newContext(), phone.newContext({ ignoreHTTPSErrors: true })]);
      try {
        const reports = new FrameReports();
        const pages = await Promise.all(contexts.map((context) => reports.newPage(context)));
        const [a, b] = pages as [Page, Page];
        const room = roomPath(`wifi-${i}`);
        await callOf(reports, pages, new URL(room, local).href, new URL(room, network).href);
        await settle();
        const cutAt = Date.now();
        lan.setPhoneLink(false);
        // The outage itself: the Wi-Fi stays down this long whatever the pages do.
        await new Promise((resolve) => setTimeout(resolve, WIFI_CUT_MS));
        const again = [reports.next(a), reports.next(b)];
        await Promise.all(pages.map((page) => page.evaluate("window.__benchWatchFrames('more')")));
        lan.setPhoneLink(true);
        const restoredAt = Date.now();
        try {
          const ms = (await bothAgain(again, 'the Wi-Fi came back')) - restoredAt;
          durations.push(ms);
          progress(`Wi-Fi cut ${i + 1}/${runs}: video on both again ${ms} ms after the link returned`);
        } finally {
          const since = cutAt;
          progress(`  link back at +${restoredAt - cutAt}; laptop (from the cut): ${await pageLog(a, since)}\n    phone: ${await pageLog(b, since)}`);
        }
      } catch (error) {
        failures.push(message(error));
        progress(`Wi-Fi cut ${i + 1}/${runs}: failed (${message(error)})`);
      } finally {
        lan.setPhoneLink(true);
        await Promise.all(contexts.map((context) => context.close()));
      }
    }
    return summary(durations, runs, failures);
  } finally {
    await Promise.all(browsers.map((browser) => browser.close()));
    await cli.stop();
    await lan.remove();
  }
}

/**
 * The server killed (a crash: no goodbye to the pages) and started again with the same room and
 * port, `runs` times in one call, on loopback. The pages rejoin by themselves (socket.io retries).
 */
export async function measureServerRestartRecovery(runs: number, progress: (line: string) => void): Promise<RecoveryResult['serverRestart']> {
  const port = await freePort();
  const args = ['start', '--no-open', '--quiet', '--host', BENCH_HOST, '--port', String(port), '--room', 'restart'];
  const start = async (): Promise<RunningCli> => {
    const cli = runCli(args);
    await cli.waitForOutput(/Local:\s+(\S+)/, 60_000);
    return cli;
  };
  let cli = await start();
  let browser: Browser | undefined;
  const fromReady: number[] = [];
  const fromKill: number[] = [];
  const failures: string[] = [];
  try {
    browser = await launchBrowser();
    const reports = new FrameReports();
    const pages = await Promise.all([browser.newContext(), browser.newContext()].map(async (c) => reports.newPage(await c)));
    const url = `http://${BENCH_HOST}:${port}${roomPath('restart')}`;
    await callOf(reports, pages, url, url);
    for (let i = 0; i < runs; i++) {
      await settle();
      const again = pages.map((page) => reports.next(page));
      await Promise.all(pages.map((page) => page.evaluate("window.__benchWatchFrames('new')")));
      const killedAt = Date.now();
      await cli.stop('SIGKILL');
      try {
        cli = await start();
        const readyAt = Date.now();
        const at = await bothAgain(again, 'the server restarted');
        fromReady.push(at - readyAt);
        fromKill.push(at - killedAt);
        progress(`server restart ${i + 1}/${runs}: video on both again ${at - readyAt} ms after the new server listened (${at - killedAt} ms after the crash)`);
      } catch (error) {
        failures.push(message(error));
        progress(`server restart ${i + 1}/${runs}: failed (${message(error)})`);
      }
    }
    return { ...summary(fromReady, runs, failures), fromKillP50Ms: percentile(fromKill, 50) };
  } finally {
    await browser?.close();
    await cli.stop('SIGKILL');
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, BENCH_HOST, resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no free port on 127.0.0.1');
  return address.port;
}
