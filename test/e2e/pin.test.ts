import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectRemoteVideo, launchBrowser, openCallPage, type CallPage } from '../helpers/browser.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const pinLabel = (page: Page) => page.locator('#pin-label').innerText();
const typePin = async (page: Page, pin: string) => {
  await page.locator('#pin-input').fill(pin);
  await page.locator('#pin-form button').click();
};

describe('a call with a PIN', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('asks each page for the PIN, says when it is wrong, and connects with the right one', async () => {
    const server = await startTestServer({ pin: '4821' });
    const pages: CallPage[] = [];
    try {
      for (const name of ['A', 'B']) {
        const call = await openCallPage(browser, server.url);
        pages.push(call);
        await waitFor(`${name} to ask for the PIN`, async () => (await call.page.locator('#pin-form').isVisible()) && /needs a PIN/i.test(await pinLabel(call.page)));
        await typePin(call.page, '0000');
        await waitFor(`${name} to say the PIN is wrong`, async () => /wrong PIN/i.test(await pinLabel(call.page)));
        await typePin(call.page, '4821');
        await waitFor(`${name} to hide the PIN form`, async () => !(await call.page.locator('#pin-form').isVisible()));
      }
      const [a, b] = pages;
      if (!a || !b) throw new Error('pages missing');
      await Promise.all([expectRemoteVideo(a.page, 'A'), expectRemoteVideo(b.page, 'B')]);
      expect(server.log.filter((e) => e.type === 'rejected' && e.reason === 'wrong-pin')).toHaveLength(2);
    } finally {
      await Promise.all(pages.map((p) => p.close()));
      await server.close();
    }
  });
});
