import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectRemoteVideo, peerConnectionCount, statusText } from '../helpers/browser.js';
import { useCallFixture } from '../helpers/call-fixture.js';
import { waitFor } from '../helpers/wait.js';
import { CAMERA_DURING_OFFER, CAMERA_ONCE_ANSWERED, CAMERA_ONCE_CONNECTED, RECORD_CAMERA_TRACKS, SLOW_CAMERA } from '../helpers/page-cameras.js';
import { ANSWER_APPLIED_AS_NEXT_OFFER_ARRIVES } from '../helpers/page-signaling.js';

/** The states of the tracks the page's camera gave it (see RECORD_CAMERA_TRACKS). */
const cameraTrackStates = (page: Page) =>
  page.evaluate(() => (window as unknown as { __cameraTracks: MediaStreamTrack[] }).__cameraTracks.map((t) => `${t.kind} ${t.readyState}`));

describe('a call in two browser pages', () => {
  const call = useCallFixture();
  const open = () => call.open();

  it('connects two pages so each decodes the other\'s video', async () => {
    const a = await open();
    await waitFor('A to wait for someone', async () => /waiting for someone to join/i.test(await statusText(a.page)));
    const b = await open();
    await Promise.all([expectRemoteVideo(a.page, 'A'), expectRemoteVideo(b.page, 'B')]);
    expect(await statusText(a.page)).toMatch(/in the call/i);
    const kinds = call.server.log.flatMap((e) => (e.type === 'signal' ? [e.kind] : []));
    expect(kinds).toContain('offer');
    expect(kinds).toContain('answer');
    expect(kinds).toContain('candidate');
  });

  it('sends the newcomer\'s late camera on the offer it made while joining, with no second offer', async () => {
    const a = await open();
    await waitFor('A to wait for someone', async () => /waiting for someone to join/i.test(await statusText(a.page)));
    const b = await call.open({ initScript: SLOW_CAMERA });
    await Promise.all([expectRemoteVideo(a.page, 'A'), expectRemoteVideo(b.page, 'B')]);
    const joins = call.server.log.flatMap((e) => (e.type === 'join' ? [e.peerId] : []));
    const descriptions = call.server.log.flatMap((e) => (e.type === 'signal' && (e.kind === 'offer' || e.kind === 'answer') ? [`${e.kind} ${e.from}`] : []));
    expect(descriptions).toEqual([`offer ${joins[1]}`, `answer ${joins[0]}`]);
  });

  it('shows the newcomer to a page whose camera starts just as the newcomer\'s offer arrives', async () => {
    const a = await call.open({ initScript: CAMERA_DURING_OFFER });
    await waitFor('A to wait for someone', async () => /waiting for someone to join/i.test(await statusText(a.page)));
    const b = await open();
    await Promise.all([expectRemoteVideo(a.page, 'A'), expectRemoteVideo(b.page, 'B')]);
  });

  it('sends the newcomer\'s camera on its first slots when it starts just as the other side renegotiates', async () => {
    // A's camera comes once the call is up, so A offers again to send it; B's camera arrives during that offer.
    const a = await call.open({ initScript: CAMERA_ONCE_CONNECTED });
    await waitFor('A to wait for someone', async () => /waiting for someone to join/i.test(await statusText(a.page)));
    const b = await call.open({ initScript: CAMERA_DURING_OFFER });
    await Promise.all([expectRemoteVideo(a.page, 'A'), expectRemoteVideo(b.page, 'B')]);
    const transceivers = (page: typeof a.page) =>
      page.evaluate(() => (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.at(-1)?.getTransceivers().length);
    // One audio and one video slot each way: B's camera took the slots of its first offer.
    expect([await transceivers(a.page), await transceivers(b.page)]).toEqual([2, 2]);
  });

  it('shows the video of a page that offers again right after answering, while the newcomer is still applying that answer', async () => {
    // A answers without a camera, which then starts, so A offers again at once; B gets that
    // offer while it applies A's answer. No collision: B must answer it, or A's video, which
    // flows already, never shows on B (the --relay-only flake: B's video held an empty stream).
    const a = await call.open({ initScript: CAMERA_ONCE_ANSWERED });
    await waitFor('A to wait for someone', async () => /waiting for someone to join/i.test(await statusText(a.page)));
    const b = await call.open({ initScript: ANSWER_APPLIED_AS_NEXT_OFFER_ARRIVES });
    await Promise.all([expectRemoteVideo(a.page, 'A'), expectRemoteVideo(b.page, 'B')]);
    const joins = call.server.log.flatMap((e) => (e.type === 'join' ? [e.peerId] : []));
    const descriptions = call.server.log.flatMap((e) => (e.type === 'signal' && (e.kind === 'offer' || e.kind === 'answer') ? [`${e.kind} ${e.from}`] : []));
    expect(descriptions).toEqual([`offer ${joins[1]}`, `answer ${joins[0]}`, `offer ${joins[0]}`, `answer ${joins[1]}`]);
  });

  it('re-establishes the call after B reloads', async () => {
    const a = await open();
    const b = await open();
    await Promise.all([expectRemoteVideo(a.page, 'A'), expectRemoteVideo(b.page, 'B')]);
    const connectionsBefore = await peerConnectionCount(a.page);
    await b.page.reload();
    // A must have replaced its connection to the old page, not kept watching a dead one
    await waitFor('A to open a new connection', async () => (await peerConnectionCount(a.page)) > connectionsBefore);
    await Promise.all([expectRemoteVideo(a.page, 'A after reload'), expectRemoteVideo(b.page, 'B after reload')]);
    expect(call.server.log.filter((e) => e.type === 'join')).toHaveLength(3);
  });

  it('connects when both pages load at the same moment', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    await Promise.all([expectRemoteVideo(a.page, 'A'), expectRemoteVideo(b.page, 'B')]);
  });

  it('shows a third page that the call is full and leaves the first two connected', async () => {
    const a = await open();
    const b = await open();
    await Promise.all([expectRemoteVideo(a.page, 'A'), expectRemoteVideo(b.page, 'B')]);
    const c = await open();
    await waitFor('C to show the call is full', async () => /this call is full/i.test(await statusText(c.page)));
    await Promise.all([expectRemoteVideo(a.page, 'A with C refused'), expectRemoteVideo(b.page, 'B with C refused')]);
    expect(call.server.log.some((e) => e.type === 'rejected' && e.reason === 'room-full')).toBe(true);
  });

  it.each([
    { refusal: 'the call is full', camera: 'a camera that starts at once', initScript: RECORD_CAMERA_TRACKS, room: undefined, status: /this call is full/i },
    { refusal: 'the call is full', camera: 'a camera that answers after the refusal', initScript: [SLOW_CAMERA, RECORD_CAMERA_TRACKS], room: undefined, status: /this call is full/i },
    { refusal: 'there is no such call', camera: 'a camera that starts at once', initScript: RECORD_CAMERA_TRACKS, room: 'no-such-call', status: /there is no call "no-such-call"/i },
  ])('a page refused because $refusal, with $camera, stops it and shows no call controls', async ({ initScript, room, status }) => {
    if (room === undefined) {
      const a = await open();
      const b = await open();
      await Promise.all([expectRemoteVideo(a.page, 'A'), expectRemoteVideo(b.page, 'B')]);
    }
    const c = await call.open({ initScript }, room === undefined ? call.server.url : `${call.server.origin}/r/${room}`);
    await waitFor('C to show why it was refused', async () => status.test(await statusText(c.page)));
    await waitFor('C\'s camera to have started and been stopped', async () => {
      const states = await cameraTrackStates(c.page);
      return states.length === 2 && states.every((state) => state.endsWith(' ended'));
    });
    expect((await cameraTrackStates(c.page)).sort()).toEqual(['audio ended', 'video ended']);
    await expect(c.page.getByRole('button', { name: /mute|camera|hang up/i }).count()).resolves.toBe(0);
    expect(await c.page.locator('#controls').isHidden()).toBe(true);
    expect(await c.page.locator('#local').evaluate((video: HTMLVideoElement) => video.srcObject)).toBeNull();
  });

  it('shows B waiting when A closes, then connects B to a newcomer', async () => {
    const a = await open();
    const b = await open();
    await Promise.all([expectRemoteVideo(a.page, 'A'), expectRemoteVideo(b.page, 'B')]);
    await a.close();
    await waitFor('B to wait again', async () => /waiting for someone to join/i.test(await statusText(b.page)));
    expect(await b.page.locator('#remotes video').count()).toBe(0);
    const c = await open();
    await Promise.all([expectRemoteVideo(b.page, 'B'), expectRemoteVideo(c.page, 'C')]);
  });
});
