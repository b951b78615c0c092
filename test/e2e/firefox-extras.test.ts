/**
 * Chat and files between Chromium and Firefox, on the simulated Wi-Fi (firefox-call-fixture.ts):
 * Chromium on the laptop, Firefox on the "phone" over HTTPS. Messages go both ways; a file of
 * random bytes goes each way and is checked against what the person would save: the Chromium
 * download, and on Firefox the bytes behind its "Save …" link, hashed in the page.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ElementHandle, Page as FirefoxPage } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { RECORD_DATA_CHANNELS, dataChannelsOpen, messagesShown, sendChat } from '../helpers/extras.js';
import { useFirefoxCallFixture } from '../helpers/firefox-call-fixture.js';
import { waitFor } from '../helpers/wait.js';

const MB = 1024 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The chat as Firefox's page shows it (puppeteer has no Playwright locators). */
const firefoxMessages = (page: FirefoxPage) =>
  page.evaluate(() => [...document.querySelectorAll('#chat-messages li')].map((item) => item.querySelector('.chat-text')?.textContent ?? ''));

/**
 * Keeps each Blob the page makes a URL for: the page's CSP (connect-src) rightly stops a fetch of
 * a blob: URL, so the test reads the very object a "Save …" link downloads.
 */
const RECORD_OBJECT_URLS = () => {
  const blobs = new Map<string, Blob>();
  (window as unknown as { __objectUrls: Map<string, Blob> }).__objectUrls = blobs;
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = create(object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
};

/** The SHA-256 of what a "Save …" link on the Firefox page would download, read in the page. */
const firefoxSavedHash = (page: FirefoxPage, label: string) =>
  page.evaluate(async (text) => {
    const link = [...document.querySelectorAll<HTMLAnchorElement>('#transfers a[download]')].find((a) => a.textContent === text);
    const blob = link && (window as unknown as { __objectUrls: Map<string, Blob> }).__objectUrls.get(link.href);
    if (!blob) return undefined;
    const bytes = await blob.arrayBuffer();
    return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
  }, label);

describe('chat and files between Chromium and Firefox', { timeout: 180_000 }, () => {
  const fixture = useFirefoxCallFixture({ label: 'ff-extras', room: 'extras' });

  it('carries chat both ways and a file each way, saved with the sender\'s SHA-256, and the terminal logs both', async () => {
    const { cli, dir } = fixture;
    const { laptop, firefox: phone } = await fixture.call({ laptop: RECORD_DATA_CHANNELS, firefox: RECORD_OBJECT_URLS });
    await waitFor('the chat channel on the laptop', async () => (await dataChannelsOpen(laptop, 'chat')) === 1, { timeoutMs: 20_000 });

    // Chat: Chromium → Firefox, then Firefox answers (its channel is open: it just received).
    await laptop.getByRole('button', { name: 'Chat' }).click();
    await sendChat(laptop, 'hello Firefox');
    await waitFor('the message on Firefox', async () => (await firefoxMessages(phone)).includes('hello Firefox'));
    await phone.click('#chat-toggle');
    await phone.type('#chat-input', 'hello Chromium');
    await phone.keyboard.press('Enter');
    await waitFor('the answer on Chromium', async () => (await messagesShown(laptop)).map((m) => m.text).join('|') === 'hello Firefox|hello Chromium');
    expect(await firefoxMessages(phone)).toEqual(['hello Firefox', 'hello Chromium']);

    // A file each way.
    const toPhone = randomBytes(20 * MB);
    const toLaptop = randomBytes(20 * MB);
    await writeFile(join(dir, 'photo.jpg'), toPhone);
    await writeFile(join(dir, 'notes.pdf'), toLaptop);
    const [chooser] = await Promise.all([laptop.waitForEvent('filechooser'), laptop.getByRole('button', { name: 'Send file' }).click()]);
    await chooser.setFiles(join(dir, 'photo.jpg'));
    const onFirefox = await waitFor('the Save link on Firefox', () => firefoxSavedHash(phone, 'Save photo.jpg, 21 MB'), { timeoutMs: 60_000 });
    expect(onFirefox).toBe(sha256(toPhone));
    await laptop.getByText('Sent, checked').waitFor();

    // Firefox picks a file as its picker would put it in the input.
    const input = (await phone.$('input#file-input')) as ElementHandle<HTMLInputElement> | null;
    if (!input) throw new Error('Firefox\'s page has no file input');
    await input.uploadFile(join(dir, 'notes.pdf'));
    const link = laptop.locator('#transfers a[download]', { hasText: 'Save notes.pdf, 21 MB' });
    await link.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([laptop.waitForEvent('download'), link.click()]);
    expect(sha256(await readFile(await download.path()))).toBe(sha256(toLaptop));

    // The terminal: two chat lines and two verified files, no text and no names (no --verbose).
    await waitFor('the terminal lines', () => cli.stdout().split('\n').filter((line) => /\sfile\s.*SHA-256 verified/.test(line)).length === 2);
    expect(cli.stdout().split('\n').filter((line) => /\schat\s/.test(line))).toHaveLength(2);
    expect(cli.stdout()).not.toMatch(/hello|photo\.jpg|notes\.pdf/);
  });
});
