/**
 * Group calls in real browsers (`start --max-peers 4`, Chromium, fake camera 640×480,
 * loopback-only namespace):
 * - set-up: three pages are in a call; the time runs from the 4th page's navigation to all four
 *   pages decoding three remote videos (each page notes when each connection decodes its first
 *   remote frame, getStats' framesDecoded);
 * - the mesh at 2, 3 and 4 people: video bitrate and frame height sent per connection
 *   (outbound-rtp) and the browser's CPU per page, with the page's per-connection caps
 *   (src/web/mesh-send-caps.ts) and, beside them, with the caps turned off (setParameters made a
 *   no-op): what the caps save.
 * The four pages share one Chromium (one renderer each), and this machine's 2 cores.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { roomPath } from '../../src/shared/protocol.js';
import { expectEveryRemoteVideo, launchBrowser, pageScript } from '../../test/helpers/browser.js';
import { startCliServer } from './cli-server.js';
import { waitForQuietCpu } from './quiet-cpu.js';
import { median, percentile, within } from './stats.js';
import { startWarmPage } from './warm-page.js';

export interface MeshFigures {
  /** Median over every connection of every page: video bitrate sent, and the frame height sent. */
  kbpsPerConnection?: number;
  sentHeight?: number;
  /** All of Chromium's processes over the window, divided by the pages: % of one core. */
  browserCpuPercentPerPage: number;
}

export interface GroupCallResult {
  runs: number;
  successes: number;
  p50Ms?: number;
  p90Ms?: number;
  failures: string[];
  mesh: Array<{ people: number; capped?: MeshFigures; uncapped?: MeshFigures }>;
  browser: string;
}

export interface GroupCallPlan {
  runs: number;
  /** Bandwidth estimation ramps up for some seconds after a connection starts: measured only after. */
  settleMs: number;
  windowMs: number;
}

export const GROUP_CALL_PLAN: Record<'full' | 'quick', GroupCallPlan> = {
  full: { runs: 10, settleMs: 8_000, windowMs: 8_000 },
  quick: { runs: 2, settleMs: 2_000, windowMs: 2_000 },
};

const PEOPLE = 4;
const CALL_TIMEOUT_MS = 45_000;

/** In each page: when each connection first decoded a remote frame (polled only while a connected one has not). */
const RECORD_FIRST_FRAMES = () => {
  const connections: RTCPeerConnection[] = [];
  const firstFrameAt = new Map<RTCPeerConnection, number>();
  (window as unknown as { __benchFirstFrames: () => Array<number | null> }).__benchFirstFrames = () =>
    connections.filter((pc) => pc.connectionState !== 'closed').map((pc) => firstFrameAt.get(pc) ?? null);
  // __peerConnections: where test/helpers/browser.ts's checks (expectEveryRemoteVideo) look.
  Object.assign(window, { __benchConnections: connections, __peerConnections: connections });
  const poll = async () => {
    for (const pc of connections) {
      if (firstFrameAt.has(pc) || pc.connectionState !== 'connected') continue;
      (await pc.getStats()).forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video' && (report.framesDecoded ?? 0) > 0 && !firstFrameAt.has(pc)) firstFrameAt.set(pc, Date.now());
      });
    }
  };
  setInterval(() => void poll(), 20);
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      connections.push(this);
    }
  };
};

/** The page as it was before its caps: setParameters does nothing. */
const WITHOUT_CAPS = () => {
  RTCRtpSender.prototype.setParameters = function () {
    return Promise.resolve();
  };
};

/** Video bytes sent so far and the last frame height, per open connection (outbound-rtp). */
function videoSent(page: Page): Promise<Array<{ bytes: number; height?: number }>> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __benchConnections: RTCPeerConnection[] }).__benchConnections.filter((pc) => pc.connectionState !== 'closed');
    return Promise.all(
      pcs.map(async (pc) => {
        let sent = { bytes: 0, height: undefined as number | undefined };
        (await pc.getStats()).forEach((report: { type: string; kind?: string; bytesSent?: number; frameHeight?: number }) => {
          if (report.type === 'outbound-rtp' && report.kind === 'video') sent = { bytes: report.bytesSent ?? 0, height: report.frameHeight };
        });
        return sent;
      }),
    );
  });
}

/** CPU ticks (user + system, 1/100 s) of every Chromium process: the bench runs in its own PID namespace. */
function chromiumTicks(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      // utime and stime: fields 14 and 15 of stat, 12 and 13 after "pid (comm) ".
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return ticks;
}
const TICKS_PER_SECOND = 100;

interface Person {
  context: BrowserContext;
  page: Page;
}

async function person(browser: Browser, withoutCaps = false): Promise<Person> {
  const context = await browser.newContext();
  await context.addInitScript(pageScript(RECORD_FIRST_FRAMES));
  if (withoutCaps) await context.addInitScript(pageScript(WITHOUT_CAPS));
  return { context, page: await context.newPage() };
}

