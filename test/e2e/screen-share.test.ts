/**
 * Screen sharing between real Chromium pages in a mesh of three. Chromium's fake capture stands
 * in for the screen: --use-fake-ui-for-media-stream accepts getDisplayMedia's picker with a fake
 * screen, --auto-accept-this-tab-capture covers builds that offer the tab instead. The others'
 * received video changes source (its decoded size), keeps decoding, is shown whole, and comes
 * back to the camera on "Stop sharing" and on the browser's own stop, with no new offer.
 */
import picocolors from 'picocolors';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallTracker } from '../../src/terminal/call-tracker.js';
import { formatEventLines } from '../../src/terminal/event-line.js';
import { CHROMIUM_ARGS, expectEveryRemoteVideo, framesDecodedPerConnection, launchBrowser, openCallPage, type CallPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/** Keeps the captured screen's track, so the test can end it as the browser's "Stop sharing" bar does. */
const RECORD_DISPLAY_TRACKS = () => {
  const tracks: MediaStreamTrack[] = [];
  (window as unknown as { __displayTracks: MediaStreamTrack[] }).__displayTracks = tracks;
  const getDisplayMedia = MediaDevices.prototype.getDisplayMedia;
  MediaDevices.prototype.getDisplayMedia = async function (this: MediaDevices, ...args: Parameters<MediaDevices['getDisplayMedia']>) {
    const stream = (await Reflect.apply(getDisplayMedia, this, args)) as MediaStream;
    tracks.push(...stream.getVideoTracks());
    return stream;
  };
};

interface RemoteVideo {
  size: string;
  fit: string;
  label: string | null;
}

/** What one page shows of each other person: the decoded size of their video and how it fits its box. */
const remoteVideos = (page: Page): Promise<RemoteVideo[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLVideoElement>('#remotes video')].map((video) => ({
      size: `${video.videoWidth}x${video.videoHeight}`,
      fit: getComputedStyle(video).objectFit,
      label: video.getAttribute('aria-label'),
    })),
  );

describe('screen sharing', () => {
  let browser: Browser;
  let server: TestServer;
  const pages: CallPage[] = [];

  beforeAll(async () => {
    browser = await launchBrowser([...CHROMIUM_ARGS, '--auto-accept-this-tab-capture']);
    server = await startTestServer({ maxPeers: 3 });
  });
  afterAll(async () => {
    await Promise.all(pages.map((p) => p.close()));
    await server.close();
    await browser.close();
  });

  it('in a mesh of three, replaces the camera on every connection without renegotiating, shows it whole, and brings the camera back on Stop sharing and on the browser\'s stop', async () => {
    for (let i = 0; i < 3; i++) pages.push(await openCallPage(browser, server.url, { initScript: RECORD_DISPLAY_TRACKS }));
    const [sharer, ...viewers] = pages.map((p) => p.page);
    if (!sharer || viewers.length !== 2) throw new Error('three pages expected');
    for (const [i, page] of pages.entries()) await expectEveryRemoteVideo(page.page, `page ${i + 1}`, 2);
    /** Each viewer's tile of the sharer: the one whose size is not the other viewer's camera. */
    const cameras = await Promise.all(
      viewers.map((page) => waitFor('the cameras on a viewer', async () => {
        const shown = await remoteVideos(page);
        return shown.length === 2 && shown.every((v) => !v.size.startsWith('0x')) ? shown : undefined;
      })),
    );
    const cameraSize = cameras[0]?.[0]?.size;
    expect(cameras.flat().every((v) => v.size === cameraSize && v.fit === 'cover' && v.label === 'Remote camera')).toBe(true);
    const offers = () => server.log.filter((e) => e.type === 'signal' && e.kind === 'offer').length;
    const offersBefore = offers();

    /** On both viewers: one tile shows a screen (another size, whole, labelled), the other still the camera. */
    const screenOnViewers = () =>
      Promise.all(
        viewers.map((page, i) => waitFor(`the screen on viewer ${i + 1}`, async () => {
          const shown = await remoteVideos(page);
          const screen = shown.find((v) => v.size !== cameraSize && !v.size.startsWith('0x') && v.fit === 'contain' && v.label === 'Remote screen');
          return screen && shown.some((v) => v.size === cameraSize && v.fit === 'cover') ? screen : undefined;
        })),
      );
    const cameraBackOnViewers = () =>
      Promise.all(
        viewers.map((page, i) => waitFor(`the camera back on viewer ${i + 1}`, async () => {
          const shown = await remoteVideos(page);
          return shown.length === 2 && shown.every((v) => v.size === cameraSize && v.fit === 'cover' && v.label === 'Remote camera');
        })),
      );
    /** Frames keep arriving on every viewer connection: the new source is decoded, not frozen. */
    const stillDecoding = async () => {
      for (const [i, page] of viewers.entries()) {
        const before = await framesDecodedPerConnection(page);
        await waitFor(`viewer ${i + 1} to keep decoding`, async () => (await framesDecodedPerConnection(page)).every((f, j) => f > (before[j] ?? 0)));
      }
    };

    await sharer.getByRole('button', { name: 'Share screen' }).click();
    await screenOnViewers();
    await stillDecoding();
    expect(await sharer.getByRole('button', { name: 'Stop sharing' }).getAttribute('aria-pressed')).toBe('true');
    await waitFor('a screen-share start for each viewer', () => server.log.filter((e) => e.type === 'screen-share' && e.on).length === 2);

    await sharer.getByRole('button', { name: 'Stop sharing' }).click();
    await cameraBackOnViewers();
    await stillDecoding();
    await waitFor('a screen-share stop for each viewer', () => server.log.filter((e) => e.type === 'screen-share' && !e.on).length === 2);

    // Again, ended by the browser (its own "Stop sharing" bar ends the captured track).
    await sharer.getByRole('button', { name: 'Share screen' }).click();
    await screenOnViewers();
    await sharer.evaluate(() => {
      const track = (window as unknown as { __displayTracks: MediaStreamTrack[] }).__displayTracks.at(-1);
      track?.stop();
      track?.dispatchEvent(new Event('ended'));
    });
    await cameraBackOnViewers();
    expect(await sharer.getByRole('button', { name: 'Share screen' }).getAttribute('aria-pressed')).toBe('false');
    await waitFor('the second stop', () => server.log.filter((e) => e.type === 'screen-share' && !e.on).length === 4);

    // replaceTrack: the negotiated video slots carried the screen, so nobody offered again.
    expect(offers()).toBe(offersBefore);
    const tracker = new CallTracker();
    const lines = server.log.flatMap((event) => {
      const { tracked } = tracker.track(event);
      return event.type === 'screen-share' ? formatEventLines(tracked, { colors: picocolors.createColors(false), verbose: false }) : [];
    });
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(/→ laptop \d\s+screen\s+started sharing the screen instead of the camera/);
    expect(lines[2]).toMatch(/screen\s+stopped sharing the screen, camera back/);
  });
});
