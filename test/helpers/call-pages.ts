import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { CallServerOptions } from '../../src/server/index.js';
import { CHROMIUM_ARGS, launchBrowser, openCallPage, type CallPage } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

type OpenOptions = Parameters<typeof openCallPage>[2] & {
  /** Chromium's flags for this page (default CHROMIUM_ARGS); one browser per distinct set. */
  browserArgs?: string[];
};

/**
 * One browser and one call server for a describe block; `open()` opens the call in a new
 * context (another device). Each test's pages close after it, so the next finds an empty room;
 * the server and the browsers close after the block.
 */
export function useCallPages(serverOptions: CallServerOptions = {}): {
  open(options?: OpenOptions): Promise<CallPage>;
  /** The server's events so far (join, signal, …), to assert on what the terminal shows. */
  events(): TestServer['log'];
} {
  const browsers = new Map<string, Promise<Browser>>();
  let server: TestServer | undefined;
  const pages: CallPage[] = [];
  beforeAll(async () => {
    browsers.set(JSON.stringify(CHROMIUM_ARGS), launchBrowser());
    server = await startTestServer(serverOptions);
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    await server?.close();
    await Promise.all([...browsers.values()].map(async (browser) => (await browser.catch(() => undefined))?.close()));
  });
  return {
    async open({ browserArgs = CHROMIUM_ARGS, ...options } = {}) {
      if (!server) throw new Error('useCallPages().open() runs inside a test, after beforeAll');
      const key = JSON.stringify(browserArgs);
      let browser = browsers.get(key);
      if (!browser) browsers.set(key, (browser = launchBrowser(browserArgs)));
      const page = await openCallPage(await browser, server.url, options);
      pages.push(page);
      return page;
    },
    events: () => server?.log ?? [],
  };
}
