import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectRemoteVideo, launchBrowser, openCallPage, type CallPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/** What a browser does when the person clicks "Block" on the camera prompt. */
const DENY_CAMERA = () => {
  navigator.mediaDevices.getUserMedia = () =>
    Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
};

describe('a person who denies the camera', () => {
  let browser: Browser;
  let server: TestServer;
  const pages: CallPage[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer();
  });
  afterAll(async () => {
    await Promise.all(pages.map((p) => p.close()));
    await server?.close();
    await browser?.close();
  });

  it('is told why and still sees the other person', async () => {
    const withCamera = await openCallPage(browser, server.url);
    pages.push(withCamera);
    const denied = await openCallPage(browser, server.url, { initScript: DENY_CAMERA });
    pages.push(denied);
    await waitFor('the denial to be explained', () => denied.page.locator('#problem').isVisible());
    expect(await denied.page.locator('#problem').innerText()).toMatch(/access was denied.*allow it/i);
    await expectRemoteVideo(denied.page, 'the page without a camera');
  });
});
