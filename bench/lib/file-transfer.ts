/**
 * Scenario: a file from a laptop page to a phone-sized page on loopback, next to a bare
 * two-page data-channel pump in the same run (the same browser, alternating). Ours is timed as a
 * person waits: from picking the file to the "Save …" link on the phone, so it includes reading
 * the file, both SHA-256s, progress and the page's own work. The pump sends the same number of
 * bytes in the same chunks and buffer levels over a negotiated channel, and nothing else: no
 * file, no hash, no UI, so the ratio is what our transfer costs over the channel itself.
 * Chromium, loopback-only namespace; the pages' clocks are this machine's.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { roomPath } from '../../src/shared/protocol.js';
import { launchBrowser, pageScript } from '../../test/helpers/browser.js';
import { RECORD_DATA_CHANNELS, dataChannelsOpen } from '../../test/helpers/extras.js';
import { waitFor } from '../../test/helpers/wait.js';
import { startWorker } from './child.js';
import { BENCH_HOST, SERVER_WORKER } from './servers.js';
import type { ServerReady } from '../workers/server.js';
import { waitForQuietCpu } from './quiet-cpu.js';
import { median, within } from './stats.js';

export interface FileTransferResult {
  bytes: number;
  runs: number;
  /** Ours, pick → Save link: MB/s (decimal) of each run. */
  oursMBps: number[];
  /** Ours, the offer arriving on the phone → Save link (the wire and the receiver's check). */
  oursWireMBps: number[];
  pumpMBps: number[];
  oursMedianMBps?: number;
  oursWireMedianMBps?: number;
  pumpMedianMBps?: number;
  failures: string[];
}

interface Figures {
  mbps: number;
  wireMbps?: number;
}

export const PHONE_PAGE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const TRANSFER_TIMEOUT_MS = 120_000;

/** On the phone page: when the file's row first shows, and when its Save link does (ms, this machine's clock). */
const RECORD_TRANSFER_MARKS = () => {
  const marks: { receivingAt?: number; savedAt?: number } = {};
  (window as unknown as { __fileMarks: typeof marks }).__fileMarks = marks;
  new MutationObserver(() => {
    const now = performance.timeOrigin + performance.now();
    if (marks.receivingAt === undefined && document.querySelector('#transfers li')) marks.receivingAt = now;
    if (marks.savedAt === undefined && document.querySelector('#transfers a[download]')) marks.savedAt = now;
  }).observe(document, { childList: true, subtree: true });
};

// The pump's chunk and buffer levels: the ones src/web/file-transfer.ts uses.
const PUMP = { chunkBytes: 64 * 1024, highWaterBytes: 8 * 1024 * 1024, lowWaterBytes: 2 * 1024 * 1024 };

