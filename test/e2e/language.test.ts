/**
 * The page speaks the visitor's language: the browser's (a Playwright context's `locale` sets
 * navigator.languages and Accept-Language, as a phone set to Portuguese does), or `?lang=`.
 * The host's terminal stays English but its join event says which language the visitor has.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devices, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectRemoteVideo, launchBrowser, openCallPage, statusText, type CallPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const ARTIFACTS = 'test-results/language';
/**
 * A phone-sized page (390×844 CSS pixels, an iPhone 14's) with touch, so the switch-camera button
 * shows too; one device pixel per CSS pixel keeps the screenshots in docs/ small.
 */
const PHONE = {
  ...devices['iPhone 14'],
  viewport: { width: 390, height: 844 },
  screen: { width: 390, height: 844 },
  deviceScaleFactor: 1,
  defaultBrowserType: undefined,
};

const joins = (server: TestServer) => server.log.filter((event) => event.type === 'join');

/**
 * Text that does not fit: an element sticking out of the viewport sideways or cut inside its
 * box, the invite panel running under the call controls, or a button's word split across two
 * lines ("Silenc / iar") to squeeze it in.
 */
function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const splitWords = [...document.querySelectorAll<HTMLElement>('button')].filter((el) => el.offsetParent !== null).flatMap((button) => {
      const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
      const split: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of (node.textContent ?? '').matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          if (range.getClientRects().length > 1) split.push(`button#${button.id}: "${word[0]}" split across lines`);
        }
      }
      return split;
    });
    const shown = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => el.offsetParent !== null);
    const wide = shown.filter((el) => {
      const box = el.getBoundingClientRect();
      return box.left < -1 || box.right > innerWidth + 1 || el.scrollWidth > el.clientWidth + 1;
    });
    const controls = document.getElementById('controls');
    const invite = document.getElementById('invite');
    const underControls =
      controls && invite && controls.offsetParent !== null && invite.offsetParent !== null &&
      invite.getBoundingClientRect().bottom > controls.getBoundingClientRect().top + 1
        ? [invite]
        : [];
    return [...wide, ...underControls].map((el) => `${el.tagName.toLowerCase()}#${el.id}: ${el.textContent?.slice(0, 40) ?? ''}`).concat(splitWords);
  });
}

