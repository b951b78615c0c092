/**
 * Screen sharing between real Chromium pages in a mesh of three. Chromium's fake capture stands
 * in for the screen: --use-fake-ui-for-media-stream accepts getDisplayMedia's picker with a fake
 * screen, --auto-accept-this-tab-capture covers builds that offer the tab instead. The others'
 * received video changes source (its decoded size), keeps decoding, is shown whole, and comes
 * back to the camera on "Stop sharing" and on the browser's own stop, with no new offer.
 */
import picocolors from 'picocolors';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallTracker } from '../../src/terminal/call-tracker.js';
import { formatEventLines } from '../../src/terminal/event-line.js';
import { CHROMIUM_ARGS, expectEveryRemoteVideo, framesDecodedPerConnection, launchBrowser, openCallPage, type CallPage } from '../helpers/browser.js';
import { RECORD_DISPLAY_TRACKS, isCamera, isScreen, remoteVideos, sentVideoTracks, type RemoteVideo } from '../helpers/screen-share.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

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
    const sharerId = server.log.find((e) => e.type === 'join')?.peerId;
    if (!sharerId) throw new Error('no join');
    /** On every viewer: the sharer's tile passes `sharer`, every other tile shows a camera. */
    const onViewers = (what: string, sharerTile: (v: RemoteVideo) => boolean) =>
      Promise.all(
        viewers.map(async (page, i) => {
          let shown: RemoteVideo[] = [];
          try {
            await waitFor(`${what} on viewer ${i + 1}`, async () => {
              shown = await remoteVideos(page);
              return shown.length === 2 && shown.every((v) => (v.peer === sharerId ? sharerTile(v) : isCamera(v)));
            });
          } catch (error) {
            throw new Error(`${(error as Error).message}; it shows ${JSON.stringify(shown)}`);
          }
        }),
      );
    await onViewers('the cameras', isCamera);
    /** The sharer's video on each viewer: its decoded size before sharing, to see the source change. */
    const sharerSize = async () =>
      Promise.all(viewers.map(async (page) => (await remoteVideos(page)).filter((v) => v.peer === sharerId).map((v) => `${v.width}x${v.height}`)[0]));
    const offers = () => server.log.filter((e) => e.type === 'signal' && e.kind === 'offer').length;
    const offersBefore = offers();
    const screenOnViewers = async (before: Array<string | undefined>) => {
      await waitFor('the screen on both senders', async () => (await sentVideoTracks(sharer)).join() === 'screen,screen');
      // The source changed: another picture size arrives, shown whole and labelled a screen.
      await Promise.all(viewers.map((page, i) => waitFor(`a new size from the sharer on viewer ${i + 1}`, async () => (await sharerSize())[i] !== before[i])));
      await onViewers('the screen', isScreen);
    };
    const cameraBackOnViewers = async () => {
      await waitFor('the camera on both senders', async () => (await sentVideoTracks(sharer)).join() === 'camera,camera');
      await onViewers('the camera back', isCamera);
    };
    /** Frames keep arriving on every viewer connection: the new source is decoded, not frozen. */
    const stillDecoding = async () => {
      for (const [i, page] of viewers.entries()) {
        const before = await framesDecodedPerConnection(page);
        await waitFor(`viewer ${i + 1} to keep decoding`, async () => (await framesDecodedPerConnection(page)).every((f, j) => f > (before[j] ?? 0)));
      }
    };

    let before = await sharerSize();
    await sharer.getByRole('button', { name: 'Share screen' }).click();
    await screenOnViewers(before);
    await stillDecoding();
    expect(await sharer.getByRole('button', { name: 'Stop sharing' }).getAttribute('aria-pressed')).toBe('true');
    await waitFor('a screen-share start for each viewer', () => server.log.filter((e) => e.type === 'screen-share' && e.on).length === 2);

    await sharer.getByRole('button', { name: 'Stop sharing' }).click();
    await cameraBackOnViewers();
    await stillDecoding();
    await waitFor('a screen-share stop for each viewer', () => server.log.filter((e) => e.type === 'screen-share' && !e.on).length === 2);

    // Again, ended by the browser (its own "Stop sharing" bar ends the captured track).
    before = await sharerSize();
    await sharer.getByRole('button', { name: 'Share screen' }).click();
    await screenOnViewers(before);
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
