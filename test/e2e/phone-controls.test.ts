/**
 * A phone-sized page (390×844, touch) can reach and tap every control of the call: the media
 * buttons, screen sharing, chat and files, each doing what it says.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openCallPage, type CallPage } from '../helpers/browser.js';
import { RECORD_DATA_CHANNELS, dataChannelsOpen, messagesShown } from '../helpers/extras.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

describe('the call page on a phone-sized touch screen', () => {
  let browser: Browser;
  let server: TestServer;
  let dir: string;
  const pages: CallPage[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer();
    dir = await mkdtemp(join(tmpdir(), 'webrtc-call-phone-'));
  });
  afterAll(async () => {
    await Promise.all(pages.map((p) => p.close()));
    await server.close();
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('taps every control: mute, camera, share screen, chat, send file and cancel, hang up', async () => {
    const laptop = await openCallPage(browser, server.url, { initScript: RECORD_DATA_CHANNELS });
    pages.push(laptop);
    const phoneCall = await openCallPage(browser, server.url, { initScript: RECORD_DATA_CHANNELS, device: PHONE });
    pages.push(phoneCall);
    const phone = phoneCall.page;
    await waitFor('the phone connected', async () => (await dataChannelsOpen(phone, 'files')) === 1, { timeoutMs: 20_000 });

    const tap = async (name: string) => {
      const button = phone.getByRole('button', { name, exact: true });
      await button.scrollIntoViewIfNeeded();
      // Reachable: on screen, at least the 44 px a finger needs.
      const box = await button.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844 && box.height >= 44, `${name} fits the screen`).toBe(true);
      await button.tap();
    };
    await tap('Mute');
    expect(await phone.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed')).toBe('true');
    await tap('Camera off');
    expect(await phone.getByRole('button', { name: 'Camera on' }).getAttribute('aria-pressed')).toBe('true');
    await tap('Camera on');

    if (await phone.getByRole('button', { name: 'Share screen' }).isVisible()) {
      await tap('Share screen');
      await tap('Stop sharing');
    }

    await tap('Chat');
    const field = phone.getByLabel('Message', { exact: true });
    await field.tap();
    await field.fill('sent from a phone');
    await tap('Send');
    await laptop.page.getByRole('button', { name: 'Chat, 1 unread' }).click();
    expect((await messagesShown(laptop.page)).map((m) => m.text)).toEqual(['sent from a phone']);
    await tap('Close chat');
    expect(await phone.locator('#chat').isHidden()).toBe(true);

    const file = join(dir, 'photo.jpg');
    await writeFile(file, randomBytes(200 * 1024 * 1024));
    const [chooser] = await Promise.all([phone.waitForEvent('filechooser'), tap('Send file')]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(file);
    await tap('Cancel');
    await phone.locator('#transfers').getByText('Cancelled').waitFor();

    await tap('Hang up');
    await waitFor('the phone to leave', async () => /You left the call/.test(await phone.locator('#status').innerText()));
  });
});
