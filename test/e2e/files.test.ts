/**
 * Files between real Chromium pages over their data channel: 50 MB of random bytes each way
 * arrive with the same SHA-256 (read back from the download the person saves), several files
 * dropped on the page arrive each with its own Save link, the call's video keeps playing
 * (smaller) while a file moves and gets its size back after, a file damaged on the way or a
 * cancelled one leaves nothing to save, a file over 500 MB is refused with a message, and the terminal logs
 * each transfer without the name unless --verbose.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import picocolors from 'picocolors';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CallTracker } from '../../src/terminal/call-tracker.js';
import { formatEventLines } from '../../src/terminal/event-line.js';
import { framesDecodedPerConnection, launchBrowser, openCallPage, type CallPage } from '../helpers/browser.js';
import { RECORD_DATA_CHANNELS, dataChannelsOpen } from '../helpers/extras.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const MB = 1024 * 1024;

async function pickFiles(page: Page, paths: string[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Send file' }).click()]);
  await chooser.setFiles(paths);
}

async function saveDownload(page: Page, name: string): Promise<Buffer> {
  const link = page.locator('#transfers a[download]', { hasText: `Save ${name}` });
  await link.waitFor({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return readFile(await download.path());
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Runs in the sending page: flips one bit of the first file chunk it sends on its 'files' channel. */
const DAMAGE_FIRST_FILE_CHUNK = () => {
  const send = RTCDataChannel.prototype.send;
  let damaged = false;
  RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: unknown) {
    if (!damaged && this.label === 'files' && ArrayBuffer.isView(data)) {
      damaged = true;
      const copy = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
      copy[0] = (copy[0] ?? 0) ^ 1;
      return Reflect.apply(send, this, [copy]);
    }
    return Reflect.apply(send, this, [data]);
  } as RTCDataChannel['send'];
};

