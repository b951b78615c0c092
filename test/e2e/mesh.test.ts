import { describe, expect, it } from 'vitest';
import { expectEveryRemoteVideo, expectRemoteVideo, type EvaluatingPage } from '../helpers/browser.js';
import { useCallPages } from '../helpers/call-pages.js';
import { waitFor } from '../helpers/wait.js';

/** What each open connection of a page sends as video: its sender's parameters and the outbound-rtp frame height (standard APIs). */
function videoSent(page: EvaluatingPage): Promise<Array<{ maxBitrate?: number; scale?: number; frameHeight?: number }>> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    const sent = [];
    for (const pc of pcs.filter((p) => p.connectionState !== 'closed')) {
      const sender = pc.getSenders().find((s) => s.track?.kind === 'video');
      const encoding = sender?.getParameters().encodings[0];
      let frameHeight: number | undefined;
      (await pc.getStats()).forEach((report: { type: string; kind?: string; frameHeight?: number }) => {
        if (report.type === 'outbound-rtp' && report.kind === 'video') frameHeight = report.frameHeight;
      });
      sent.push({ maxBitrate: encoding?.maxBitrate, scale: encoding?.scaleResolutionDownBy, frameHeight });
    }
    return sent;
  });
}

describe('a call of four (--max-peers 4)', () => {
  const pages = useCallPages({ maxPeers: 4 });

  it('sends less video on each connection as the call grows, without renegotiating the connections it has', async () => {
    const [a, b] = [await pages.open(), await pages.open()];
    await Promise.all([expectRemoteVideo(a.page, 'A'), expectRemoteVideo(b.page, 'B')]);
    // Two people: the browser's own choice, no cap.
    expect(await videoSent(a.page)).toEqual([expect.objectContaining({ maxBitrate: undefined })]);

    const c = await pages.open();
    const three = [a, b, c];
    await Promise.all(three.map((p, i) => expectEveryRemoteVideo(p.page, `page ${i + 1} of 3`, 2, 45_000)));
    for (const [i, p] of three.entries()) {
      await waitFor(`page ${i + 1} of 3 to cap each connection at 800 kb/s`, async () => {
        const sent = await videoSent(p.page);
        return sent.length === 2 && sent.every((s) => s.maxBitrate === 800_000 && s.scale === 1);
      });
    }

    const offerers = () => pages.events().flatMap((e) => (e.type === 'signal' && e.kind === 'offer' ? [e.from] : []));
    const offersBefore = offerers().length;
    const d = await pages.open();
    const four = [...three, d];
    await Promise.all(four.map((p, i) => expectEveryRemoteVideo(p.page, `page ${i + 1} of 4`, 3, 60_000)));
    // The fake camera is 640×480: at four people each connection gets 500 kb/s and 360 lines.
    for (const [i, p] of four.entries()) {
      await waitFor(`page ${i + 1} of 4 to send each of 3 connections at most 500 kb/s and 360 lines`, async () => {
        const sent = await videoSent(p.page);
        return sent.length === 3 && sent.every((s) => s.maxBitrate === 500_000 && s.scale === 480 / 360 && s.frameHeight !== undefined && s.frameHeight <= 360);
      }, { timeoutMs: 20_000 });
    }
    // Only the newcomer offered (one per person already there): the caps took no renegotiation.
    const dId = pages.events().flatMap((e) => (e.type === 'join' ? [e.peerId] : [])).at(-1);
    expect(offerers().slice(offersBefore)).toEqual([dId, dId, dId]);
  }, 240_000);
});