describe("the call page in the visitor's language", () => {
  let browser: Browser;
  let server: TestServer;
  let dir: string;
  const pages: CallPage[] = [];

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    dir = await mkdtemp(join(tmpdir(), 'webrtc-call-i18n-'));
    browser = await launchBrowser();
    // A laptop on Wi-Fi, so the waiting page shows the invite panel (its link is only shown,
    // never opened); every page here loads over loopback.
    server = await startTestServer({
      host: undefined,
      tls: { dir },
      interfaces: { wlan0: [{ address: '192.168.77.1', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: null }] },
    });
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close()));
  });
  afterAll(async () => {
    await server?.close();
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a phone set to Portuguese (Brazil) waits, invites and calls in Portuguese; the terminal learns pt-BR', async () => {
    const phone = await openCallPage(browser, server.url, { device: { ...PHONE, locale: 'pt-BR' } });
    pages.push(phone);
    await waitFor('the Portuguese waiting text', async () => (await statusText(phone.page)) === 'Esperando alguém entrar…');
    expect(await phone.page.locator('html').getAttribute('lang')).toBe('pt-BR');
    expect(await phone.page.title()).toBe('Chamada de vídeo · webrtc-call');
    await expect.poll(() => phone.page.locator('#invite').isVisible()).toBe(true);
    expect(await phone.page.locator('#invite-title').innerText()).toBe('Entre pelo celular');
    expect(await phone.page.locator('#invite-certificate').innerText()).toMatch(/^O celular avisa uma vez .*Avançado → Ir para/);
    expect(await phone.page.locator('#invite-qr').getAttribute('alt')).toBe('QR code do link de convite');
    await expect.poll(() => phone.page.locator('#controls').isVisible()).toBe(true);
    expect(await phone.page.locator('#controls').getAttribute('aria-label')).toBe('Controles da chamada');
    expect(await phone.page.locator('#mic').innerText()).toBe('Silenciar');
    expect(await phone.page.locator('#camera').innerText()).toBe('Desligar câmera');
    expect(await phone.page.locator('#hang-up').innerText()).toBe('Sair');
    await expect.poll(() => phone.page.locator('#switch-camera').isVisible()).toBe(true);
    expect(await phone.page.locator('#switch-camera').innerText()).toBe('Trocar câmera');
    await phone.page.locator('#mic').click();
    expect(await phone.page.locator('#mic').innerText()).toBe('Ativar microfone');
    await phone.page.locator('#mic').click();
    expect(await overflowingElements(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: `${ARTIFACTS}/phone-pt-BR.png` });

    expect(joins(server).at(-1)).toMatchObject({ type: 'join', language: 'pt-BR' });

    const laptop = await openCallPage(browser, server.url, { device: { locale: 'en-US' } });
    pages.push(laptop);
    await expectRemoteVideo(phone.page, 'the Portuguese phone');
    await waitFor('the phone to say it is in the call', async () => (await statusText(phone.page)) === 'Na chamada · 2 pessoas');
    await waitFor('the laptop to say it in English', async () => (await statusText(laptop.page)) === 'In the call · 2 people');
    expect(await laptop.page.locator('html').getAttribute('lang')).toBe('en');
    expect(joins(server).at(-1)).toMatchObject({ type: 'join', language: 'en-US' });
    expect(await overflowingElements(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: `${ARTIFACTS}/phone-pt-BR-call.png` });

    await phone.page.locator('#hang-up').click();
    await waitFor('the phone to say it left, in Portuguese', async () => (await statusText(phone.page)) === 'Você saiu da chamada. Recarregue a página para entrar de novo.');
  });

  it('?lang=es overrides the browser language, and the page is in Spanish throughout', async () => {
    const page = await openCallPage(browser, `${server.url}?lang=es`, { device: { ...PHONE, locale: 'pt-BR' } });
    pages.push(page);
    await waitFor('the Spanish waiting text', async () => (await statusText(page.page)) === 'Esperando a que alguien se una…');
    expect(await page.page.locator('html').getAttribute('lang')).toBe('es');
    await expect.poll(() => page.page.locator('#controls').isVisible()).toBe(true);
    expect(await page.page.locator('#mic').innerText()).toBe('Silenciar');
    expect(await page.page.locator('#camera').innerText()).toBe('Apagar cámara');
    expect(await page.page.locator('#hang-up').innerText()).toBe('Colgar');
    expect(await page.page.locator('#send-file').innerText()).toBe('Enviar archivo');
    expect(await page.page.locator('#local').getAttribute('aria-label')).toBe('Tu cámara');
    expect(await overflowingElements(page.page)).toEqual([]);
    // The chat panel, from the same catalogue.
    await page.page.getByRole('button', { name: 'Chat' }).click();
    await page.page.getByRole('textbox', { name: 'Mensaje' }).fill('hola');
    await page.page.getByRole('button', { name: 'Enviar', exact: true }).click();
    await waitFor('the Spanish not-sent notice', async () => (await page.page.locator('#chat-notice').innerText()) === 'Todavía no hay nadie conectado: el mensaje no se envió.');
    expect(await page.page.getByRole('button', { name: 'Cerrar chat' }).isVisible()).toBe(true);
    // The terminal is told the browser's own language, not the override.
    expect(joins(server).at(-1)).toMatchObject({ type: 'join', language: 'pt-BR' });
  });

  it('a browser in a language the page does not have gets English', async () => {
    const page = await openCallPage(browser, server.url, { device: { locale: 'de-DE' } });
    pages.push(page);
    await waitFor('the English waiting text', async () => (await statusText(page.page)) === 'Waiting for someone to join…');
    expect(await page.page.locator('html').getAttribute('lang')).toBe('en');
    expect(joins(server).at(-1)).toMatchObject({ type: 'join', language: 'de-DE' });
  });
});
