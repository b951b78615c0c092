/**
 * Firefox shares its screen with Chromium, on the simulated Wi-Fi (firefox-call-fixture.ts):
 * Chromium on the laptop, Firefox on the other device over HTTPS. Firefox runs windowed on a
 * virtual display of its own (launchFirefox's `screen`): headless it has no screen, and its
 * getDisplayMedia fails with NotFoundError.
 * With media.navigator.permission.disabled a click on "Share screen" gets the whole display with
 * no picker, as a person who picked it. Chromium's video from Firefox changes source (its decoded
 * size), keeps decoding, is shown whole, and is the camera again after "Stop sharing"; the
 * terminal and the --log-file NDJSON record both.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { framesDecodedPerConnection } from '../helpers/browser.js';
import type { NdjsonRecord } from '../helpers/cli.js';
import { useFirefoxCallFixture } from '../helpers/firefox-call-fixture.js';
import { RECORD_DISPLAY_TRACKS, isCamera, isScreen, remoteVideos, sentVideoTracks, type RemoteVideo } from '../helpers/screen-share.js';
import { waitFor } from '../helpers/wait.js';

/** The screen button as the person on Firefox sees it (puppeteer has no Playwright locators). */
const shareButton = (page: FirefoxPage) =>
  page.$eval('#share-screen', (button) => ({
    visible: button.checkVisibility(),
    text: button.textContent,
    pressed: button.getAttribute('aria-pressed'),
  }));

describe('screen sharing from Firefox', { timeout: 180_000 }, () => {
  const fixture = useFirefoxCallFixture({ label: 'ff-screen', room: 'screen', startFlags: (dir) => ['--log-file', join(dir, 'call.ndjson')], screen: true });

  it('Chromium sees Firefox\'s screen whole instead of its camera, then the camera again after Stop sharing; the terminal and the NDJSON log both', async () => {
    const { cli, dir } = fixture;
    const { laptop, firefox: sharer } = await fixture.call({ firefox: RECORD_DISPLAY_TRACKS });

    /** Firefox's video as Chromium shows it, once it passes `check`. */
    const onLaptop = async (what: string, check: (v: RemoteVideo) => boolean) => {
      let shown: RemoteVideo[] = [];
      try {
        await waitFor(what, async () => {
          shown = await remoteVideos(laptop);
          return shown.length === 1 && shown.every(check);
        }, { timeoutMs: 30_000 });
      } catch (error) {
        throw new Error(`${(error as Error).message}; Chromium shows ${JSON.stringify(shown)}`);
      }
      return shown[0];
    };
    /** Frames keep arriving on Chromium: the new source is decoded, not frozen. */
    const laptopStillDecoding = async () => {
      const [before = 0] = await framesDecodedPerConnection(laptop);
      await waitFor('Chromium to keep decoding', async () => ((await framesDecodedPerConnection(laptop))[0] ?? 0) > before, { timeoutMs: 30_000 });
    };
    const camera = await onLaptop('Firefox\'s camera on Chromium', isCamera);

    // A desktop Firefox offers the button (it has getDisplayMedia).
    expect(await shareButton(sharer)).toEqual({ visible: true, text: 'Share screen', pressed: 'false' });
    await sharer.click('#share-screen');
    await waitFor('Firefox to send its screen', async () => (await sentVideoTracks(sharer)).join() === 'screen', { timeoutMs: 30_000 });
    // The source changed: another picture size arrives (the display, not the fake camera), shown whole.
    await onLaptop('Firefox\'s screen on Chromium', (v) => isScreen(v) && `${v.width}x${v.height}` !== `${camera?.width}x${camera?.height}`);
    await laptopStillDecoding();
    expect(await shareButton(sharer)).toEqual({ visible: true, text: 'Stop sharing', pressed: 'true' });
    await cli.waitForOutput(/screen\s+started sharing the screen instead of the camera/, 30_000);

    await sharer.click('#share-screen');
    await waitFor('Firefox to send its camera again', async () => (await sentVideoTracks(sharer)).join() === 'camera', { timeoutMs: 30_000 });
    await onLaptop('Firefox\'s camera back on Chromium', isCamera);
    await laptopStillDecoding();
    expect(await shareButton(sharer)).toEqual({ visible: true, text: 'Share screen', pressed: 'false' });
    await cli.waitForOutput(/screen\s+stopped sharing the screen, camera back/, 30_000);

    // The NDJSON log: Firefox → Chromium, on then off.
    const shares = async () =>
      (await readFile(join(dir, 'call.ndjson'), 'utf8'))
        .split('\n')
        .filter((line) => line.includes('"screen-share"'))
        .map((line) => JSON.parse(line) as NdjsonRecord & { from: { label: string }; to: { label: string }; on: boolean });
    await waitFor('both screen-share records in the log file', async () => (await shares()).length === 2);
    const [start, stop] = await shares();
    expect([start?.on, stop?.on]).toEqual([true, false]);
    for (const record of [start, stop]) {
      expect(record?.from.label).toMatch(/^Firefox/);
      expect(record?.to.label).toMatch(/^Chrom/);
    }
  });
});
