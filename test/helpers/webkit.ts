/**
 * The real WebKit engine: WebKitGTK's MiniBrowser (Debian's webkit2gtk-driver) under a virtual
 * X display (xvfb-run), driven over W3C WebDriver by plain fetch to the driver on loopback.
 * Why not the `webdriver` npm package: it depends on @wdio/utils, which brings driver
 * downloaders (edgedriver, geckodriver, @puppeteer/browsers); the few endpoints used here are
 * the W3C spec's own. This build of WebKitGTK has no RTCPeerConnection (see shared E2E notes):
 * it is a real engine for layout and for a browser that cannot call.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { assertLoopbackOnlyNetwork } from './browser.js';
import { waitFor } from './wait.js';

export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
/** The W3C WebDriver key of an element reference. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export interface WebKitPage {
  goto(url: string): Promise<void>;
  /** Runs `script` (a function body; `arguments` holds args) in the page and returns its value. */
  evaluate<T>(script: string, ...args: unknown[]): Promise<T>;
  /** A real click (a user gesture, as WebDriver's element click is). */
  click(selector: string): Promise<void>;
  setWindowSize(width: number, height: number): Promise<void>;
  /** PNG of the page's viewport. */
  screenshot(): Promise<Buffer>;
  close(): Promise<void>;
}

export async function launchWebKit(): Promise<WebKitPage> {
  assertLoopbackOnlyNetwork();
  const needed = [[WEBKIT_DRIVER, 'webkit2gtk-driver'], [MINIBROWSER, 'webkit2gtk-driver'], ['/usr/bin/xvfb-run', 'xvfb']] as const;
  for (const [path, pkg] of needed) {
    if (!existsSync(path)) throw new Error(`the WebKit tests need ${path}: install it with "apt-get install -y ${pkg}" (as root; .ci/run does this)`);
  }
  const port = await freePort();
  // Its own process group, so close() ends xvfb-run, Xvfb, the driver and MiniBrowser together.
  const driver = spawn('xvfb-run', ['-a', WEBKIT_DRIVER, `--port=${port}`, '--host=127.0.0.1'], { detached: true, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor('WebKitWebDriver to listen', () => fetch(`${base}/status`).then((r) => r.ok), { timeoutMs: 20_000, intervalMs: 100 });
    const session = await command<{ sessionId: string }>(base, 'POST', '/session', {
      capabilities: {
        alwaysMatch: {
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', '--enable-mock-capture-devices=true'] },
        },
      },
    });
    return webKitPage(`${base}/session/${session.sessionId}`, driver);
  } catch (error) {
    stop(driver);
    throw error;
  }
}

function webKitPage(session: string, driver: ChildProcess): WebKitPage {
  const call = <T>(method: string, path: string, body?: unknown) => command<T>(session, method, path, body);
  return {
    async goto(url) {
      await call('POST', '/url', { url });
    },
    evaluate: (script, ...args) => call('POST', '/execute/sync', { script, args }),
    async click(selector) {
      const element = await call<Record<string, string>>('POST', '/element', { using: 'css selector', value: selector });
      await call('POST', `/element/${element[ELEMENT]}/click`, {});
    },
    async setWindowSize(width, height) {
      await call('POST', '/window/rect', { width, height });
    },
    async screenshot() {
      return Buffer.from(await call<string>('GET', '/screenshot'), 'base64');
    },
    async close() {
      await call('DELETE', '').catch(() => undefined);
      stop(driver);
    },
  };
}

/** One W3C WebDriver command; an error answer becomes an Error with the driver's message. */
async function command<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const { value } = (await response.json()) as { value: T & { error?: string; message?: string } };
  if (!response.ok) throw new Error(`WebDriver ${method} ${path || '/'}: ${value?.error ?? response.status} ${value?.message ?? ''}`);
  return value;
}

function stop(driver: ChildProcess): void {
  if (driver.pid === undefined || driver.exitCode !== null) return;
  try {
    process.kill(-driver.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
