import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { waitFor } from './wait.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // without these Chromium keeps dialling Google's hosts, which this network forbids
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  // in a loopback-only namespace Chromium otherwise gathers no candidate at all
  '--allow-loopback-in-peer-connection',
];

/**
 * Browser tests may only run where the sole network is loopback (npm test arranges it with
 * unshare). Refuse loudly anywhere else rather than let WebRTC probe a real network.
 */
export function assertLoopbackOnlyNetwork(): void {
  let links: string;
  try {
    links = execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' });
  } catch {
    throw new Error('cannot list network interfaces ("ip" from iproute2 is missing); browser tests need it');
  }
  const names = links
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(':')[1]?.trim().split('@')[0]);
  const others = names.filter((name) => name !== 'lo');
  if (others.length > 0) {
    throw new Error(
      `browser tests must run in a loopback-only network namespace, but this one also has ${others.join(', ')}; ` +
        'run them with "npm test" (which uses unshare as root)',
    );
  }
}

export async function launchBrowser(): Promise<Browser> {
  assertLoopbackOnlyNetwork();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Records every RTCPeerConnection a page creates so tests can read getStats(), a standard
 * API, instead of trusting the page's own variables.
 */
const RECORD_PEER_CONNECTIONS = () => {
  const Native = window.RTCPeerConnection;
  const created: RTCPeerConnection[] = [];
  (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = created;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      created.push(this);
    }
  };
};

export interface CallPage {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A page in its own context: separate storage, like another device (`device`: e.g. a phone's viewport and user agent). */
export async function openCallPage(
  browser: Browser,
  url: string,
  options: { initScript?: () => void; device?: BrowserContextOptions } = {},
): Promise<CallPage> {
  const context = await browser.newContext(options.device);
  await context.addInitScript(RECORD_PEER_CONNECTIONS);
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  await page.goto(url);
  return { context, page, close: () => context.close() };
}

/** Frames decoded from the remote video on the newest open connection, or undefined. */
export function framesDecoded(page: Page): Promise<number | undefined> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    const open = pcs.filter((pc) => pc.connectionState !== 'closed');
    const pc = open.at(-1);
    if (!pc) return undefined;
    let frames: number | undefined;
    (await pc.getStats()).forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'video') frames = report.framesDecoded;
    });
    return frames;
  });
}

/** What a person sees: remote video frames decoded, increasing, and a playing remote <video>. */
export async function expectRemoteVideo(page: Page, label: string, timeoutMs = 20_000): Promise<void> {
  const first = await waitFor(`${label} to decode remote video`, async () => {
    const frames = await framesDecoded(page);
    return frames !== undefined && frames > 0 ? frames : undefined;
  }, { timeoutMs });
  await waitFor(`${label}'s remote video to keep decoding`, async () => ((await framesDecoded(page)) ?? 0) > first, { timeoutMs });
  await waitFor(`${label}'s remote <video> to play`, () =>
    page.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('#remotes video');
      return video !== null && video.videoWidth > 0 && video.currentTime > 0;
    }),
  { timeoutMs });
}

/** How many RTCPeerConnections the page has made so far. */
export function peerConnectionCount(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections?.length ?? 0,
  );
}

export function statusText(page: Page): Promise<string> {
  return page.locator('#status').innerText();
}
