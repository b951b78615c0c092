/**
 * Calls with Firefox in them. On the simulated Wi-Fi (simulated-lan.ts, with default routes:
 * Firefox gathers no ICE candidate at all in a namespace without one), the laptop runs the real
 * `webrtc-call start` and Chromium on its Local URL; Firefox is the other device, on the
 * "phone" side, opening the Network URL over HTTPS with the generated certificate accepted as a
 * person would. One Chromium and one Firefox for the whole file, each page in its own context;
 * --open-rooms gives each test a room of its own.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Browser as FirefoxBrowser } from 'puppeteer-core';
import { roomPath } from '../../src/shared/protocol.js';
import { connectedRemoteAddress, expectEveryRemoteVideo, expectRemoteVideo, openCallPage, peerConnectionCount, statusText, type CallPage, type EvaluatingPage } from '../helpers/browser.js';
import { runCli, type RunningCli } from '../helpers/cli.js';
import { launchFirefox, openFirefoxCallPage, type FirefoxCallPage } from '../helpers/firefox.js';
import { decodeTerminalQr } from '../helpers/qr.js';
import { createSimulatedLan, LAPTOP_ADDRESS, PHONE_ADDRESS, type SimulatedLan } from '../helpers/simulated-lan.js';
import { waitFor } from '../helpers/wait.js';

function urlAfter(label: string, output: string): string {
  const url = new RegExp(`➜  ${label}:\\s+(\\S+)`).exec(output)?.[1];
  if (!url) throw new Error(`start printed no ${label} URL:\n${output}`);
  return url;
}

// Two browsers and the real CLI on 2 shared cores: generous deadlines, no timing claims.
describe('calls between Chromium and Firefox', { timeout: 180_000 }, () => {
  let lan: SimulatedLan;
  let cli: RunningCli;
  let chromium: Browser;
  let firefox: FirefoxBrowser;
  const pages: Array<CallPage | FirefoxCallPage> = [];
  let rooms = 0;

  beforeAll(async () => {
    lan = await createSimulatedLan({ label: 'firefox', defaultRoutes: true });
    cli = runCli(['start', '--no-open', '--port', '3000', '--open-rooms', '--max-peers', '3'], {}, { namespace: lan.laptop });
    await cli.waitForOutput(/Press Ctrl\+C/, 60_000);
    [chromium, firefox] = await Promise.all([lan.launchBrowser(lan.laptop), launchFirefox(lan.phone)]);
  }, 120_000);

  afterAll(async () => {
    try {
      await chromium?.close();
      await firefox?.close();
      await cli?.stop();
    } finally {
      await lan?.remove();
    }
  }, 60_000);

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
  });

  /** A new room, as the laptop (Local URL) and the other device (Network URL) open it. */
  const newRoom = () => {
    const path = roomPath(`firefox-${++rooms}`);
    return { laptop: new URL(path, urlAfter('Local', cli.stdout())).href, phone: new URL(path, urlAfter('Network', cli.stdout())).href };
  };
  const openChromium = async (url: string) => {
    const page = await openCallPage(chromium, url);
    pages.push(page);
    return page;
  };
  const openFirefox = async (url: string) => {
    const page = await openFirefoxCallPage(firefox, url);
    pages.push(page);
    return page;
  };
  const waitingForSomeone = (page: EvaluatingPage, label: string) =>
    waitFor(`${label} to wait for someone`, async () => /waiting for someone to join/i.test(await statusText(page)), { timeoutMs: 30_000 });
  /** Chromium on the laptop waits in a new room, Firefox joins it, and each decodes the other's video. */
  const chromiumThenFirefox = async () => {
    const room = newRoom();
    const chromiumPage = await openChromium(room.laptop);
    await waitingForSomeone(chromiumPage.page, 'Chromium');
    const firefoxPage = await openFirefox(room.phone);
    await Promise.all([expectRemoteVideo(chromiumPage.page, 'Chromium', 30_000), expectRemoteVideo(firefoxPage.page, 'Firefox', 30_000)]);
    return { a: chromiumPage.page, b: firefoxPage.page };
  };

  it('Chromium waits, Firefox joins: each decodes the other\'s video, and the terminal reads Firefox\'s offer right', async () => {
    const { a, b } = await chromiumThenFirefox();
    expect(await statusText(a)).toMatch(/in the call/i);
    expect(await statusText(b)).toMatch(/in the call/i);
    // Firefox's bundled video section rides on the audio section's transport (port 0 with
    // a=bundle-only): it is sent and received, not rejected, and the terminal says so.
    const described = cli.stdout().split('\n').filter((line) => line.includes('firefox-1') && /\s(offer|answer)\s/.test(line));
    expect(described.length).toBeGreaterThanOrEqual(2);
    for (const line of described) expect(line).toMatch(/audio opus\S* sendrecv · video \S+ sendrecv( · data channel)?$/);
  });

  it('Firefox waits, Chromium joins: each decodes the other\'s video', async () => {
    const room = newRoom();
    const a = await openFirefox(room.phone);
    await waitingForSomeone(a.page, 'Firefox');
    const b = await openChromium(room.laptop);
    await Promise.all([expectRemoteVideo(a.page, 'Firefox', 30_000), expectRemoteVideo(b.page, 'Chromium', 30_000)]);
  });

  it('brings the call back after the Firefox side reloads', async () => {
    const { a, b } = await chromiumThenFirefox();
    const connectionsBefore = await peerConnectionCount(a);
    await b.reload();
    await waitFor('Chromium to open a new connection', async () => (await peerConnectionCount(a)) > connectionsBefore, { timeoutMs: 30_000 });
    await Promise.all([expectRemoteVideo(a, 'Chromium after the reload', 30_000), expectRemoteVideo(b, 'Firefox after the reload', 30_000)]);
  });

  it('holds a three-person call: two Chromium pages and one Firefox page each see both others', async () => {
    const room = newRoom();
    const a = await openChromium(room.laptop);
    await waitingForSomeone(a.page, 'Chromium A');
    const b = await openFirefox(room.phone);
    await expectRemoteVideo(a.page, 'Chromium A', 30_000);
    const c = await openChromium(room.laptop);
    await Promise.all([
      expectEveryRemoteVideo(a.page, 'Chromium A', 2, 45_000),
      expectEveryRemoteVideo(b.page, 'Firefox', 2, 45_000),
      expectEveryRemoteVideo(c.page, 'Chromium C', 2, 45_000),
    ]);
  });

  it('Firefox as the phone: scans the QR code, opens the https page as a secure context, and the call goes over the Wi-Fi', async () => {
    const scanned = decodeTerminalQr(cli.stdout()) ?? '';
    expect(scanned).toBe(urlAfter('Network', cli.stdout()));
    expect(scanned).toMatch(new RegExp(`^https://${LAPTOP_ADDRESS.replaceAll('.', '\\.')}:3000/r/`));
    const laptop = await openChromium(urlAfter('Local', cli.stdout()));
    await waitingForSomeone(laptop.page, 'the laptop');
    const phone = await openFirefox(scanned);
    expect(phone.page.url()).toBe(scanned);
    expect(await phone.page.evaluate(() => window.isSecureContext)).toBe(true);
    await Promise.all([expectRemoteVideo(laptop.page, 'laptop', 30_000), expectRemoteVideo(phone.page, 'Firefox phone', 30_000)]);
    expect(await statusText(phone.page)).toMatch(/in the call/i);
    expect(await connectedRemoteAddress(phone.page)).toBe(LAPTOP_ADDRESS);
    expect(await connectedRemoteAddress(laptop.page)).toBe(PHONE_ADDRESS);
  });
});
