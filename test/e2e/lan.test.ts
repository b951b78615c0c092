/**
 * The point of the tool: a phone on the same Wi-Fi scans the QR code and is in the call.
 * Laptop (server + its browser) and phone live in two network namespaces joined by a veth
 * pair; the phone opens the URL the real `webrtc-call start` printed, over HTTPS with the
 * generated certificate, accepted as a user would.
 */
import { X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devices, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/server/doctor.js';
import { runCli, type RunningCli } from '../helpers/cli.js';
import { connectedRemoteAddress, expectRemoteVideo, openCallPage, statusText, type CallPage } from '../helpers/browser.js';
import { createSimulatedLan, DOCKER_ADDRESS, LAPTOP_ADDRESS, PHONE_ADDRESS, type SimulatedLan } from '../helpers/simulated-lan.js';
import { decodeSvgQr, decodeTerminalQr } from '../helpers/qr.js';
import { waitFor } from '../helpers/wait.js';

const ARTIFACTS = 'test-results/lan';
/** Touch, a small viewport and a mobile user agent; ignoreHTTPSErrors is the one-time tap through the certificate warning. */
const PHONE = { ...devices['Pixel 7'], ignoreHTTPSErrors: true };

/** What a person sees in the terminal: stdout and stderr together. */
function terminal(run: RunningCli): string {
  return run.stdout() + run.stderr();
}

/** Both pages in one picture for the README (docs/phone-and-laptop.png is a copy of it). */
async function saveSideBySide(browser: Browser, laptopPng: Buffer, phonePng: Buffer, path: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 560 } });
  try {
    const page = await context.newPage();
    const img = (png: Buffer, label: string) =>
      `<figure><img src="data:image/png;base64,${png.toString('base64')}"><figcaption>${label}</figcaption></figure>`;
    await page.setContent(
      '<style>body{margin:0;background:#222;display:flex;gap:24px;padding:16px;align-items:flex-start;font:14px system-ui;color:#ccc}' +
        'figure{margin:0;text-align:center}img{height:500px;border-radius:8px;display:block}</style>' +
        img(laptopPng, 'Laptop: http://localhost:3000/r/…') +
        img(phonePng, 'Phone: https://192.168.77.1:3000/r/…'),
    );
    await page.screenshot({ path, fullPage: true });
  } finally {
    await context.close();
  }
}

function offerLines(output: string): number {
  return output.split('\n').filter((line) => /\soffer\s/.test(line)).length;
}

function urlAfter(label: string, output: string): string | undefined {
  return new RegExp(`➜  ${label}:\\s+(\\S+)`).exec(output)?.[1];
}

