/**
 * Chat between real Chromium pages over their data channels: both ways, in a mesh of three with
 * the order kept, markup shown as text, links made safe, and the terminal told only the size.
 */
import picocolors from 'picocolors';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CallTracker } from '../../src/terminal/call-tracker.js';
import { formatEventLines } from '../../src/terminal/event-line.js';
import { toJsonRecord } from '../../src/terminal/json-record.js';
import { launchBrowser, openCallPage, type CallPage } from '../helpers/browser.js';
import { RECORD_DATA_CHANNELS, dataChannelsOpen, messagesShown, sendChat } from '../helpers/extras.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

describe('chat in the call page', () => {
  let browser: Browser;
  let server: TestServer | undefined;
  const pages: CallPage[] = [];
  const open = async (url: string): Promise<Page> => {
    const callPage = await openCallPage(browser, url, { initScript: RECORD_DATA_CHANNELS });
    pages.push(callPage);
    return callPage.page;
  };
  /** Pages that joined one after another, each with an open chat channel to every other. */
  const call = async (count: number, options: { logContent?: boolean } = {}): Promise<Page[]> => {
    server = await startTestServer({ maxPeers: count, ...options });
    const opened: Page[] = [];
    for (let i = 0; i < count; i++) opened.push(await open(server.url));
    for (const [i, page] of opened.entries()) await waitFor(`page ${i + 1}'s chat channels to open`, async () => (await dataChannelsOpen(page, 'chat')) === count - 1, { timeoutMs: 20_000 });
    return opened;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    await browser.close();
  });

  it('carries messages both ways with the sender and time, counts unread ones while the panel is closed, and tells the terminal only the size', async () => {
    const [laptop, phone] = await call(2);
    if (!laptop || !phone || !server) throw new Error('two pages expected');
    await laptop.getByRole('button', { name: 'Chat' }).click();
    await sendChat(laptop, 'hello from the laptop');
    // The phone's panel is closed: the message waits as an unread count on the Chat button.
    await waitFor('the unread count on the phone', async () => (await phone.locator('#chat-toggle').getAttribute('aria-label')) === 'Chat, 1 unread');
    expect(await phone.locator('#chat-unread').innerText()).toBe('1');
    await phone.getByRole('button', { name: 'Chat, 1 unread' }).click();
    expect(await phone.locator('#chat-unread').isHidden()).toBe(true);
    await sendChat(phone, 'and back from the phone');

    const expected = ['hello from the laptop', 'and back from the phone'];
    for (const page of [laptop, phone]) await waitFor('both messages on each page', async () => JSON.stringify((await messagesShown(page)).map((m) => m.text)) === JSON.stringify(expected));
    const onPhone = await messagesShown(phone);
    expect(onPhone[0]?.from).toMatch(/^Laptop \S{4}$/);
    expect(onPhone[1]?.from).toBe('You');
    expect(onPhone[0]?.time).toMatch(/\d{1,2}:\d{2}/);

    // The server heard that a message went, how big, from whom to whom: never its text.
    const chats = await waitFor('two chat events', () => {
      const found = server?.log.filter((e) => e.type === 'chat') ?? [];
      return found.length === 2 ? found : undefined;
    });
    expect(chats.map((e) => e.type === 'chat' && e.bytes)).toEqual([21, 23]);
    expect(JSON.stringify(server.log)).not.toContain('hello from the laptop');
    const tracker = new CallTracker();
    const style = { colors: picocolors.createColors(false), verbose: true };
    const lines = server.log.flatMap((event) => {
      const { tracked } = tracker.track(event);
      return event.type === 'chat' ? [...formatEventLines(tracked, style), JSON.stringify(toJsonRecord(tracked, { verbose: true }))] : [];
    });
    expect(lines[0]).toMatch(/laptop → laptop 2\s+chat\s+21 B\s+message sent over the data channel/);
    expect(lines.join('\n')).not.toMatch(/hello|phone\b/);
    expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({ type: 'chat', from: { name: 'laptop' }, to: { name: 'laptop 2' }, bytes: 21 });
  });

  it('puts the text in the terminal only when the host runs --verbose (the join reply asks the pages for it)', async () => {
    const [laptop, phone] = await call(2, { logContent: true });
    if (!laptop || !phone || !server) throw new Error('two pages expected');
    await laptop.getByRole('button', { name: 'Chat' }).click();
    await sendChat(laptop, 'lunch at 1?');
    await waitFor('the message on the phone', async () => (await messagesShown(phone)).length === 1);
    const chat = await waitFor('the chat event', () => server?.log.find((e) => e.type === 'chat'));
    expect(chat).toMatchObject({ bytes: 11, text: 'lunch at 1?' });
    const { tracked } = new CallTracker().track(chat);
    const line = (verbose: boolean) => formatEventLines(tracked, { colors: picocolors.createColors(false), verbose }).join('\n');
    expect(line(true)).toMatch(/chat\s+11 B\s+"lunch at 1\?"/);
    expect(line(false)).not.toContain('lunch');
    expect(toJsonRecord(tracked, { verbose: true })).toMatchObject({ type: 'chat', text: 'lunch at 1?' });
    expect(toJsonRecord(tracked, { verbose: false })).not.toHaveProperty('text', 'lunch at 1?');
  });

  it('keeps the order in a mesh of three, shows markup as text and makes only http(s) links', async () => {
    const [a, b, c] = await call(3);
    if (!a || !b || !c) throw new Error('three pages expected');
    for (const page of [a, b, c]) await page.getByRole('button', { name: 'Chat' }).click();
    // A conversation: each answers what it saw, so every page must show the same order.
    await sendChat(a, 'one');
    await waitFor('"one" on b', async () => (await messagesShown(b)).length === 1);
    await sendChat(b, 'two');
    await waitFor('"two" on c', async () => (await messagesShown(c)).length === 2);
    await sendChat(c, 'three');
    // A burst from one page arrives in the order it was typed.
    for (const text of ['four', 'five', 'six', 'seven']) await sendChat(a, text);
    await sendChat(b, '<img src=x onerror="window.__pwned=1"><b>bold</b> see https://example.test/a?b=1 or javascript:alert(1)');
    const texts = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];
    for (const [i, page] of [a, b, c].entries()) {
      await waitFor(`all messages on page ${i + 1}`, async () => (await messagesShown(page)).length === 8);
      expect((await messagesShown(page)).slice(0, 7).map((m) => m.text)).toEqual(texts);
    }
    for (const page of [a, c]) {
      const last = page.locator('#chat-messages li').last();
      expect(await last.locator('.chat-text').innerText()).toBe('<img src=x onerror="window.__pwned=1"><b>bold</b> see https://example.test/a?b=1 or javascript:alert(1)');
      expect(await last.locator('img, b').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      const links = last.locator('a');
      expect(await links.count()).toBe(1);
      expect(await links.getAttribute('href')).toBe('https://example.test/a?b=1');
      expect(await links.getAttribute('rel')).toBe('noopener noreferrer');
    }
    // Each sender names itself: the three pages are told apart.
    const senders = new Set((await messagesShown(c)).slice(0, 3).map((m) => m.from));
    expect(senders.size).toBe(3);
  });
});
