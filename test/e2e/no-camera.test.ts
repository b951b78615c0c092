import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectRemoteVideo, withoutArgs } from '../helpers/browser.js';
import { useCallPages } from '../helpers/call-pages.js';
import { waitFor } from '../helpers/wait.js';

/** What a camera held by another app looks like to the page (Chromium has no flag for it). */
const CAMERA_BUSY = () => {
  navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Could not start video source', 'NotReadableError'));
};

async function problemText(page: Page): Promise<string> {
  await waitFor('the camera problem to be explained', () => page.locator('#problem').isVisible());
  return page.locator('#problem').innerText();
}

/** The other person's tile says "No camera" instead of showing a black picture. */
async function expectNoCameraTile(page: Page): Promise<void> {
  const label = page.locator('#remotes .tile .no-camera');
  await waitFor('the other person\'s tile to say "No camera"', () => label.isVisible());
  expect(await label.innerText()).toBe('No camera');
}

describe('a person whose camera cannot be used still joins, receive-only', () => {
  const call = useCallPages();

  // No --use-fake-ui-for-media-stream: headless Chromium then refuses the permission prompt,
  // as a person clicking "Block" does. A page without camera permission gets its host
  // candidates as mDNS names, which a real LAN resolves but this loopback-only namespace does
  // not: the flag gives it the plain addresses a page with permission has.
  it('camera blocked: told how to allow it in Chrome; the other side sees "No camera"', async () => {
    const other = await call.open();
    const blocked = await call.open({
      browserArgs: [...withoutArgs('--use-fake-ui-for-media-stream'), '--disable-features=WebRtcHideLocalIpsWithMdns'],
    });
    expect(await problemText(blocked.page)).toMatch(/blocked\. To allow it, click the icon at the left of the address bar.*reload.*still see and hear/i);
    await expectRemoteVideo(blocked.page, 'the page with the camera blocked');
    await expectNoCameraTile(other.page);
    // The other person's camera works: their tile shows them, no label.
    expect(await blocked.page.locator('#remotes .no-camera').isVisible()).toBe(false);
    expect(await blocked.page.locator('#local').isVisible()).toBe(false);
  });

  // No --use-fake-device-for-media-stream: this machine has no camera or microphone at all.
  it('no camera on the device: told so; the other side sees "No camera"', async () => {
    const other = await call.open();
    const deviceless = await call.open({ browserArgs: withoutArgs('--use-fake-device-for-media-stream') });
    expect(await problemText(deviceless.page)).toMatch(/no camera or microphone was found.*still see and hear/i);
    await expectRemoteVideo(deviceless.page, 'the page without a camera');
    await expectNoCameraTile(other.page);
  });

  it('camera busy in another app: told to close it; the other side sees "No camera"', async () => {
    const other = await call.open();
    const busy = await call.open({ initScript: CAMERA_BUSY });
    expect(await problemText(busy.page)).toMatch(/in use by another app.*close that app/i);
    await expectRemoteVideo(busy.page, 'the page whose camera is busy');
    await expectNoCameraTile(other.page);
  });
});
