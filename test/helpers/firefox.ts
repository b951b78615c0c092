/**
 * Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi (puppeteer never downloads
 * a browser here: it is given the executable). It runs inside a network namespace the test made
 * with a default route (simulated-lan.ts `defaultRoutes`), because Firefox gathers no ICE
 * candidate at all in a namespace without one, such as the suite's loopback-only one.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { pageScript, RECORD_MEDIA_EVENTS, RECORD_PEER_CONNECTIONS } from './browser.js';
import { startVirtualDisplay } from './virtual-display.js';

export const FIREFOX_PATH = '/usr/bin/firefox-esr';

/** A test call: fake camera and microphone, no permission prompt, candidates as they are. */
export const FIREFOX_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // gather on loopback too, and show host addresses instead of mDNS names (no mDNS here)
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  // 0 = allow: the remote <video> plays with sound, as after a person's click
  'media.autoplay.default': 0,
};

const IN_NAMESPACE = fileURLToPath(new URL('./firefox-in-namespace-main.ts', import.meta.url));

/**
 * One Firefox inside `namespace` (an `ip netns` one); each page opens in its own context.
 * `prefs` change FIREFOX_PREFS, e.g. a camera that is blocked or missing. `screen`: a windowed
 * Firefox on a virtual X display of its own (Xvfb), for screen sharing. Headless Firefox has
 * no screen to capture: its getDisplayMedia fails with NotFoundError. On a display, with
 * media.navigator.permission.disabled, a click's getDisplayMedia gets the whole display
 * ("Primary Monitor") with no picker.
 */
export async function launchFirefox(namespace: string, prefs: Record<string, unknown> = {}, { screen = false } = {}): Promise<Browser> {
  const scratch = await mkdtemp(join(tmpdir(), 'webrtc-call-firefox-'));
  try {
    const wrapper = join(scratch, 'firefox');
    await writeFile(wrapper, `#!/bin/sh\nexec '${process.execPath}' --import tsx '${IN_NAMESPACE}' '${namespace}' '${FIREFOX_PATH}' "$@"\n`);
    await chmod(wrapper, 0o755);
    const display = screen ? await startVirtualDisplay() : undefined;
    try {
      const browser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: wrapper,
        headless: display === undefined,
        acceptInsecureCerts: true,
        extraPrefsFirefox: { ...FIREFOX_PREFS, ...prefs },
        ...(display && { env: { ...process.env, DISPLAY: display.display } }),
      });
      if (display) browser.once('disconnected', display.stop);
      return browser;
    } catch (error) {
      display?.stop();
      throw error;
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export interface FirefoxCallPage {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A page in its own browser context (separate storage, like another device), recorded as browser.ts's pages are; `initScript` runs after those. */
export async function openFirefoxCallPage(browser: Browser, url: string, options: { initScript?: () => void } = {}): Promise<FirefoxCallPage> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  for (const script of [RECORD_PEER_CONNECTIONS, RECORD_MEDIA_EVENTS, options.initScript ?? []].flat()) await page.evaluateOnNewDocument(pageScript(script));
  await page.goto(url);
  return { context, page, close: () => context.close() };
}
