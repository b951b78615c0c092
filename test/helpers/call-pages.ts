import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { CallServerOptions } from '../../src/server/index.js';
import { launchBrowser, openCallPage, type CallPage } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

/**
 * One browser and one call server for a describe block; `open()` opens the call in a new
 * context (another device) and every page, the server and the browser are closed afterwards.
 */
export function useCallPages(serverOptions: CallServerOptions = {}): {
  open(options?: Parameters<typeof openCallPage>[2]): Promise<CallPage>;
} {
  let browser: Browser | undefined;
  let server: TestServer | undefined;
  const pages: CallPage[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer(serverOptions);
  });
  afterAll(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
    await server?.close();
    await browser?.close();
  });
  return {
    async open(options) {
      if (!browser || !server) throw new Error('useCallPages().open() runs inside a test, after beforeAll');
      const page = await openCallPage(browser, server.url, options);
      pages.push(page);
      return page;
    },
  };
}