export async function measureFileTransfer(bytes: number, runs: number, progress: (line: string) => void = () => {}): Promise<FileTransferResult> {
  const server = startWorker(SERVER_WORKER, ['ours']);
  const scratch = await mkdtemp(join(tmpdir(), 'webrtc-call-bench-files-'));
  let browser: Browser | undefined;
  const result: FileTransferResult = { bytes, runs, oursMBps: [], oursWireMBps: [], pumpMBps: [], failures: [] };
  try {
    const { port } = await server.next<ServerReady>(30_000, 'the call server to start');
    browser = await launchBrowser();
    const file = join(scratch, 'photo.jpg');
    await writeFile(file, randomBytes(bytes));
    const origin = `http://${BENCH_HOST}:${port}`;
    for (let i = 0; i < runs; i++) {
      const contenders: Array<[string, () => Promise<Figures>]> = [
        ['ours', () => oursOnce(browser as Browser, `${origin}${roomPath(`files-${i}`)}`, file, bytes)],
        ['pump', () => pumpOnce(browser as Browser, `${origin}/assets/style.css`, bytes)],
      ];
      for (const [label, run] of contenders) {
        await waitForQuietCpu(5_000);
        try {
          // Bounded: a transfer that stalls is a failed run, not a bench that never ends.
          const figures = await within(TRANSFER_TIMEOUT_MS, `the ${label} transfer`, run());
          if (label === 'ours') {
            result.oursMBps.push(figures.mbps);
            if (figures.wireMbps !== undefined) result.oursWireMBps.push(figures.wireMbps);
          } else result.pumpMBps.push(figures.mbps);
          progress(`file ${i + 1}/${runs}, ${label}: ${figures.mbps.toFixed(1)} MB/s`);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          result.failures.push(`${label}: ${message}`);
          progress(`file ${i + 1}/${runs}, ${label}: failed (${message})`);
        }
      }
    }
    return {
      ...result,
      oursMedianMBps: median(result.oursMBps),
      oursWireMedianMBps: median(result.oursWireMBps),
      pumpMedianMBps: median(result.pumpMBps),
    };
  } finally {
    await browser?.close();
    await server.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Two pages of our call in a fresh room; the laptop sends `file` to the phone. */
async function oursOnce(browser: Browser, url: string, file: string, bytes: number): Promise<Figures> {
  const contexts: BrowserContext[] = [];
  try {
    const open = async (device?: typeof PHONE_PAGE) => {
      const context = await browser.newContext(device);
      contexts.push(context);
      await context.addInitScript(pageScript(RECORD_DATA_CHANNELS));
      if (device) await context.addInitScript(pageScript(RECORD_TRANSFER_MARKS));
      const page = await context.newPage();
      await page.goto(url);
      return page;
    };
    const laptop = await open();
    const phone = await open(PHONE_PAGE);
    for (const page of [laptop, phone]) await waitFor('the file channel to open', async () => (await dataChannelsOpen(page, 'files')) === 1, { timeoutMs: 20_000 });
    const [chooser] = await Promise.all([laptop.waitForEvent('filechooser'), laptop.getByRole('button', { name: 'Send file' }).click()]);
    const pickedAt = Date.now();
    await chooser.setFiles(file);
    await phone.locator('#transfers a[download]').waitFor({ state: 'attached', timeout: TRANSFER_TIMEOUT_MS });
    const marks = await phone.evaluate(() => (window as unknown as { __fileMarks: { receivingAt?: number; savedAt?: number } }).__fileMarks);
    if (marks.savedAt === undefined || marks.receivingAt === undefined) throw new Error('the phone page recorded no transfer');
    return { mbps: mbPerSecond(bytes, marks.savedAt - pickedAt), wireMbps: mbPerSecond(bytes, marks.savedAt - marks.receivingAt) };
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
}

/** Two blank pages joined by one negotiated data channel; the first sends `bytes`, the second counts them. */
async function pumpOnce(browser: Browser, pageUrl: string, bytes: number): Promise<Figures> {
  const contexts = await Promise.all([browser.newContext(), browser.newContext(PHONE_PAGE)]);
  try {
    const [sender, receiver] = await Promise.all(contexts.map((context) => context.newPage()));
    if (!sender || !receiver) throw new Error('two pages expected');
    // A page of the call's origin (a secure context, as the call page is) that has used the
    // camera: without that Chromium hides host candidates behind mDNS names, which nothing
    // resolves in the bench's namespace, and the pump never connected.
    for (const page of [sender, receiver]) await page.goto(pageUrl);
    await Promise.all([sender, receiver].map((page) => page.evaluate(PUMP_PEER)));
    await Promise.all([sender, receiver].map((page) => page.evaluate('window.__pump.camera')));
    // Signaling by hand: the offer and answer, each with its candidates gathered.
    const offer = await sender.evaluate('window.__pump.describe(true)');
    const answer = await receiver.evaluate(`window.__pump.describe(false, ${JSON.stringify(offer)})`);
    await sender.evaluate(`window.__pump.accept(${JSON.stringify(answer)})`);
    await Promise.all([sender, receiver].map((page) => page.evaluate('window.__pump.opened')));
    await receiver.evaluate(`window.__pump.expect(${bytes})`);
    const received = receiver.evaluate('window.__pump.done') as Promise<number>;
    const startedAt = (await sender.evaluate(`window.__pump.send(${bytes}, ${JSON.stringify(PUMP)})`)) as number;
    const doneAt = await received;
    return { mbps: mbPerSecond(bytes, doneAt - startedAt) };
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
}

/** The pump's page side, as source text (functions passed to evaluate would carry tsx's helpers). */
const PUMP_PEER = `(() => {
  const camera = navigator.mediaDevices.getUserMedia({ audio: true }).then((stream) => { window.__pumpStream = stream; return true; });
  const pc = new RTCPeerConnection();
  const channel = pc.createDataChannel('pump', { negotiated: true, id: 0 });
  channel.binaryType = 'arraybuffer';
  const opened = new Promise((resolve) => channel.addEventListener('open', resolve, { once: true }));
  // Counted from the first byte, so no chunk can arrive before anyone listens.
  let got = 0;
  let expected = Infinity;
  let finish = () => {};
  const done = new Promise((resolve) => { finish = resolve; });
  channel.addEventListener('message', ({ data }) => {
    got += data.byteLength;
    if (got >= expected) finish(performance.timeOrigin + performance.now());
  });
  const gathered = () => new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); });
  });
  window.__pump = {
    camera,
    opened: opened.then(() => true),
    async describe(offering, remote) {
      if (!offering) await pc.setRemoteDescription(remote);
      await pc.setLocalDescription();
      await gathered();
      return { type: pc.localDescription.type, sdp: pc.localDescription.sdp };
    },
    accept: (answer) => pc.setRemoteDescription(answer).then(() => true),
    expect(total) {
      expected = total;
      return true;
    },
    done,
    async send(total, { chunkBytes, highWaterBytes, lowWaterBytes }) {
      channel.bufferedAmountLowThreshold = lowWaterBytes;
      const chunk = new Uint8Array(chunkBytes);
      crypto.getRandomValues(chunk);
      const startedAt = performance.timeOrigin + performance.now();
      for (let sent = 0; sent < total; sent += chunkBytes) {
        if (channel.bufferedAmount > highWaterBytes) await new Promise((resolve) => channel.addEventListener('bufferedamountlow', resolve, { once: true }));
        channel.send(chunk.subarray(0, Math.min(chunkBytes, total - sent)));
      }
      return startedAt;
    },
  };
})()`;

function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}
