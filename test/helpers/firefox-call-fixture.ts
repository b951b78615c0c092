/**
 * The set-up of a call between Chromium and Firefox on the simulated Wi-Fi (simulated-lan.ts,
 * with default routes: Firefox gathers no ICE candidate at all in a namespace without one): the
 * real `webrtc-call start` and Chromium on the "laptop", Firefox on the other device opening the
 * Network URL over HTTPS. One room, one scratch directory; everything is stopped and removed
 * after the file. Call it inside a `describe`: it registers the hooks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Browser as FirefoxBrowser, Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { roomPath } from '../../src/shared/protocol.js';
import { expectRemoteVideo, openCallPage, statusText, type CallPage } from './browser.js';
import { runCli, type RunningCli } from './cli.js';
import { launchFirefox, openFirefoxCallPage, type FirefoxCallPage } from './firefox.js';
import { createSimulatedLan, type SimulatedLan } from './simulated-lan.js';
import { waitFor } from './wait.js';

export interface FirefoxCallFixture {
  readonly cli: RunningCli;
  /** A scratch directory of the file's, removed after it. */
  readonly dir: string;
  /** Chromium waits in the room, Firefox joins it, and each decodes the other's video. */
  call(initScripts?: { laptop?: () => void; firefox?: () => void }): Promise<{ laptop: Page; firefox: FirefoxPage }>;
}

export function useFirefoxCallFixture(options: {
  /** In the namespaces' names. */
  label: string;
  room: string;
  /** More `start` flags, given the scratch directory. */
  startFlags?: (dir: string) => string[];
  /** launchFirefox's `screen`: a windowed Firefox on a virtual display. */
  screen?: boolean;
}): FirefoxCallFixture {
  let lan: SimulatedLan | undefined;
  let cli: RunningCli | undefined;
  let chromium: Browser | undefined;
  let firefox: FirefoxBrowser | undefined;
  let dir: string | undefined;
  const pages: Array<CallPage | FirefoxCallPage> = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `webrtc-call-${options.label}-`));
    lan = await createSimulatedLan({ label: options.label, defaultRoutes: true });
    const flags = ['--no-open', '--port', '3000', '--room', options.room, ...(options.startFlags?.(dir) ?? [])];
    cli = runCli(['start', ...flags], {}, { namespace: lan.laptop });
    await cli.waitForOutput(/Press Ctrl\+C/, 60_000);
    [chromium, firefox] = await Promise.all([lan.launchBrowser(lan.laptop), launchFirefox(lan.phone, {}, { screen: options.screen ?? false })]);
  }, 120_000);

  afterAll(async () => {
    try {
      await Promise.all(pages.splice(0).map((p) => p.close()));
      await chromium?.close();
      await firefox?.close();
      await cli?.stop();
    } finally {
      await lan?.remove();
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  const started = () => {
    if (!cli || !chromium || !firefox || !dir) throw new Error('the call is set up in beforeAll: use it inside a test');
    return { cli, chromium, firefox, dir };
  };

  return {
    get cli() {
      return started().cli;
    },
    get dir() {
      return started().dir;
    },
    async call(initScripts = {}) {
      const { cli, chromium, firefox } = started();
      const local = /➜  Local:\s+(\S+)/.exec(cli.stdout())?.[1];
      const network = /➜  Network:\s+(\S+)/.exec(cli.stdout())?.[1];
      if (!local || !network) throw new Error(`start printed no URLs:\n${cli.stdout()}`);
      const laptopCall = await openCallPage(chromium, new URL(roomPath(options.room), local).href, { initScript: initScripts.laptop });
      pages.push(laptopCall);
      const laptop = laptopCall.page;
      await waitFor('the laptop to wait', async () => /waiting for someone/i.test(await statusText(laptop)), { timeoutMs: 30_000 });
      const firefoxCall = await openFirefoxCallPage(firefox, new URL(roomPath(options.room), network).href, { initScript: initScripts.firefox });
      pages.push(firefoxCall);
      await Promise.all([expectRemoteVideo(laptop, 'Chromium', 30_000), expectRemoteVideo(firefoxCall.page, 'Firefox', 30_000)]);
      return { laptop, firefox: firefoxCall.page };
    },
  };
}
