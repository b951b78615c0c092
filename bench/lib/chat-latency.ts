/**
 * Scenario: how long the first chat message of a call takes to show on the other side. Each
 * sample is a fresh call (laptop page and phone-sized page, a new room) whose chat channels are
 * open; the laptop sends one message and the time runs from its form submitting (Enter) to the
 * message's row appearing in the phone's list, both read from this machine's clock inside the
 * pages (a MutationObserver, no polling from outside). Chromium, loopback-only namespace.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { roomPath } from '../../src/shared/protocol.js';
import { launchBrowser, pageScript } from '../../test/helpers/browser.js';
import { RECORD_DATA_CHANNELS, dataChannelsOpen, sendChat } from '../../test/helpers/extras.js';
import { waitFor } from '../../test/helpers/wait.js';
import { startWorker } from './child.js';
import { PHONE_PAGE } from './file-transfer.js';
import { BENCH_HOST, SERVER_WORKER } from './servers.js';
import type { ServerReady } from '../workers/server.js';
import { waitForQuietCpu } from './quiet-cpu.js';
import { percentile } from './stats.js';

export interface ChatLatencyResult {
  samples: number;
  successes: number;
  p50Ms?: number;
  p90Ms?: number;
  failures: string[];
}

/** On both pages: when the chat form submitted, and when the first message row appeared. */
const RECORD_CHAT_MARKS = () => {
  const marks: { submittedAt?: number; shownAt?: number } = {};
  (window as unknown as { __chatMarks: typeof marks }).__chatMarks = marks;
  const now = () => performance.timeOrigin + performance.now();
  // Capture phase: before the page's own handler sends the message.
  addEventListener('submit', () => (marks.submittedAt ??= now()), true);
  new MutationObserver(() => {
    if (marks.shownAt === undefined && document.querySelector('#chat-messages li')) marks.shownAt = now();
  }).observe(document, { childList: true, subtree: true });
};

type ChatMarks = { submittedAt?: number; shownAt?: number };

export async function measureChatLatency(samples: number, progress: (line: string) => void = () => {}): Promise<ChatLatencyResult> {
  const server = startWorker(SERVER_WORKER, ['ours']);
  let browser: Browser | undefined;
  const times: number[] = [];
  const failures: string[] = [];
  try {
    const { port } = await server.next<ServerReady>(30_000, 'the call server to start');
    browser = await launchBrowser();
    const origin = `http://${BENCH_HOST}:${port}`;
    for (let i = 0; i < samples; i++) {
      await waitForQuietCpu(5_000);
      try {
        const ms = await firstMessage(browser, `${origin}${roomPath(`chat-${i}`)}`);
        times.push(ms);
        progress(`chat ${i + 1}/${samples}: ${ms.toFixed(1)} ms`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push(message);
        progress(`chat ${i + 1}/${samples}: failed (${message})`);
      }
    }
    return { samples, successes: times.length, p50Ms: percentile(times, 50), p90Ms: percentile(times, 90), failures };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

async function firstMessage(browser: Browser, url: string): Promise<number> {
  const contexts: BrowserContext[] = [];
  try {
    const open = async (device?: typeof PHONE_PAGE) => {
      const context = await browser.newContext(device);
      contexts.push(context);
      for (const script of [RECORD_DATA_CHANNELS, RECORD_CHAT_MARKS]) await context.addInitScript(pageScript(script));
      const page = await context.newPage();
      await page.goto(url);
      return page;
    };
    const laptop = await open();
    const phone = await open(PHONE_PAGE);
    for (const page of [laptop, phone]) await waitFor('the chat channel to open', async () => (await dataChannelsOpen(page, 'chat')) === 1, { timeoutMs: 20_000 });
    await laptop.getByRole('button', { name: 'Chat' }).click();
    await sendChat(laptop, 'first message');
    await phone.locator('#chat-messages li').waitFor({ state: 'attached', timeout: 10_000 });
    const read = (page: typeof laptop) => page.evaluate(() => (window as unknown as { __chatMarks: ChatMarks }).__chatMarks);
    const [sent, shown] = await Promise.all([read(laptop), read(phone)]);
    if (sent.submittedAt === undefined || shown.shownAt === undefined) throw new Error('the pages recorded no message');
    return shown.shownAt - sent.submittedAt;
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
}
