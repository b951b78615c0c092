/**
 * Scenario 4: call set-up in real browsers. Page A waits in a room; page B, whose browser already
 * shows a page of another origin, opens the same room; the time runs from B's navigation to the first
 * decoded remote video frame on both sides (getStats' framesDecoded, a standard API). Chromium,
 * fake devices, loopback-only namespace. The reference page (the original demo's design, served
 * by the broadcast server) alternates with ours call by call: the figures travel as ratios to a
 * page measured in the same run, same browser, same steps, on whatever machine runs them.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IceOptions } from '../../src/server/index.js';
import { startCoturn, type Coturn } from '../../test/helpers/coturn.js';
import { roomPath } from '../../src/shared/protocol.js';
import { launchBrowser } from '../../test/helpers/browser.js';
import { startWorker } from './child.js';
import { BENCH_HOST, SERVER_WORKER } from './servers.js';
import type { ServerReady } from '../workers/server.js';
import { waitForQuietCpu } from './quiet-cpu.js';
import { percentile, within } from './stats.js';
import { startWarmPage } from './warm-page.js';

/** One page's calls: how many connected, how fast, and where the time went. */
export interface CallFigures {
  calls: number;
  successes: number;
  p50Ms?: number;
  p90Ms?: number;
  /** Page A: navigation to its own camera showing in the preview. */
  localPreviewP50Ms?: number;
  /** Median ms from B's navigation to each step on page B. */
  stepsP50Ms: Partial<Record<keyof Marks, number>>;
  failures: string[];
}

export interface CallSetupResult extends CallFigures {
  browser: string;
  /**
   * The reference page (bench/baseline/reference-page: the original demo's design) measured
   * in the same run, same browser, same steps, its calls alternating with ours.
   */
  reference?: CallFigures;
}

/** Epoch ms of each step in one page, for the breakdown of where set-up time goes. */
export interface Marks {
  domReadyAt?: number;
  cameraAt?: number;
  localPreviewAt?: number;
  connectionCreatedAt?: number;
  firstCandidateAt?: number;
  negotiatedAt?: number;
  iceCheckingAt?: number;
  iceConnectedAt?: number;
  connectedAt?: number;
  firstRemoteFrameAt?: number;
}

/**
 * Runs in each page before its scripts: notes when the local preview shows its first frame and
 * when any RTCPeerConnection first decodes remote video. Polls getStats every 20 ms only from
 * the moment a connection is connected (no frame can be decoded before DTLS is up) until a frame
 * is seen: polling from its creation cost CPU on both pages during the very set-up measured,
 * and a page may create its connection long before anyone joins. Then it hands its marks to the
 * bench through a binding: polling the page from outside (evaluate every 50 ms on both pages)
 * ran on the very main threads being timed. A string, not a function: tsx wraps functions in
 * helpers (__name) that do not exist inside the page.
 */
export const FIRST_FRAME_BINDING = '__benchFirstRemoteFrame';
export const RECORD_MARKS = `(() => {
  const marks = {};
  window.__benchMarks = marks;
  addEventListener('DOMContentLoaded', () => { marks.domReadyAt = Date.now(); });
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    marks.cameraAt ??= Date.now();
    return stream;
  };
  addEventListener('loadeddata', (event) => {
    if (event.target.id === 'local') marks.localPreviewAt ??= Date.now();
  }, true);
  const Native = window.RTCPeerConnection;
  const connections = [];
  let polling;
  const poll = async () => {
    for (const pc of connections) {
      (await pc.getStats()).forEach((report) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video' && report.framesDecoded > 0) marks.firstRemoteFrameAt ??= Date.now();
      });
    }
    if (marks.firstRemoteFrameAt === undefined || polling === 'done') return;
    clearInterval(polling);
    polling = 'done';
    window.${FIRST_FRAME_BINDING}(marks);
  };
  window.RTCPeerConnection = class extends Native {
    constructor(config) {
      super(config);
      marks.connectionCreatedAt ??= Date.now();
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState !== 'connected') return;
        marks.connectedAt ??= Date.now();
        if (!connections.includes(this)) connections.push(this);
        polling ??= setInterval(poll, 20);
        void poll();
      });
      this.addEventListener('icecandidate', () => { marks.firstCandidateAt ??= Date.now(); });
      this.addEventListener('signalingstatechange', () => {
        if (this.signalingState === 'stable') marks.negotiatedAt ??= Date.now();
      });
      this.addEventListener('iceconnectionstatechange', () => {
        if (this.iceConnectionState === 'checking') marks.iceCheckingAt ??= Date.now();
        if (this.iceConnectionState === 'connected') marks.iceConnectedAt ??= Date.now();
      });
    }
  };
})();`;

