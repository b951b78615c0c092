/**
 * Scenario 4b: call set-up with Firefox, next to Chromium in the very same setting. Firefox
 * gathers no ICE candidate without a default route, so this runs on the test suite's simulated
 * Wi-Fi (two namespaces with one, inside the bench's own namespace): the real `start --quiet` and
 * Chromium page A on the "laptop" (Local URL), page B on the "phone" (Network URL, https)
 * either in Chromium or in Firefox. Timed as call-setup.ts times it: from B's navigation to the
 * first decoded remote frame on both sides, A waiting first and the machine settled.
 */
import type { Browser } from 'playwright-core';
import type { Browser as FirefoxBrowser } from 'puppeteer-core';
import { roomPath } from '../../src/shared/protocol.js';
import { runCli } from '../../test/helpers/cli.js';
import { launchFirefox } from '../../test/helpers/firefox.js';
import { createSimulatedLan, LAPTOP_ADDRESS } from '../../test/helpers/simulated-lan.js';
import { A_WAITS_MS, CALL_TIMEOUT_MS, FIRST_FRAME_BINDING, QUIET_WAIT_MAX_MS, RECORD_MARKS, recordMarks, type Marks } from './call-setup.js';
import { waitForQuietCpu } from './quiet-cpu.js';
import { percentile, within } from './stats.js';
import { startWarmPageIn, type WarmPage } from './warm-page.js';

export interface PairResult {
  calls: number;
  successes: number;
  p50Ms?: number;
  p90Ms?: number;
  failures: string[];
}

export interface FirefoxCallSetupResult {
  /** Page B in Chromium, and in Firefox; page A in Chromium for both. */
  chromium: PairResult;
  firefox: PairResult;
  browsers: string;
}

/** Page B, whichever browser runs it: where to go, and its marks once it decodes a remote frame. */
interface PageB {
  goto(url: string): Promise<unknown>;
  marks: Promise<Marks>;
  close(): Promise<void>;
}

export async function measureFirefoxCallSetup(calls: number, progress: (line: string) => void = () => {}): Promise<FirefoxCallSetupResult> {
  const lan = await createSimulatedLan({ label: 'firefox-bench', defaultRoutes: true });
  const cli = runCli(['start', '--no-open', '--quiet', '--port', '3000', '--open-rooms'], {}, { namespace: lan.laptop });
  let chromium: Browser | undefined;
  let phoneChromium: Browser | undefined;
  let firefox: FirefoxBrowser | undefined;
  let warmPage: WarmPage | undefined;
  try {
    const [, local = ''] = await cli.waitForOutput(/Local:\s+(\S+)/, 60_000);
    const [, network = ''] = await cli.waitForOutput(/Network:\s+(\S+)/, 5_000);
    [chromium, phoneChromium, firefox] = await Promise.all([lan.launchBrowser(lan.laptop), lan.launchBrowser(lan.phone), launchFirefox(lan.phone)]);
    const laptop = chromium;
    // B waits on a page of another origin on the laptop (as call-setup.ts's B does): its browser
    // is running, but nothing of the call's site is in its cache.
    warmPage = await startWarmPageIn(lan.laptop, LAPTOP_ADDRESS);
    const warmUrl = warmPage.url;
    const inChromium = async (): Promise<PageB> => {
      const context = await (phoneChromium as Browser).newContext({ ignoreHTTPSErrors: true });
      const [page, marks] = await recordMarks(context);
      return { goto: (url) => page.goto(url), marks, close: () => context.close() };
    };
    const inFirefox = async (): Promise<PageB> => {
      const context = await (firefox as FirefoxBrowser).createBrowserContext();
      const page = await context.newPage();
      let resolveMarks: (marks: Marks) => void = () => {};
      const marks = new Promise<Marks>((resolve) => (resolveMarks = resolve));
      // A BiDi channel, as the Chromium side's CDP binding: not subject to the page's CSP.
      await page.exposeFunction(FIRST_FRAME_BINDING, (pageMarks: Marks) => resolveMarks(pageMarks));
      await page.evaluateOnNewDocument(RECORD_MARKS);
      return { goto: (url) => page.goto(url), marks, close: () => context.close() };
    };
    const pairs = { chromium: inChromium, firefox: inFirefox };
    const setups: Record<keyof typeof pairs, number[]> = { chromium: [], firefox: [] };
    const failures: Record<keyof typeof pairs, string[]> = { chromium: [], firefox: [] };
    for (const [name, openB] of Object.entries(pairs)) {
      // One untimed call first: first-use costs are not a user's.
      await oneCall(laptop, openB, local, network, warmUrl, `${name}-warm-up`).catch(() => undefined);
    }
    // Alternating, so the load of this shared machine drifts the same way for both.
    for (let i = 0; i < calls; i++) {
      for (const [name, openB] of Object.entries(pairs) as Array<[keyof typeof pairs, () => Promise<PageB>]>) {
        try {
          const setupMs = await oneCall(laptop, openB, local, network, warmUrl, `${name}-${i}`);
          setups[name].push(setupMs);
          progress(`Chromium ↔ ${name === 'firefox' ? 'Firefox' : 'Chromium'} call ${i + 1}/${calls}: ${Math.round(setupMs)} ms to first frames`);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          failures[name].push(message);
          progress(`Chromium ↔ ${name === 'firefox' ? 'Firefox' : 'Chromium'} call ${i + 1}/${calls}: failed (${message})`);
        }
      }
    }
    const result = (name: keyof typeof pairs): PairResult => ({
      calls,
      successes: setups[name].length,
      p50Ms: percentile(setups[name], 50),
      p90Ms: percentile(setups[name], 90),
      failures: failures[name],
    });
    return {
      chromium: result('chromium'),
      firefox: result('firefox'),
      // puppeteer names it "firefox/153.8.0"
      browsers: `Chromium ${chromium.version()}, Firefox ${(await firefox.version()).replace(/^firefox\//i, '')}`,
    };
  } finally {
    await Promise.all([chromium?.close(), phoneChromium?.close(), firefox?.close(), warmPage?.close()]);
    await cli.stop();
    await lan.remove();
  }
}

async function oneCall(laptop: Browser, openB: () => Promise<PageB>, local: string, network: string, warmUrl: string, room: string): Promise<number> {
  const contextA = await laptop.newContext();
  const b = await openB();
  try {
    const [a, marksA] = await recordMarks(contextA);
    await a.goto(new URL(roomPath(room), local).href);
    await a.getByText(/waiting for someone/i).waitFor({ timeout: CALL_TIMEOUT_MS });
    await new Promise((resolve) => setTimeout(resolve, A_WAITS_MS));
    await waitForQuietCpu(QUIET_WAIT_MAX_MS);
    await b.goto(warmUrl);
    const openedB = Date.now();
    await b.goto(new URL(roomPath(room), network).href);
    const [first, second] = await within(CALL_TIMEOUT_MS, 'both pages to decode remote video', Promise.all([marksA, b.marks]));
    return Math.max(first.firstRemoteFrameAt ?? Infinity, second.firstRemoteFrameAt ?? Infinity) - openedB;
  } finally {
    await Promise.all([contextA.close(), b.close()]);
  }
}
