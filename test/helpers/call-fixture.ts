/**
 * The set-up browser tests of a call share: one Chromium for the file, the real server on an
 * ephemeral port for each test, and every page opened through `open` closed after the test.
 * Call it inside a `describe`: it registers the hooks. Hooks a test file adds after it run
 * before its own teardown (vitest runs after-hooks in reverse), so they may still use the server.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openCallPage, type CallPage } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

export interface CallFixture {
  readonly browser: Browser;
  readonly server: TestServer;
  /** A call page on this test's server (or `url`), closed after the test. */
  open(options?: Parameters<typeof openCallPage>[2], url?: string): Promise<CallPage>;
}

export function useCallFixture(): CallFixture {
  let browser: Browser | undefined;
  let server: TestServer | undefined;
  const pages: CallPage[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close()));
    await server?.close();
  });

  const fixture: CallFixture = {
    get browser() {
      if (!browser) throw new Error('the browser is launched in beforeAll: use it inside a test');
      return browser;
    },
    get server() {
      if (!server) throw new Error('the server starts in beforeEach: use it inside a test');
      return server;
    },
    async open(options, url) {
      const page = await openCallPage(fixture.browser, url ?? fixture.server.url, options);
      pages.push(page);
      return page;
    },
  };
  return fixture;
}
