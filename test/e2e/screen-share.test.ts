/**
 * Screen sharing between real Chromium pages: Chromium's fake capture (accepted by
 * --use-fake-ui-for-media-stream) stands in for the screen. The other page's received video
 * changes source, with no new offer, and comes back to the camera on "Stop sharing".
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRemoteVideo, launchBrowser, openCallPage, type CallPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/** What the phone's remote <video> shows: its decoded size and how it fits its box. */
const remoteVideo = (page: Page) =>
  page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('#remotes video');
    return video ? { size: `${video.videoWidth}x${video.videoHeight}`, fit: getComputedStyle(video).objectFit, label: video.getAttribute('aria-label') } : undefined;
  });

describe('screen sharing', () => {
  let browser: Browser;
  let server: TestServer;
  const pages: CallPage[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer();
  });
  afterAll(async () => {
    await Promise.all(pages.map((p) => p.close()));
    await server.close();
    await browser.close();
  });

  it('replaces the camera on the connection without renegotiating, shows it whole, and brings the camera back on stop', async () => {
    const laptop = await openCallPage(browser, server.url);
    pages.push(laptop);
    const phone = await openCallPage(browser, server.url);
    pages.push(phone);
    await expectRemoteVideo(phone.page, 'phone');
    const camera = await waitFor('the camera on the phone', async () => (await remoteVideo(phone.page))?.size.startsWith('0x') === false && remoteVideo(phone.page));
    expect(camera.fit).toBe('cover');
    const offersBefore = server.log.filter((e) => e.type === 'signal' && e.kind === 'offer').length;

    await laptop.page.getByRole('button', { name: 'Share screen' }).click();
    const shared = await waitFor('the screen on the phone', async () => {
      const now = await remoteVideo(phone.page);
      return now && now.size !== camera.size && now.fit === 'contain' ? now : undefined;
    });
    expect(shared.label).toBe('Remote screen');
    expect(await laptop.page.getByRole('button', { name: 'Stop sharing' }).getAttribute('aria-pressed')).toBe('true');
    await waitFor('the screen-share event', () => server.log.some((e) => e.type === 'screen-share' && e.on));

    await laptop.page.getByRole('button', { name: 'Stop sharing' }).click();
    const back = await waitFor('the camera back on the phone', async () => {
      const now = await remoteVideo(phone.page);
      return now && now.size === camera.size && now.fit === 'cover' ? now : undefined;
    });
    expect(back.label).toBe('Remote camera');
    await waitFor('the stop event', () => server.log.some((e) => e.type === 'screen-share' && !e.on));
    // replaceTrack: the same negotiated video slot carried the screen, so nobody offered again.
    expect(server.log.filter((e) => e.type === 'signal' && e.kind === 'offer').length).toBe(offersBefore);
  });
});
