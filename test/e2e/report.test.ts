import { copyFile, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectRemoteVideo, launchBrowser, openCallPage, type CallPage } from '../helpers/browser.js';
import { runCli, START_ON_LOOPBACK, type RunningCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'report');
/** A line of the pretty view: local time with milliseconds first. */
const EVENT_LINE = /^\d\d:\d\d:\d\d\.\d{3} {2}/;
const eventLines = (out: string) => out.split('\n').filter((line) => EVENT_LINE.test(line));

/** Stats lines with received video in the log file so far, per reporting page. */
async function statsWithVideo(logFile: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const text = await readFile(logFile, 'utf8').catch(() => '');
  for (const line of text.split('\n').slice(0, -1)) {
    const record = JSON.parse(line) as { type: string; peer?: { id: string }; video?: { inKbps: number } };
    if (record.type === 'stats' && record.peer && (record.video?.inKbps ?? 0) > 0) counts.set(record.peer.id, (counts.get(record.peer.id) ?? 0) + 1);
  }
  return counts;
}

/** A report opened as a person would, from disk, counting every request the page makes and every console error. */
async function openReport(browser: Browser, file: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pathToFileURL(file).href);
  return { page, requests, errors, close: () => context.close() };
}

const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

describe('a picture of a call', () => {
  let browser: Browser;
  let dir: string;
  let logFile: string;
  let liveReport: string;
  let live: RunningCli;

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'webrtc-call-report-'));
    logFile = join(dir, 'call.ndjson');
    liveReport = join(dir, 'live', 'report.html');
    // A real call between two Chromium pages, recorded as a user would: pretty view, --log-file, --report.
    live = runCli([...START_ON_LOOPBACK, '--log-file', logFile, '--report', liveReport]);
    const pages: CallPage[] = [];
    try {
      const [, local = ''] = await live.waitForOutput(/Local:\s+(\S+)/);
      const url = local.replace('localhost', '127.0.0.1');
      pages.push(await openCallPage(browser, url));
      pages.push(await openCallPage(browser, url));
      await Promise.all(pages.map((p, i) => expectRemoteVideo(p.page, `page ${i + 1}`)));
      // A few reports from each page, so each chart has a line to draw.
      await waitFor('three stats reports with video from each page', async () => {
        const counts = [...(await statsWithVideo(logFile)).values()];
        return counts.length === 2 && counts.every((n) => n >= 3);
      }, { timeoutMs: 40_000 });
      await Promise.all(pages.splice(0).map((p) => p.close()));
      await live.waitForOutput(/summary\s+call lasted/);
      expect(await live.stop()).toBe(0);
    } finally {
      await Promise.all(pages.map((p) => p.close()));
      await live.stop('SIGKILL');
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('start --report writes the report when the server stops, and says where', async () => {
    expect(live.stdout()).toContain(`report of the call: ${liveReport}`);
    expect((await stat(liveReport)).size).toBeGreaterThan(0);
  });

  it('report draws the lanes, arrows and charts of the recorded call, and the page loads nothing', async () => {
    const output = join(dir, 'call.html');
    const cli = runCli(['report', logFile, '-o', output]);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toMatch(/^Wrote .*call\.html \(\d+\.\d KB\): open it in any browser\.$/m);

    const report = await openReport(browser, output, { width: 1000, height: 1400 });
    try {
      const { page } = report;
      expect(await page.title()).toMatch(/^Call in room \S+ · webrtc-call report$/);
      expect(await texts(page, 'svg.ladder .lane-name')).toEqual(['laptop', 'server', 'laptop 2']);
      const arrows = await texts(page, 'svg.ladder a.step .what');
      expect(arrows.filter((a) => a === 'join')).toHaveLength(2);
      for (const step of ['offer', 'answer', 'connected', 'path', 'leave']) expect(arrows).toContain(step);
      expect(arrows.some((a) => /^\d+ candidates?( \+ end)?$/.test(a))).toBe(true);
      expect(arrows.indexOf('offer')).toBeLessThan(arrows.indexOf('answer'));

      // What the README shows: the top of the page as it opens.
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'report.png') });

      // The offer's SDP summary: as a tooltip, and in the list an arrow links to (a tap on a phone).
      const offer = page.locator('svg.ladder a.step', { has: page.locator('.what', { hasText: /^offer$/ }) }).first();
      expect(await offer.locator('title').textContent()).toMatch(/offer\n\d+\.\d KB · audio opus[^\n]* sendrecv · video VP8[^\n]* sendrecv/);
      // The line's middle is on the server's lane, inside the same link.
      await offer.locator('line').click({ force: true });
      expect(await page.locator('ol.events li:target').textContent()).toMatch(/laptop 2 → laptop offer.*audio opus/);

      for (const chart of ['bitrate', 'rtt', 'fps', 'loss']) {
        const lines = await page.locator(`#chart-${chart} .series path`).evaluateAll((paths) => paths.map((p) => (p.getAttribute('d') ?? '').split('L').length));
        expect(lines, `${chart}: a line per page, each through several reports`).toHaveLength(2);
        for (const points of lines) expect(points).toBeGreaterThanOrEqual(2);
      }
      expect(await texts(page, 'ul.legend li')).toEqual(expect.arrayContaining(['laptop ← laptop 2', 'laptop 2 ← laptop', 'J: join']));
      expect(await page.locator('#chart-bitrate .marker.join').count()).toBe(1);
      expect(await page.locator('ul.paths li').first().textContent()).toMatch(/host udp 127\.0\.0\.1:\d+ ⇄ host udp 127\.0\.0\.1:\d+/);
      expect(await page.locator('dl.summary').textContent()).toMatch(/Lasted\d+ s/);

      expect(report.errors).toEqual([]);
      expect(report.requests).toEqual([pathToFileURL(output).href]);
    } finally {
      await report.close();
    }
  });

  it('fits a phone: no sideways scrolling, and the same report needs nothing from the network', async () => {
    const report = await openReport(browser, liveReport, { width: 390, height: 844 });
    try {
      const { page } = report;
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await page.locator('svg.chart').count()).toBe(4);
      await page.screenshot({ path: join(SCREENSHOTS, 'report-phone.png'), fullPage: true });
      expect(report.errors).toEqual([]);
      expect(report.requests).toEqual([pathToFileURL(liveReport).href]);
    } finally {
      await report.close();
    }
  });

  it('replay prints the same lines as the live view did', async () => {
    const replay = runCli(['replay', logFile]);
    expect(await replay.exited).toBe(0);
    const replayed = eventLines(replay.stdout());
    expect(replayed.length).toBeGreaterThan(10);
    expect(replayed).toEqual(eventLines(live.stdout()));
  });

  it('report refuses a file that is not a call log, saying what to do', async () => {
    const notALog = join(dir, 'notes.txt');
    await copyFile(new URL(import.meta.url), notALog);
    const cli = runCli(['report', notALog]);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toContain(`webrtc-call: cannot use ${notALog}: it is not an NDJSON log of webrtc-call (line 1: not JSON); record a call with "webrtc-call start --log-file call.ndjson"`);
  });
});