export const CALL_TIMEOUT_MS = 20_000;
/** How long page A sits in the room, waiting, before B opens the link. */
export const A_WAITS_MS = 1_000;
/** At most this long more, for the machine to settle (quiet-cpu.ts) before B opens the link. */
export const QUIET_WAIT_MAX_MS = 5_000;

export async function measureCallSetup(
  calls: number,
  progress: (line: string) => void = () => {},
  /** Another build of the page, to compare a change side by side. */
  webRoot?: string,
  /** STUN/TURN for the pages: the call set-up through a relay (`relayOnly`). */
  ice?: IceOptions,
  /** Alternate each call with one on the reference page. */
  withReference = false,
): Promise<CallSetupResult> {
  // The servers in their own processes, as the CLI runs ours: in this one it shared the event loop
  // with Playwright, which handles a CDP event for every request and WebSocket frame of both pages.
  const servers = [
    { name: 'ours' as const, worker: startWorker(SERVER_WORKER, ['ours', webRoot ?? '', ...(ice ? [JSON.stringify(ice)] : [])]) },
    ...(withReference ? [{ name: 'reference' as const, worker: startWorker(SERVER_WORKER, ['reference-page']) }] : []),
  ];
  const warmPage = await startWarmPage();
  let browser: Browser | undefined;
  try {
    const sites = await Promise.all(
      servers.map(async ({ name, worker }) => {
        const { port } = await worker.next<ServerReady>(30_000, `the ${name} call server to start`);
        const origin = `http://${BENCH_HOST}:${port}`;
        return { name, roomUrl: (room: string) => `${origin}${roomPath(room)}`, tally: new Tally() };
      }),
    );
    browser = await launchBrowser();
    // One untimed call first on each: the servers' and Chromium's first-use costs are not a user's.
    for (const site of sites) await oneCall(browser, site.roomUrl('warm-up'), warmPage.url).catch(() => undefined);
    // Alternating call by call, so the load of this shared machine drifts the same way for both.
    for (let i = 0; i < calls; i++) {
      for (const site of sites) {
        const label = `${site.name === 'ours' ? '' : `${site.name} `}call ${i + 1}/${calls}`;
        try {
          const call = await oneCall(browser, site.roomUrl(`call-${i}`), warmPage.url);
          site.tally.add(call);
          progress(`${label}: ${Math.round(call.setupMs)} ms to first frames (preview ${Math.round(call.localPreviewMs)} ms)`);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          site.tally.failures.push(message);
          progress(`${label}: failed (${message})`);
        }
      }
    }
    const [ours, reference] = sites.map((site) => site.tally.figures(calls));
    return { ...(ours as CallFigures), browser: `Chromium ${browser.version()}`, ...(reference ? { reference } : {}) };
  } finally {
    await browser?.close();
    await Promise.all(servers.map(({ worker }) => worker.stop()));
    await warmPage.close();
  }
}

/** One page's timed calls, summed up. */
class Tally {
  private readonly setups: number[] = [];
  private readonly previews: number[] = [];
  private readonly steps: Partial<Record<keyof Marks, number[]>> = {};
  readonly failures: string[] = [];

  add(call: Call): void {
    this.setups.push(call.setupMs);
    this.previews.push(call.localPreviewMs);
    for (const [step, at] of Object.entries(call.marksB) as Array<[keyof Marks, number]>) (this.steps[step] ??= []).push(at - call.openedB);
  }

