/**
 * The call page on small and sideways phones: every control on screen and tappable whatever the
 * screen and the language, and nothing the person needs (their preview, the invite, the status)
 * hidden under the control bar, while waiting and in a call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectRemoteVideo, launchBrowser, openCallPage, type CallPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const SCREENS = [
  { name: 'the smallest phone held upright (320×568), English', device: { viewport: { width: 320, height: 568 }, locale: 'en-US' } },
  { name: 'a phone held sideways (844×390), Spanish', device: { viewport: { width: 844, height: 390 }, locale: 'es-ES' } },
  { name: 'a small phone upright (360×640), Portuguese', device: { viewport: { width: 360, height: 640 }, locale: 'pt-BR' } },
];

interface Box { x: number; y: number; width: number; height: number }

/** What a person sees of the page: each control's box and whether a tap at its middle reaches it, and the boxes above the bar. */
function layout(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element | null) => {
      if (!(el instanceof HTMLElement) || el.offsetParent === null) return undefined;
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const controls = [...document.querySelectorAll<HTMLButtonElement>('#controls button')].filter((b) => b.offsetParent !== null).map((button) => {
      const r = button.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return { name: button.textContent ?? '', box: box(button), reached: hit !== null && button.contains(hit) };
    });
    return { viewport: { width: innerWidth, height: innerHeight }, bar: box(document.querySelector('#controls')), controls, status: box(document.querySelector('#status')), local: box(document.querySelector('#local')), invite: box(document.querySelector('#invite')) };
  });
}

function expectUsable(seen: Awaited<ReturnType<typeof layout>>, what: string, above: Array<'local' | 'invite' | 'status'>) {
  const { viewport, bar } = seen;
  const inside = (b: Box) => b.x >= 0 && b.y >= 0 && b.x + b.width <= viewport.width + 0.5 && b.y + b.height <= viewport.height + 0.5;
  expect(bar, `${what}: the control bar`).toBeDefined();
  expect(seen.controls.map((c) => c.name)).toEqual(expect.arrayContaining([expect.any(String)]));
  for (const control of seen.controls) {
    expect(control.box && inside(control.box) && control.box.height >= 44, `${what}: "${control.name}" is on screen, 44 px tall`).toBe(true);
    expect(control.reached, `${what}: a tap on "${control.name}" reaches it`).toBe(true);
  }
  for (const name of above) {
    const b = seen[name];
    expect(b, `${what}: ${name} is shown`).toBeDefined();
    if (!b || !bar) continue;
    expect(b.y >= 0 && b.y + b.height <= bar.y + 0.5, `${what}: ${name} (${b.y}–${b.y + b.height}) is on screen above the bar (from ${bar.y})`).toBe(true);
  }
}

describe('the call page on small and sideways phones', () => {
  let browser: Browser;
  let server: TestServer;
  const pages: CallPage[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    // A Network URL to invite to, as on a laptop on Wi-Fi: only shown and drawn as a QR code, never contacted.
    server = await startTestServer({ openRooms: true, host: '0.0.0.0', interfaces: { wlan0: [{ address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: false, cidr: '192.168.1.20/24' }] } });
  });
  afterAll(async () => {
    await Promise.all(pages.map((p) => p.close()));
    await server?.close();
    await browser?.close();
  });

  for (const { name, device } of SCREENS) {
    it(`${name}: every control on screen and tappable; preview, invite and status above the bar, waiting and in a call`, async () => {
      const room = `${server.url}-${device.viewport.width}`;
      const phone = await openCallPage(browser, room, { device: { ...device, hasTouch: true, isMobile: true } });
      pages.push(phone);
      const shown: Array<[string, string]> = [['waiting', '#call[data-state="waiting"]'], ['the invite', '#invite-qr'], ['the preview', '#local'], ['the controls', '#controls']];
      for (const [what, selector] of shown) {
        await waitFor(what, () => phone.page.locator(selector).isVisible());
      }
      expectUsable(await layout(phone.page), `${name}, waiting`, ['status', 'local', 'invite']);

      const other = await openCallPage(browser, room);
      pages.push(other);
      await expectRemoteVideo(phone.page, 'phone', 30_000);
      expectUsable(await layout(phone.page), `${name}, in a call`, ['local']);
    });
  }
});
