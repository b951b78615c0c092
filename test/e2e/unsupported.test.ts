/**
 * A browser that cannot call (an in-app browser of a scanner or chat app, WebKit without
 * WebRTC) gets a clear way out instead of "Starting…", and the terminal learns which browser
 * came and what it lacked.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../src/server/index.js';
import { expectRemoteVideo, openCallPage } from '../helpers/browser.js';
import { useCallPages } from '../helpers/call-pages.js';
import { runCli } from '../helpers/cli.js';
import { createSimulatedLan, LAPTOP_ADDRESS } from '../helpers/simulated-lan.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { launchWebKit, type WebKitPage } from '../helpers/webkit.js';

const ARTIFACTS = 'test-results/webkit';
const HEADLINE = "This browser can't make calls: it has no WebRTC (RTCPeerConnection). Open the link in Safari, Chrome or Firefox.";

/** The join and unsupported events of the visitor, once both are in. */
function visitorEvents(log: CallEvent[]) {
  const join = log.find((e): e is Extract<CallEvent, { type: 'join' }> => e.type === 'join' && e.visitor === true);
  const unsupported = log.find((e): e is Extract<CallEvent, { type: 'unsupported' }> => e.type === 'unsupported');
  return join && unsupported ? { join, unsupported } : undefined;
}

describe('WebKit without WebRTC (WebKitGTK MiniBrowser)', () => {
  let server: TestServer;
  let webkit: WebKitPage;
  beforeAll(async () => {
    server = await startTestServer({ room: 'standup' }); // a readable link in the screenshot
    webkit = await launchWebKit();
  });
  afterAll(async () => {
    await webkit?.close();
    await server?.close();
  });

  it('says what is missing, offers the link to copy, and joins as a visitor the terminal shows', async () => {
    await webkit.setWindowSize(390, 844); // a phone's screen, where in-app browsers live
    await webkit.goto(server.url);
    await waitFor('the cannot-call message', () => webkit.evaluate<boolean>('return !document.getElementById("cannot-call").hidden'));
    const page = await webkit.evaluate<Record<string, unknown>>(`
      const shown = (id) => { const e = document.getElementById(id); return !!e && e.getClientRects().length > 0; };
      return {
        headline: document.getElementById('cannot-call-headline').textContent,
        link: document.getElementById('cannot-call-link').value,
        button: shown('copy-link') && document.getElementById('copy-link').textContent,
        status: document.getElementById('status').textContent,
        controls: shown('controls'),
        camera: shown('local') || document.getElementById('local').srcObject !== null,
      };`);
    expect(page).toEqual({ headline: HEADLINE, link: server.url, button: 'Copy link', status: "Can't call from this browser", controls: false, camera: false });

    await mkdir(ARTIFACTS, { recursive: true });
    const png = await webkit.screenshot();
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    await writeFile(`${ARTIFACTS}/unsupported-webkit.png`, png); // docs/unsupported-webkit.png is a copy

    await webkit.click('#copy-link');
    const copied = await waitFor('the copy to be confirmed', () => webkit.evaluate<string>('return document.getElementById("copy-result").textContent'));
    expect(copied).toBe('Link copied. Paste it into Safari, Chrome or Firefox.');

    const { join, unsupported } = await waitFor('the visitor\'s join and unsupported events', () => visitorEvents(server.log));
    expect(join.userAgent).toMatch(/AppleWebKit\/605/);
    expect(unsupported).toMatchObject({ room: server.room, peerId: join.peerId, missing: ['RTCPeerConnection'] });

  });
});

/** An in-app browser with camera access but no WebRTC, as some chat apps' web views are. */
const NO_WEBRTC = () => {
  let cameraRequests = 0;
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (constraints) => {
    cameraRequests += 1;
    return getUserMedia(constraints);
  };
  Object.defineProperty(window, '__cameraRequests', { get: () => cameraRequests });
  Object.defineProperty(window, 'RTCPeerConnection', { value: undefined });
};

describe('a visitor that cannot call, in a call of two (Chromium)', () => {
  const call = useCallPages();

  it('takes no place in the room, is never called, and asks for no camera', async () => {
    const visitor = await call.open({ initScript: NO_WEBRTC });
    await waitFor('the cannot-call message', () => visitor.page.locator('#cannot-call-headline').isVisible());
    expect(await visitor.page.locator('#cannot-call-headline').innerText()).toBe(HEADLINE);

    // The call is for two: both callers still get in and see each other.
    const a = await call.open();
    const b = await call.open();
    await expectRemoteVideo(a.page, 'the first caller');
    await expectRemoteVideo(b.page, 'the second caller');
    expect(await a.page.locator('#remotes .tile').count()).toBe(1);
    const openConnections = await a.page.evaluate(() =>
      (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.filter((pc) => pc.signalingState !== 'closed').length);
    expect(openConnections).toBe(1);

    expect(await visitor.page.evaluate(() => (window as unknown as { __cameraRequests: number }).__cameraRequests)).toBe(0);
    expect(await visitor.page.locator('#controls').isVisible()).toBe(false);
    const { unsupported } = await waitFor('the visitor\'s events', () => visitorEvents(call.events()));
    expect(unsupported.missing).toEqual(['RTCPeerConnection']);
    // Nobody was sent a signal for the visitor, nor told it joined.
    expect(call.events().some((e) => e.type === 'signal' && (e.to === unsupported.peerId || e.from === unsupported.peerId))).toBe(false);
  });
});

describe('a phone on plain http (start --no-https, simulated Wi-Fi)', () => {
  it('is told its page is not secure and how to get the https link; the terminal names the missing secure context', { timeout: 180_000 }, async () => {
    const lan = await createSimulatedLan();
    const cli = runCli(['start', '--no-open', '--json', '--host', '0.0.0.0', '--port', '3000', '--room', 'plain', '--no-https'], {}, { namespace: lan.laptop });
    try {
      await cli.waitForOutput(/"type":"ready"/, 60_000);
      const phone = await lan.launchBrowser(lan.phone);
      try {
        const { page } = await openCallPage(phone, `http://${LAPTOP_ADDRESS}:3000/r/plain`);
        expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
        await waitFor('the cannot-call message', () => page.locator('#cannot-call-headline').isVisible(), { timeoutMs: 30_000 });
        expect(await page.locator('#cannot-call-headline').innerText()).toMatch(/^This page was opened over plain http:\/\/, so the browser gives it no camera/);
        await waitFor('the advice about https', async () => /started with --no-https/.test(await page.locator('#cannot-call-hint').innerText()));
        expect(await page.locator('#copy-link').isVisible()).toBe(true);
        const unsupported = await waitFor('the unsupported record', () => cli.records().find((r) => r.type === 'unsupported'), { timeoutMs: 30_000 });
        expect(unsupported).toMatchObject({ room: 'plain', missing: ['secure-context', 'getUserMedia'] });
        expect(cli.records().find((r) => r.type === 'join')).toMatchObject({ visitor: true, address: expect.stringContaining('192.168.77.2') });
      } finally {
        await phone.close();
      }
    } finally {
      await cli.stop('SIGKILL');
      await lan.remove();
    }
  });
});