  figures(calls: number): CallFigures {
    return {
      calls,
      successes: this.setups.length,
      p50Ms: percentile(this.setups, 50),
      p90Ms: percentile(this.setups, 90),
      localPreviewP50Ms: percentile(this.previews, 50),
      stepsP50Ms: Object.fromEntries(Object.entries(this.steps).map(([step, values]) => [step, percentile(values, 50)])),
      failures: this.failures,
    };
  }
}

/**
 * The same calls with both pages sending only through Debian's coturn on loopback
 * (`relayOnly`, credentials minted from a shared secret, as `start --turn-secret` does): what
 * the relay adds to set-up, next to the direct path of the same run. A reason string when coturn
 * is not installed.
 */
export async function measureRelayedCallSetup(calls: number, progress: (line: string) => void = () => {}): Promise<CallSetupResult | string> {
  const scratch = await mkdtemp(join(tmpdir(), 'webrtc-call-bench-turn-'));
  let coturn: Coturn | undefined;
  try {
    const secret = randomBytes(16).toString('hex');
    try {
      coturn = await startCoturn({ address: BENCH_HOST, port: BENCH_TURN_PORT, secret, scratch, allowLoopbackPeers: true });
    } catch (error) {
      return `coturn did not start (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); apt-get install coturn`;
    }
    progress(`through the relay ${coturn.url}:`);
    return await measureCallSetup(calls, progress, undefined, { iceServers: [{ urls: coturn.url }], turnSecret: secret, relayOnly: true });
  } finally {
    await coturn?.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Not coturn's default 3478: a test on this machine may hold that one. */
const BENCH_TURN_PORT = 3578;

interface Call {
  setupMs: number;
  localPreviewMs: number;
  openedB: number;
  marksB: Marks;
}

/** `warmUrl`: a page of another site's origin, where B's browser is before it opens the link. */
async function oneCall(browser: Browser, url: string, warmUrl: string): Promise<Call> {
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const [[a, frameA], [b, frameB]] = await Promise.all([recordMarks(contexts[0]), recordMarks(contexts[1])]);
    const openedA = Date.now();
    await a.goto(url);
    await a.getByText(/waiting for someone/i).waitFor({ timeout: CALL_TIMEOUT_MS });
    // A person waits for the other at least a moment: B's load must not race A's own start-up
    // (A's camera, and whatever A prepares while it waits), which no user ever sees.
    await new Promise((resolve) => setTimeout(resolve, A_WAITS_MS));
    await waitForQuietCpu(QUIET_WAIT_MAX_MS);
    // B's browser is already running, as a phone's browser is when its user opens the link: the
    // renderer process is not part of the call set-up (starting one inside the timed window cost
    // 0.3-1.3 s here, before B's HTML could even be parsed). Its page is of another origin, so
    // the call's site is as new to B's cache and connections as it is to a phone (warm-page.ts).
    await b.goto(warmUrl);
    const openedB = Date.now();
    await b.goto(url);
    const [marksA, marksB] = await within(CALL_TIMEOUT_MS, 'both pages to decode remote video', Promise.all([frameA, frameB]));
    const lastFrame = Math.max(marksA.firstRemoteFrameAt ?? Infinity, marksB.firstRemoteFrameAt ?? Infinity);
    return { setupMs: lastFrame - openedB, localPreviewMs: (marksA.localPreviewAt ?? NaN) - openedA, openedB, marksB };
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
}

/** A page in this context, and its marks once it has decoded a remote video frame. */
export async function recordMarks(context: BrowserContext): Promise<[Page, Promise<Marks>]> {
  let resolveMarks: (marks: Marks) => void = () => {};
  const marks = new Promise<Marks>((resolve) => (resolveMarks = resolve));
  // A CDP binding, not evaluate: it is not subject to the page's CSP (script-src 'self').
  await context.exposeBinding(FIRST_FRAME_BINDING, (_source, pageMarks: Marks) => resolveMarks(pageMarks));
  await context.addInitScript({ content: RECORD_MARKS });
  return [await context.newPage(), marks];
}
