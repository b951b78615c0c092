import { describe, expect, it } from 'vitest';
import { expectRemoteVideo } from '../helpers/browser.js';
import { useCallPages } from '../helpers/call-pages.js';
import { waitFor } from '../helpers/wait.js';

/** What a browser does when the person clicks "Block" on the camera prompt. */
const DENY_CAMERA = () => {
  navigator.mediaDevices.getUserMedia = () =>
    Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
};

describe('a person who denies the camera', () => {
  const call = useCallPages();

  it('is told why and still sees the other person', async () => {
    await call.open(); // the other person, with a camera
    const denied = await call.open({ initScript: DENY_CAMERA });
    await waitFor('the denial to be explained', () => denied.page.locator('#problem').isVisible());
    expect(await denied.page.locator('#problem').innerText()).toMatch(/access was denied.*allow it/i);
    await expectRemoteVideo(denied.page, 'the page without a camera');
  });
});