describe('sending files', () => {
  let browser: Browser;
  let server: TestServer | undefined;
  let dir: string;
  const pages: CallPage[] = [];
  /** `laptopScript`: an init script for the first page (the laptop) only. */
  const call = async (options: { logContent?: boolean; laptopScript?: () => void } = {}): Promise<[Page, Page]> => {
    server = await startTestServer({ logContent: options.logContent });
    for (let i = 0; i < 2; i++) {
      const scripts = i === 0 && options.laptopScript ? [RECORD_DATA_CHANNELS, options.laptopScript] : [RECORD_DATA_CHANNELS];
      pages.push(await openCallPage(browser, server.url, { initScript: scripts }));
    }
    const [laptop, phone] = pages.map((p) => p.page);
    if (!laptop || !phone) throw new Error('two pages expected');
    for (const page of [laptop, phone]) await waitFor('the file channel to open', async () => (await dataChannelsOpen(page, 'files')) === 1, { timeoutMs: 20_000 });
    return [laptop, phone];
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'webrtc-call-files-'));
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
    await server?.close();
  });
  afterAll(async () => {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends 50 MB of random bytes each way, and each side saves exactly what the other sent', async () => {
    const [laptop, phone] = await call();
    const toPhone = randomBytes(50 * MB);
    const toLaptop = randomBytes(50 * MB);
    await writeFile(join(dir, 'photo.jpg'), toPhone);
    await writeFile(join(dir, 'notes.pdf'), toLaptop);
    await Promise.all([pickFiles(laptop, [join(dir, 'photo.jpg')]), pickFiles(phone, [join(dir, 'notes.pdf')])]);

    expect(await phone.locator('#transfers a[download]').first().textContent({ timeout: 60_000 })).toBe('Save photo.jpg, 52 MB');
    expect(sha256(await saveDownload(phone, 'photo.jpg'))).toBe(sha256(toPhone));
    expect(sha256(await saveDownload(laptop, 'notes.pdf'))).toBe(sha256(toLaptop));
    // The sender sees it arrived checked.
    await laptop.getByText('Sent, checked').waitFor();

    const files = await waitFor('both file events', () => {
      const found = server?.log.filter((e) => e.type === 'file') ?? [];
      return found.length === 2 ? found : undefined;
    });
    expect(files.every((e) => e.type === 'file' && e.outcome === 'verified' && e.bytes === 50 * MB)).toBe(true);
    const tracker = new CallTracker();
    const line = (verbose: boolean) =>
      (server?.log ?? []).flatMap((event) => {
        const { tracked } = tracker.track(event);
        return event.type === 'file' ? formatEventLines(tracked, { colors: picocolors.createColors(false), verbose }) : [];
      });
    expect(line(false)[0]).toMatch(/→ .*file\s+[\d.]+ [KM]?B\s+.*MB\/s · SHA-256 verified/);
    // Without --verbose the pages do not even tell the server the names.
    expect(JSON.stringify(server?.log)).not.toMatch(/photo\.jpg|notes\.pdf/);
  });

  it('takes several files dropped on the page at once, and each arrives to be saved', async () => {
    const [laptop, phone] = await call();
    // What the browser hands the page when a person drops two files from their desktop.
    const dropped = await laptop.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['a'.repeat(3_200_000)], 'photo.jpg', { type: 'image/jpeg' }));
      transfer.items.add(new File(['notes'], 'notes.txt', { type: 'text/plain' }));
      return transfer;
    });
    await laptop.dispatchEvent('#call', 'dragover', { dataTransfer: dropped });
    await laptop.dispatchEvent('#call', 'drop', { dataTransfer: dropped });
    const links = phone.locator('#transfers a[download]');
    await waitFor('both Save links', async () => (await links.count()) === 2, { timeoutMs: 30_000 });
    expect(await links.allTextContents()).toEqual(['Save photo.jpg, 3.2 MB', 'Save notes.txt, 5 bytes']);
    expect((await saveDownload(phone, 'notes.txt')).toString()).toBe('notes');
    expect(sha256(await saveDownload(phone, 'photo.jpg'))).toBe(sha256(Buffer.from('a'.repeat(3_200_000))));
  });

  it('while a file moves the call\'s video keeps playing both ways, smaller, and gets its size back when the file is done', async () => {
    const [laptop, phone] = await call();
    /** Each page's view of the other's video, and whether a file is still moving there. */
    const seen = (page: Page) =>
      page.evaluate(() => {
        const video = document.querySelector<HTMLVideoElement>('#remotes video');
        return { height: video?.videoHeight ?? 0, moving: document.querySelector('#transfers progress') !== null };
      });
    /** The caps this page's video sender carries, read back through the standard API. */
    const sendCaps = (page: Page) =>
      page.evaluate(() => {
        const pc = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.find((p) => p.connectionState === 'connected');
        const sender = pc?.getSenders().find((s) => s.track?.kind === 'video');
        return sender?.getParameters().encodings.map((e) => ({ maxBitrate: e.maxBitrate, maxFramerate: e.maxFramerate, scale: e.scaleResolutionDownBy ?? 1 }));
      });
    const keepDecoding = async (page: Page, label: string) => {
      const [before = 0] = await framesDecodedPerConnection(page);
      await waitFor(`${label} to keep decoding`, async () => ((await framesDecodedPerConnection(page))[0] ?? 0) > before, { timeoutMs: 20_000 });
    };
    // The fake camera is 480 tall; on loopback each side receives it whole once the browsers'
    // bandwidth estimate has grown (seconds).
    const fullSize = async () => {
      for (const [page, label] of [[phone, 'the phone'], [laptop, 'the laptop']] as const) {
        await waitFor(`${label} to show the other's video full size`, async () => (await seen(page)).height > 240, { timeoutMs: 45_000 });
      }
    };
    await fullSize();

    // 400 MB (sparse, so quick to make): seconds on the wire, long enough to watch.
    const big = join(dir, 'movie.mp4');
    await writeFile(big, '');
    await truncate(big, 400 * MB);
    await pickFiles(laptop, [big]);
    for (const [page, label] of [[phone, 'the phone'], [laptop, 'the laptop']] as const) {
      const shown = await waitFor(`${label} to show the other's video at most 240 tall while the file moves`, async () => {
        const now = await seen(page);
        return now.moving && now.height > 0 && now.height <= 240 ? now : undefined;
      }, { timeoutMs: 30_000 });
      expect(shown.moving).toBe(true);
      await keepDecoding(page, label);
      expect(await sendCaps(page)).toEqual([{ maxBitrate: 300_000, maxFramerate: 15, scale: 2 }]);
    }

    // Done (here cancelled by the phone): both sides send their full video again.
    await phone.locator('#transfers li', { hasText: 'Receiving movie.mp4' }).getByRole('button', { name: 'Cancel' }).click();
    for (const page of [laptop, phone]) await waitFor('the caps lifted', async () => JSON.stringify(await sendCaps(page)) === JSON.stringify([{ scale: 1 }]));
    await fullSize();
    await keepDecoding(phone, 'the phone');
    await keepDecoding(laptop, 'the laptop');
  });

  it('a file damaged on the way fails its SHA-256 check: never offered for saving, both sides say so, and the terminal logs it failed', async () => {
    // The laptop's first chunk of file bytes gets one bit flipped after the page has hashed the
    // file: what a faulty link or a buggy client would deliver.
    const [laptop, phone] = await call({ laptopScript: DAMAGE_FIRST_FILE_CHUNK });
    await writeFile(join(dir, 'contract.pdf'), randomBytes(2 * MB));
    await pickFiles(laptop, [join(dir, 'contract.pdf')]);
    await phone.locator('#transfers li', { hasText: 'contract.pdf' }).getByText('Failed its check: not saved').waitFor({ timeout: 30_000 });
    await laptop.locator('#transfers li', { hasText: 'contract.pdf' }).getByText('Failed its check: not saved').waitFor({ timeout: 30_000 });
    expect(await phone.locator('#transfers a[download]').count()).toBe(0);
    const failed = await waitFor('the failed file event', () => server?.log.find((e) => e.type === 'file'));
    expect(failed).toMatchObject({ type: 'file', outcome: 'failed', bytes: 2 * MB });
    const tracker = new CallTracker();
    const lines = (server?.log ?? []).flatMap((event) => {
      const { tracked } = tracker.track(event);
      return event.type === 'file' ? formatEventLines(tracked, { colors: picocolors.createColors(false), verbose: false }) : [];
    });
    expect(lines[0]).toMatch(/file\s+2\.1 MB\s+.*FAILED its SHA-256 check \(discarded\)/);
  });

  it('cancelled from either side, a file leaves nothing to save; one over 500 MB is refused with a message', async () => {
    // A host with --verbose: the pages report the names, and the terminal shows them.
    const [laptop, phone] = await call({ logContent: true });
    await writeFile(join(dir, 'big.bin'), randomBytes(200 * MB));
    // The receiver cancels.
    await pickFiles(laptop, [join(dir, 'big.bin')]);
    await phone.locator('#transfers li', { hasText: 'Receiving big.bin' }).getByRole('button', { name: 'Cancel' }).click();
    for (const page of [phone, laptop]) await page.locator('#transfers li', { hasText: 'big.bin' }).getByText('Cancelled').waitFor();
    // The sender cancels.
    await pickFiles(laptop, [join(dir, 'big.bin')]);
    await laptop.locator('#transfers li', { hasText: 'Sending big.bin' }).last().getByRole('button', { name: 'Cancel' }).click();
    await waitFor('both cancelled on the phone', async () => (await phone.getByText('Cancelled').count()) === 2);
    expect(await phone.locator('#transfers a[download]').count()).toBe(0);
    const cancelled = await waitFor('two cancelled file events', () => {
      const found = server?.log.filter((e) => e.type === 'file' && e.outcome === 'cancelled') ?? [];
      return found.length === 2 ? found : undefined;
    });
    const tracker = new CallTracker();
    for (const event of server?.log ?? []) tracker.track(event);
    const lines = cancelled.flatMap((event) => formatEventLines(tracker.track(event).tracked, { colors: picocolors.createColors(false), verbose: true }));
    expect(lines[0]).toMatch(/file\s+\d.*big\.bin · .* · cancelled/);

    const huge = join(dir, 'huge.iso');
    await writeFile(huge, '');
    await truncate(huge, 501 * 1000 * 1000 + 1);
    await pickFiles(laptop, [huge]);
    await waitFor('the refusal', async () => /huge\.iso is 501 MB: files over 500 MB cannot be sent/.test(await laptop.locator('#problem').innerText()));
    expect(await phone.locator('#transfers li', { hasText: 'huge.iso' }).count()).toBe(0);
  });
});
