/**
 * Firefox whose camera is blocked or missing still joins, receive-only, and is told what
 * happened in Firefox's words; the Chromium on the other side shows "No camera". On the
 * simulated Wi-Fi with default routes, as test/e2e/firefox.test.ts (Firefox gathers no
 * candidate in a namespace without one): the laptop runs `start` and Chromium, Firefox is the
 * other device on the Network URL.
 */
import type { Browser } from 'playwright-core';
import type { Browser as FirefoxBrowser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomPath } from '../../src/shared/protocol.js';
import { expectRemoteVideo, openCallPage, type EvaluatingPage } from '../helpers/browser.js';
import { runCli, type RunningCli } from '../helpers/cli.js';
import { launchFirefox, openFirefoxCallPage } from '../helpers/firefox.js';
import { createSimulatedLan, type SimulatedLan } from '../helpers/simulated-lan.js';
import { waitFor } from '../helpers/wait.js';

const CASES = [
  {
    what: 'blocked (its permission prompt answered "Block")',
    // 2 = block: getUserMedia fails with NotAllowedError as after the person's "Block".
    prefs: { 'media.navigator.permission.disabled': false, 'permissions.default.camera': 2, 'permissions.default.microphone': 2 },
    problem: /blocked\. To allow it, click the crossed-out camera icon at the left of the address bar.*still see and hear/,
  },
  {
    what: 'missing (no fake devices, and this machine has no camera or microphone)',
    prefs: { 'media.navigator.streams.fake': false },
    problem: /No camera or microphone was found.*still see and hear/,
  },
];

const problemText = (page: EvaluatingPage) => page.evaluate(() => {
  const problem = document.querySelector<HTMLElement>('#problem');
  return problem && !problem.hidden && problem.innerText ? problem.innerText : undefined;
});

describe('Firefox whose camera cannot be used', { timeout: 180_000 }, () => {
  let lan: SimulatedLan;
  let cli: RunningCli;
  let chromium: Browser;
  const networkUrl = () => /➜ {2}Network:\s+(\S+)/.exec(cli.stdout())?.[1] ?? '';
  const localUrl = () => /➜ {2}Local:\s+(\S+)/.exec(cli.stdout())?.[1] ?? '';

  beforeAll(async () => {
    lan = await createSimulatedLan({ label: 'nocam', defaultRoutes: true });
    cli = runCli(['start', '--no-open', '--port', '3000', '--open-rooms'], {}, { namespace: lan.laptop });
    await cli.waitForOutput(/Press Ctrl\+C/, 60_000);
    chromium = await lan.launchBrowser(lan.laptop);
  }, 120_000);
  afterAll(async () => {
    try {
      await chromium?.close();
      await cli?.stop();
    } finally {
      await lan?.remove();
    }
  }, 60_000);

  for (const [index, { what, prefs, problem }] of CASES.entries()) {
    it(`${what}: joins receive-only, says so in Firefox's words; Chromium sees "No camera"`, async () => {
      const path = roomPath(`no-camera-${index}`);
      const firefox: FirefoxBrowser = await launchFirefox(lan.phone, prefs);
      const laptop = await openCallPage(chromium, new URL(path, localUrl()).href);
      try {
        await waitFor('the laptop to wait', async () => /waiting/i.test(await laptop.page.locator('#status').innerText()), { timeoutMs: 30_000 });
        const phone = await openFirefoxCallPage(firefox, new URL(path, networkUrl()).href);
        expect(await waitFor('Firefox to explain the camera', () => problemText(phone.page), { timeoutMs: 30_000 })).toMatch(problem);
        await expectRemoteVideo(phone.page, 'Firefox without a camera', 30_000);
        const label = laptop.page.locator('#remotes .tile .no-camera');
        await waitFor('Chromium to show "No camera" for Firefox', () => label.isVisible(), { timeoutMs: 30_000 });
      } finally {
        await laptop.close();
        await firefox.close();
      }
    });
  }
});
