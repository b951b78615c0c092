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

/** `args`: CHROMIUM_ARGS unless a test needs others (e.g. no fake camera: withoutArgs()). */
export async function launchBrowser(args: string[] = CHROMIUM_ARGS): Promise<Browser> {
  assertLoopbackOnlyNetwork();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args });
}

/** CHROMIUM_ARGS but these, e.g. without the fake camera or without the auto-granted prompt. */
export function withoutArgs(...left: string[]): string[] {
  return CHROMIUM_ARGS.filter((arg) => !left.includes(arg));
}

/**
 * Records every RTCPeerConnection a page creates so tests can read getStats(), a standard
 * API, instead of trusting the page's own variables.
 */
export const RECORD_PEER_CONNECTIONS = () => {
  const Native = window.RTCPeerConnection;
  const created: RTCPeerConnection[] = [];
  // What each connection did, in order, for a failure message: descriptions applied, track
  // events, state changes; and the page's own warnings and errors among them.
  const log: string[] = [];
  Object.assign(window, { __peerConnections: created, __pageLog: log });
  const started = performance.now();
  const record = (what: string) => {
    log.push(`${Math.round(performance.now() - started)}ms ${what}`);
    if (log.length > 200) log.shift();
  };
  // Numbered in order of creation, for good: the UDP probe leaves `created`, so a position there
  // would give it pc0 and give the next connection its number again.
  const numbers = new WeakMap<RTCPeerConnection, number>();
  let made = 0;
  const note = (pc: RTCPeerConnection, what: string) => record(`pc${numbers.get(pc) ?? '?'} ${what}`);
  for (const level of ['warn', 'error'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      record(`console.${level}: ${args.map(String).join(' ')}`);
      original(...args);
    };
  }
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      created.push(this);
      numbers.set(this, ++made);
      note(this, 'created');
      this.addEventListener('track', ({ track }) => note(this, `track ${track.kind}`));
      this.addEventListener('signalingstatechange', () => note(this, `signaling ${this.signalingState}`));
      this.addEventListener('connectionstatechange', () => note(this, `connection ${this.connectionState}`));
    }

    override setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
      note(this, `setRemoteDescription ${description.type}`);
      return super.setRemoteDescription(description);
    }

    override close(): void {
      note(this, 'close()');
      super.close();
    }

    // The page's UDP probe (src/web/udp-probe.ts) opens this channel at once: not a call's
    // connection, so it is not recorded among them.
    override createDataChannel(label: string, init?: RTCDataChannelInit): RTCDataChannel {
      const index = created.indexOf(this);
      if (label === 'udp-probe' && index >= 0) {
        note(this, 'is the UDP probe: not recorded');
        created.splice(index, 1);
      }
      return super.createDataChannel(label, init);
    }
  };
};

/**
 * Keeps a short history of what each <video> did (media events do not bubble, so listen in
 * the capture phase), so a test that times out can say whether playback started, stalled or
 * was never asked for.
 */
export const RECORD_MEDIA_EVENTS = () => {
  const log: string[] = [];
  (window as unknown as { __mediaEvents: string[] }).__mediaEvents = log;
  const started = performance.now();
  for (const type of ['loadstart', 'loadedmetadata', 'loadeddata', 'canplay', 'play', 'playing', 'pause', 'waiting', 'stalled', 'suspend', 'emptied', 'abort', 'error', 'resize', 'ended']) {
    document.addEventListener(type, (event) => {
      const video = event.target;
      if (!(video instanceof HTMLVideoElement) || video.id === 'local') return;
      log.push(`${Math.round(performance.now() - started)}ms ${type} rs=${video.readyState} ${video.videoWidth}x${video.videoHeight} t=${video.currentTime.toFixed(2)}`);
      if (log.length > 200) log.shift();
    }, true);
  }
};