async function measureMesh(browser: Browser, url: string, plan: GroupCallPlan, withoutCaps: boolean, progress: (line: string) => void): Promise<MeshFigures[]> {
  const people: Person[] = [];
  const figures: MeshFigures[] = [];
  try {
    for (let count = 1; count <= PEOPLE; count++) {
      const joining = await person(browser, withoutCaps);
      people.push(joining);
      await joining.page.goto(url);
      if (count < 2) continue;
      await Promise.all(people.map((p, i) => expectEveryRemoteVideo(p.page, `page ${i + 1} of ${count}`, count - 1, CALL_TIMEOUT_MS)));
      await new Promise((resolve) => setTimeout(resolve, plan.settleMs));
      const before = await Promise.all(people.map((p) => videoSent(p.page)));
      const ticksBefore = chromiumTicks();
      const startedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, plan.windowMs));
      const after = await Promise.all(people.map((p) => videoSent(p.page)));
      const seconds = (Date.now() - startedAt) / 1000;
      const cpu = (100 * (chromiumTicks() - ticksBefore)) / TICKS_PER_SECOND / seconds / count;
      const kbps = after.flatMap((connections, i) => connections.map((c, j) => ((c.bytes - (before[i]?.[j]?.bytes ?? 0)) * 8) / 1000 / seconds));
      const heights = after.flatMap((connections) => connections.flatMap((c) => (c.height === undefined ? [] : [c.height])));
      const figure = { kbpsPerConnection: median(kbps), sentHeight: median(heights), browserCpuPercentPerPage: cpu };
      figures.push(figure);
      progress(`group call ${withoutCaps ? 'without caps' : 'with caps'}, ${count} people: ${Math.round(figure.kbpsPerConnection ?? 0)} kb/s and ${figure.sentHeight} lines per connection, browser ${Math.round(cpu)}% of a core per page`);
    }
    return figures;
  } finally {
    await Promise.all(people.map((p) => p.context.close()));
  }
}

/** Three pages in a call, then the 4th opens the link: ms until all four decode three remote videos. */
async function fourthJoins(browser: Browser, url: string, warmUrl: string): Promise<number> {
  const people: Person[] = [];
  try {
    for (let i = 0; i < PEOPLE - 1; i++) {
      people.push(await person(browser));
      await people[i]!.page.goto(url);
    }
    await Promise.all(people.map((p, i) => expectEveryRemoteVideo(p.page, `page ${i + 1} of 3`, 2, CALL_TIMEOUT_MS)));
    const fourth = await person(browser);
    people.push(fourth);
    // Its browser is already running, on a page of another site, as a phone's is when its user
    // opens the link (see call-setup.ts, warm-page.ts): starting the renderer is not the call's set-up.
    await fourth.page.goto(warmUrl);
    await waitForQuietCpu(5_000);
    const openedAt = Date.now();
    await fourth.page.goto(url);
    const allDecoding = async (): Promise<number> => {
      for (;;) {
        const frames = await Promise.all(people.map((p) => p.page.evaluate(() => (window as unknown as { __benchFirstFrames: () => Array<number | null> }).__benchFirstFrames())));
        if (frames.every((f) => f.length === PEOPLE - 1 && f.every((at) => at !== null))) return Math.max(...frames.flat().map(Number));
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    return (await within(CALL_TIMEOUT_MS, 'all four pages to decode three remote videos', allDecoding())) - openedAt;
  } finally {
    await Promise.all(people.map((p) => p.context.close()));
  }
}

export async function measureGroupCall(plan: GroupCallPlan, progress: (line: string) => void = () => {}): Promise<GroupCallResult> {
  const server = await startCliServer(['start', '--open-rooms', '--max-peers', String(PEOPLE), '--host', '127.0.0.1', '--port', '0', '--no-open', '--quiet']);
  const warmPage = await startWarmPage();
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const capped = await measureMesh(browser, `${server.origin}${roomPath('mesh-capped')}`, plan, false, progress);
    const uncapped = await measureMesh(browser, `${server.origin}${roomPath('mesh-uncapped')}`, plan, true, progress);
    const setups: number[] = [];
    const failures: string[] = [];
    for (let i = 0; i < plan.runs; i++) {
      try {
        const ms = await fourthJoins(browser, `${server.origin}${roomPath(`group-${i}`)}`, warmPage.url);
        setups.push(ms);
        progress(`group call ${i + 1}/${plan.runs}: ${Math.round(ms)} ms from the 4th page's navigation to all four decoding three remote videos`);
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
        failures.push(message);
        progress(`group call ${i + 1}/${plan.runs}: failed (${message})`);
      }
    }
    return {
      runs: plan.runs,
      successes: setups.length,
      p50Ms: percentile(setups, 50),
      p90Ms: percentile(setups, 90),
      failures,
      mesh: [2, 3, 4].map((people, i) => ({ people, capped: capped[i], uncapped: uncapped[i] })),
      browser: `Chromium ${browser.version()}`,
    };
  } finally {
    await browser?.close();
    await warmPage.close();
    server.stop();
  }
}