// Two browsers, the real CLI and doctor on 2 shared cores: generous deadlines, no timing claims.
describe('a phone joins over the LAN', { timeout: 180_000 }, () => {
  let lan: SimulatedLan;
  let dataHome: string;
  let cli: RunningCli;
  let laptopBrowser: Browser;
  let phoneBrowser: Browser;
  const pages: CallPage[] = [];
  let laptop: CallPage;
  let phone: CallPage;

  beforeAll(async () => {
    lan = await createSimulatedLan();
    dataHome = await mkdtemp(join(tmpdir(), 'webrtc-call-data-'));
    await mkdir(ARTIFACTS, { recursive: true });
    cli = runCli(['start', '--no-open', '--port', '3000'], { WEBRTC_CALL_DATA_DIR: dataHome }, { namespace: lan.laptop });
    await waitFor('start to print its URLs', () => terminal(cli).includes('Press Ctrl+C'), { timeoutMs: 60_000 });
    [laptopBrowser, phoneBrowser] = await Promise.all([lan.launchBrowser(lan.laptop), lan.launchBrowser(lan.phone)]);
  }, 120_000);

  afterAll(async () => {
    try {
      await Promise.all(pages.map((p) => p.close()));
      await laptopBrowser?.close();
      await phoneBrowser?.close();
      await cli?.stop();
    } finally {
      await lan?.remove();
      await rm(dataHome, { recursive: true, force: true });
    }
  }, 120_000);

  it('start prints the Wi-Fi address over https, marks it for the QR code, and skips docker0', () => {
    const output = terminal(cli);
    expect(urlAfter('Local', output)).toMatch(/^http:\/\/localhost:3000\/r\/[\w-]+$/);
    const network = urlAfter('Network', output);
    expect(network).toMatch(new RegExp(`^https://${LAPTOP_ADDRESS.replaceAll('.', '\\.')}:3000/r/[\\w-]+$`));
    expect(output).toContain(`${network}  ← QR code`);
    expect(output).not.toContain(DOCKER_ADDRESS);
    expect(output).toMatch(/Made an HTTPS certificate for this computer: \S+cert\.pem/);
    expect(decodeTerminalQr(output)).toBe(network);
  });

  it('doctor --json, run on the laptop while start holds the port, reports every check', async () => {
    // No display and no CI: the browser check must say so the same way on any machine.
    const env = { WEBRTC_CALL_DATA_DIR: dataHome, DISPLAY: '', WAYLAND_DISPLAY: '', CI: '' };
    const doctor = runCli(['doctor', '--json'], env, { namespace: lan.laptop });
    expect(await doctor.exited).toBe(0);
    const report = JSON.parse(doctor.stdout()) as DoctorReport;
    const network = urlAfter('Network', terminal(cli)) ?? '';
    const certificatePem = await readFile(join(dataHome, 'tls', 'cert.pem'), 'utf8');

    expect(report.ok).toBe(true);
    expect(report.node).toEqual({ status: 'pass', summary: `${process.version} (needs >=20)`, version: process.version, required: '>=20' });
    expect(report.network.status).toBe('pass');
    expect(report.network.inviteUrl).toBe(new URL(network).origin);
    expect(report.network.summary).toBe(`the QR code will carry ${new URL(network).origin}/r/<room> (wlan0)`);
    expect(report.network.usable).toEqual([{ interface: 'wlan0', address: LAPTOP_ADDRESS, family: 'IPv4' }]);
    expect(report.network.skipped).toEqual(expect.arrayContaining([
      expect.objectContaining({ interface: 'docker0', address: DOCKER_ADDRESS, reason: expect.stringMatching(/virtual interface/) }),
      expect.objectContaining({ interface: 'lo', address: '127.0.0.1', reason: expect.stringMatching(/loopback/) }),
    ]));
    expect(report.network.skipped.filter((s) => s.family === 'IPv6' && s.address.startsWith('fe80')).every((s) => /link-local/.test(s.reason))).toBe(true);
    expect(report.port).toEqual({
      status: 'warn',
      port: 3000,
      free: false,
      summary: 'port 3000 is busy; start would use the next free one',
      fix: 'stop what uses port 3000, or choose another with --port',
    });
    const x509 = new X509Certificate(certificatePem);
    expect(report.certificate.status).toBe('pass');
    expect(report.certificate.https).toBe(true);
    expect(report.certificate.certificate).toMatchObject({
      certPath: join(dataHome, 'tls', 'cert.pem'),
      keyPath: join(dataHome, 'tls', 'key.pem'),
      source: 'generated',
      fingerprint256: x509.fingerprint256,
      validTo: new Date(x509.validTo).toISOString(),
    });
    expect(report.certificate.certificate?.names).toEqual(expect.arrayContaining(['localhost', '127.0.0.1', LAPTOP_ADDRESS]));
    expect(report.browser).toEqual({
      status: 'warn',
      canOpen: false,
      summary: 'start will not open a browser: there is no display (DISPLAY/WAYLAND_DISPLAY unset)',
      fix: 'open the Local URL that start prints in a browser yourself',
    });

    // With the port given explicitly, start would stop there: that is a failure, exit 1.
    const strict = runCli(['doctor', '--json', '--port', '3000'], env, { namespace: lan.laptop });
    expect(await strict.exited).toBe(1);
    expect((JSON.parse(strict.stdout()) as DoctorReport).port.status).toBe('fail');
  });

  it('a second start reuses the certificate (no new prompt on the phone), and --no-qr hides the QR code', async () => {
    const second = runCli(['start', '--no-open', '--no-qr', '--port', '3001'], { WEBRTC_CALL_DATA_DIR: dataHome }, { namespace: lan.laptop });
    try {
      await waitFor('the second start to print its URLs', () => terminal(second).includes('Press Ctrl+C'), { timeoutMs: 30_000 });
      expect(urlAfter('Network', terminal(second))).toMatch(new RegExp(`^https://${LAPTOP_ADDRESS.replaceAll('.', '\\.')}:3001/`));
      expect(terminal(second)).not.toMatch(/Made (an|a new) HTTPS certificate/);
      expect(decodeTerminalQr(terminal(second))).toBeUndefined();
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('the phone scans the QR code, opens the https page as a secure context, and both sides see each other', async () => {
    const local = urlAfter('Local', terminal(cli)) ?? '';
    const scanned = decodeTerminalQr(terminal(cli)) ?? '';
    laptop = await openCallPage(laptopBrowser, local, { device: { viewport: { width: 1280, height: 720 } } });
    pages.push(laptop);
    await waitFor('the laptop to wait for someone', async () => /waiting for someone to join/i.test(await statusText(laptop.page)));
    // The laptop page offers the same invite as the terminal, with a QR code that scans as it.
    await waitFor('the invite on the laptop page', () => laptop.page.locator('#invite-link').isVisible());
    expect(await laptop.page.locator('#invite-link').innerText()).toBe(scanned);
    const pageQr = await laptop.page.evaluate(async () => (await fetch(document.querySelector<HTMLImageElement>('#invite-qr')?.src ?? '')).text());
    expect(decodeSvgQr(pageQr)).toBe(scanned);
    await laptop.page.screenshot({ path: `${ARTIFACTS}/laptop-waiting.png` });
    phone = await openCallPage(phoneBrowser, scanned, { device: PHONE });
    pages.push(phone);
    expect(phone.page.url()).toMatch(/^https:\/\//);
    expect(await phone.page.evaluate(() => window.isSecureContext)).toBe(true);
    await Promise.all([expectRemoteVideo(laptop.page, 'laptop', 30_000), expectRemoteVideo(phone.page, 'phone', 30_000)]);
    expect(await statusText(phone.page)).toMatch(/in the call/i);

    // The media went over the "Wi-Fi", not some other path.
    expect(await connectedRemoteAddress(phone.page)).toBe(LAPTOP_ADDRESS);
    expect(await connectedRemoteAddress(laptop.page)).toBe(PHONE_ADDRESS);

    const laptopShot = await laptop.page.screenshot({ path: `${ARTIFACTS}/laptop.png` });
    const phoneShot = await phone.page.screenshot({ path: `${ARTIFACTS}/phone.png` });
    await saveSideBySide(laptopBrowser, laptopShot, phoneShot, `${ARTIFACTS}/phone-and-laptop.png`);
  });

  it("the phone's controls mute, turn the camera off and switch cameras without a new offer", async () => {
    const offersBefore = offerLines(terminal(cli));
    const senderTrack = (kind: string) =>
      phone.page.evaluate((k) => {
        const pcs = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
        const track = pcs.at(-1)?.getSenders().find((s) => s.track?.kind === k)?.track;
        return track ? { id: track.id, enabled: track.enabled, state: track.readyState } : undefined;
      }, kind);

    await phone.page.getByRole('button', { name: 'Mute' }).tap();
    expect((await senderTrack('audio'))?.enabled).toBe(false);
    await expect(phone.page.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed')).resolves.toBe('true');

    await phone.page.getByRole('button', { name: 'Camera off' }).tap();
    expect((await senderTrack('video'))?.enabled).toBe(false);
    await phone.page.getByRole('button', { name: 'Camera on' }).tap();
    expect((await senderTrack('video'))?.enabled).toBe(true);

    const before = await senderTrack('video');
    await phone.page.getByRole('button', { name: 'Switch camera' }).tap();
    await waitFor('the phone to send from the other camera', async () => {
      const now = await senderTrack('video');
      return now !== undefined && now.id !== before?.id && now.state === 'live';
    });
    await expectRemoteVideo(laptop.page, 'laptop after the phone switched camera', 30_000);
    expect(offerLines(terminal(cli))).toBe(offersBefore);
    expect(await phone.page.locator('#problem').isVisible()).toBe(false);
    await phone.page.getByRole('button', { name: 'Unmute' }).tap();
    // Turned sideways the page still fits: controls on screen, remote video filling it.
    await phone.page.setViewportSize({ width: 839, height: 412 });
    expect(await phone.page.getByRole('button', { name: 'Hang up' }).isVisible()).toBe(true);
    await phone.page.screenshot({ path: `${ARTIFACTS}/phone-landscape.png` });
    await phone.page.setViewportSize({ width: 412, height: 839 });
  });

  it('a phone that opens the plain http address is sent to https', async () => {
    const network = urlAfter('Network', terminal(cli)) ?? '';
    const page = await openCallPage(phoneBrowser, network.replace('https://', 'http://'), { device: PHONE });
    pages.push(page);
    expect(page.page.url()).toBe(network);
    // the call holds two: this third device is told so, over https
    await waitFor('the third device to be told the call is full', async () => /this call is full/i.test(await statusText(page.page)), { timeoutMs: 45_000 });
  });

  it('hanging up on the phone leaves the laptop waiting for someone again', async () => {
    await phone.page.getByRole('button', { name: 'Hang up' }).tap();
    await waitFor('the phone to say it left', async () => /you left the call/i.test(await statusText(phone.page)));
    await waitFor('the laptop to wait again', async () => /waiting for someone to join/i.test(await statusText(laptop.page)));
    expect(await laptop.page.locator('#remotes video').count()).toBe(0);
  });
});