/**
 * A function's source, to run as a page's own script. Under tsx (the fixture scripts) esbuild
 * keeps function names by wrapping inner functions in a `__name()` helper that exists only in
 * Node; a local stand-in keeps the same source working in the page (vitest needs none).
 */
export function pageScript(script: () => void): string {
  return `{ const __name = (target) => target; (${script.toString()})(); }`;
}

/**
 * What the helpers below need of a page: running a function in it. Playwright's Page (Chromium)
 * and puppeteer's (Firefox, firefox.ts) both fit, so the checks are the same for both browsers.
 */
export interface EvaluatingPage {
  evaluate<R>(pageFunction: () => R | Promise<R>): Promise<R>;
}

export interface CallPage {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A page in its own context: separate storage, like another device (`device`: e.g. a phone's viewport and user agent). */
export async function openCallPage(
  browser: Browser,
  url: string,
  options: { initScript?: (() => void) | (() => void)[]; device?: BrowserContextOptions } = {},
): Promise<CallPage> {
  const context = await browser.newContext(options.device);
  // In order: a later script wraps what the earlier ones installed.
  for (const script of [RECORD_PEER_CONNECTIONS, RECORD_MEDIA_EVENTS, options.initScript ?? []].flat()) {
    await context.addInitScript(pageScript(script));
  }
  const page = await context.newPage();
  await page.goto(url);
  return { context, page, close: () => context.close() };
}

/** Frames decoded from the remote video on the newest open connection, or undefined. */
export function framesDecoded(page: EvaluatingPage): Promise<number | undefined> {
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
export async function expectRemoteVideo(page: EvaluatingPage, label: string, timeoutMs = 20_000): Promise<void> {
  const first = await waitFor(`${label} to decode remote video`, async () => {
    const frames = await framesDecoded(page);
    return frames !== undefined && frames > 0 ? frames : undefined;
  }, { timeoutMs });
  await waitFor(`${label}'s remote video to keep decoding`, async () => ((await framesDecoded(page)) ?? 0) > first, { timeoutMs });
  try {
    await waitFor(`${label}'s remote <video> to play`, () =>
      page.evaluate(() => {
        const video = document.querySelector<HTMLVideoElement>('#remotes video');
        return video !== null && video.videoWidth > 0 && video.currentTime > 0;
      }),
    { timeoutMs });
  } catch (error) {
    const state = await describeRemoteVideos(page).catch((reason: unknown) => `(could not read the page: ${String(reason)})`);
    throw new Error(`${(error as Error).message}\n${state}`);
  }
}

/** Frames decoded from the remote video on each open connection (a mesh has one per other person). */
export function framesDecodedPerConnection(page: EvaluatingPage): Promise<number[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    const frames: number[] = [];
    for (const pc of pcs.filter((p) => p.connectionState !== 'closed')) {
      let decoded = 0;
      (await pc.getStats()).forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') decoded = report.framesDecoded ?? 0;
      });
      frames.push(decoded);
    }
    return frames;
  });
}

/** In a call of several: video from each of `others` people decoded, increasing, and as many remote <video>s playing. */
export async function expectEveryRemoteVideo(page: EvaluatingPage, label: string, others: number, timeoutMs = 20_000): Promise<void> {
  const decodingFromAll = (frames: number[], floor: number[]) => frames.length === others && frames.every((f, i) => f > (floor[i] ?? 0));
  try {
    const first = await waitFor(`${label} to decode video from ${others} people`, async () => {
      const frames = await framesDecodedPerConnection(page);
      return decodingFromAll(frames, []) ? frames : undefined;
    }, { timeoutMs });
    await waitFor(`${label}'s ${others} remote videos to keep decoding`, async () => decodingFromAll(await framesDecodedPerConnection(page), first), { timeoutMs });
    await waitFor(`${label}'s ${others} remote <video>s to play`, async () =>
      (await page.evaluate(() => [...document.querySelectorAll<HTMLVideoElement>('#remotes video')].filter((v) => v.videoWidth > 0 && v.currentTime > 0).length)) === others,
    { timeoutMs });
  } catch (error) {
    const state = await describeRemoteVideos(page).catch((reason: unknown) => `(could not read the page: ${String(reason)})`);
    throw new Error(`${(error as Error).message}\n${state}`);
  }
}

