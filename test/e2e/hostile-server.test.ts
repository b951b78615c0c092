import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createApp } from '../../src/server/http.js';
import { DEFAULT_WEB_ROOT } from '../../src/server/web-root.js';
import { launchBrowser, openCallPage, statusText } from '../helpers/browser.js';
import { randomValue, seededRandom } from '../helpers/fuzz.js';
import { waitFor } from '../helpers/wait.js';

const SERVER_EVENTS = ['peer-joined', 'peer-left', 'peer-reconnecting', 'peer-reconnected', 'signal', 'rejected', 'made-up'];

describe('the page facing a server that sends garbage', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('never throws, says it did not understand, and still obeys a well-formed message', async () => {
    const random = seededRandom(42);
    const http = createServer(createApp({ webRoot: DEFAULT_WEB_ROOT, defaultRoom: 'garbage' }));
    const io = new Server(http, { serveClient: false });
    let sent = 0;
    io.on('connection', (socket) => {
      socket.on('join', (_request: unknown, reply: unknown) => {
        if (typeof reply === 'function') reply({ ok: true, room: 'garbage', peerId: 42, peers: '<img src=x>' });
        for (let i = 0; i < 300; i++) {
          socket.emit(SERVER_EVENTS[i % SERVER_EVENTS.length] ?? 'signal', randomValue(random));
          sent++;
        }
        // right shape, nonsense inside: the negotiation code must catch it too
        socket.emit('signal', { from: 'evil', signal: { kind: 'description', description: { type: 'answer', sdp: 'not sdp' } } });
        socket.emit('signal', { from: 'evil', signal: { kind: 'candidate', candidate: { candidate: 'garbage', sdpMid: '9' } } });
        socket.emit('ended', { message: 12 });
        socket.emit('ended', { message: 'the host ended the call' });
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    const call = await openCallPage(browser, `http://127.0.0.1:${port}/r/garbage`);
    const errors: string[] = [];
    call.page.on('pageerror', (error) => errors.push(error.message));
    try {
      await waitFor('the page to obey the well-formed "ended"', async () => /the host ended the call/i.test(await statusText(call.page)), { timeoutMs: 30_000 });
      expect(sent).toBeGreaterThanOrEqual(300);
      expect(await call.page.locator('#problem').innerText()).toMatch(/does not understand|negotiation failed/i);
      expect(errors).toEqual([]);
    } finally {
      await call.close();
      await io.close();
    }
  });
});