/** Everything a person (and the media element) would show, for a failure message. */
export function describeRemoteVideos(page: EvaluatingPage): Promise<string> {
  return page.evaluate(() => {
    const lines: string[] = [];
    lines.push(`status: ${document.querySelector('#status')?.textContent ?? '?'}; problem: ${document.querySelector('#problem')?.textContent ?? ''}`);
    lines.push(`visibility: ${document.visibilityState}; hasFocus: ${document.hasFocus()}`);
    for (const video of document.querySelectorAll<HTMLVideoElement>('#remotes video')) {
      const stream = video.srcObject instanceof MediaStream ? video.srcObject : undefined;
      const tracks = stream?.getTracks().map((t) => `${t.kind}:${t.id.slice(0, 8)}:${t.readyState}${t.muted ? ':muted' : ''}${t.enabled ? '' : ':disabled'}`).join(',') ?? 'none';
      lines.push(
        `video peer=${video.dataset.peer} readyState=${video.readyState} networkState=${video.networkState} paused=${video.paused} ended=${video.ended} ` +
          `muted=${video.muted} size=${video.videoWidth}x${video.videoHeight} currentTime=${video.currentTime} error=${video.error?.message ?? 'none'} ` +
          `stream active=${stream?.active} tracks=[${tracks}] box=${JSON.stringify(video.getBoundingClientRect())}`,
      );
    }
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    for (const pc of pcs) {
      const receivers = pc.getReceivers().map((r) => `${r.track.kind}:${r.track.id.slice(0, 8)}:${r.track.readyState}${r.track.muted ? ':muted' : ''}`).join(',');
      lines.push(`pc ${pc.connectionState}/${pc.signalingState} receivers=[${receivers}]`);
    }
    const events = (window as unknown as { __mediaEvents?: string[] }).__mediaEvents ?? [];
    lines.push(`media events: ${events.join(' | ')}`);
    const pageLog = (window as unknown as { __pageLog?: string[] }).__pageLog ?? [];
    lines.push(`connections and console: ${pageLog.join(' | ')}`);
    return lines.join('\n');
  });
}

/** The remote address of the ICE candidate pair that carries the call (standard getStats). */
export function connectedRemoteAddress(page: EvaluatingPage): Promise<string | undefined> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const pc = pcs.at(-1);
    if (!pc) return undefined;
    const stats = await pc.getStats();
    let address: string | undefined;
    stats.forEach((report: { type: string; state?: string; nominated?: boolean; remoteCandidateId?: string }) => {
      if (report.type === 'candidate-pair' && report.state === 'succeeded' && report.nominated) {
        address = (stats.get(report.remoteCandidateId ?? '') as { address?: string } | undefined)?.address;
      }
    });
    return address;
  });
}

/** How many RTCPeerConnections the page has made so far. */
export function peerConnectionCount(page: EvaluatingPage): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections?.length ?? 0,
  );
}

/** The call status the page shows its person. */
export function statusText(page: EvaluatingPage): Promise<string> {
  return page.evaluate(() => {
    const status = document.querySelector<HTMLElement>('#status');
    if (!status) throw new Error('the page has no #status (not the call page?)');
    return status.innerText;
  });
}

/** Marks the document; a page that reloads loses the mark, so stillSamePage() proves it did not. */
export function markPage(page: EvaluatingPage): Promise<void> {
  return page.evaluate(() => void Object.assign(window, { __sameDocument: true }));
}

export function stillSamePage(page: EvaluatingPage): Promise<boolean> {
  return page.evaluate(() => '__sameDocument' in window);
}
