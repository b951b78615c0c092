import { afterEach, describe, expect, it } from 'vitest';
import picocolors from 'picocolors';
import type { Page } from 'playwright-core';
import type { CallEvent } from '../../src/server/index.js';
import { en } from '../../src/web/i18n/en.js';
import { CallTracker } from '../../src/terminal/call-tracker.js';
import { formatEventLines } from '../../src/terminal/event-line.js';
import { describeRemoteVideos, statusText } from '../helpers/browser.js';
import { useCallFixture } from '../helpers/call-fixture.js';
import { waitFor } from '../helpers/wait.js';
import { CAMERA_ONCE_CONNECTED } from '../helpers/page-cameras.js';
import { joinWithWerift, WERIFT_USER_AGENT, type MediaKind, type WeriftPeer } from '../helpers/werift-peer.js';

type EventOf<T extends CallEvent['type']> = Extract<CallEvent, { type: T }>;

describe('a call between the page and a non-browser peer built on werift', () => {
  const fixture = useCallFixture();
  let werift: WeriftPeer | undefined;

  // Runs before the fixture's teardown: the peer leaves while the server still runs.
  afterEach(async () => {
    await werift?.close();
    werift = undefined;
  });

  const events = <T extends CallEvent['type']>(type: T) => fixture.server.log.filter((e): e is EventOf<T> => e.type === type);

  /** The lines the pretty terminal prints for the call so far (the same tracker and formatter). */
  function terminalLines(): string {
    const tracker = new CallTracker();
    const style = { colors: picocolors.createColors(false), verbose: false };
    return fixture.server.log.flatMap((event) => formatEventLines(tracker.track(event).tracked, style)).join('\n');
  }

  /** Both ends of the call, for a failure message. */
  async function describeCall(peer: WeriftPeer, call: Page): Promise<string> {
    const pageState = await describeRemoteVideos(call).catch((error: unknown) => `(could not read the page: ${String(error)})`);
    return `werift:\n${peer.history()}\npage:\n${pageState}\nterminal:\n${terminalLines()}`;
  }

  /** What each side sees: werift receives RTP of the page's camera and microphone, and keeps receiving it; the page is in the call. */
  async function expectCallUp(peer: WeriftPeer, call: Page): Promise<void> {
    try {
      for (const kind of ['audio', 'video'] satisfies MediaKind[]) {
        const first = await waitFor(`werift to receive ${kind} RTP`, () => peer.rtpReceived[kind] > 0 && peer.rtpReceived[kind], { timeoutMs: 20_000 });
        await waitFor(`more ${kind} RTP at werift`, () => peer.rtpReceived[kind] > first);
      }
      await waitFor('the page to say it is in the call', async () => (await statusText(call)) === en.status.inCall(2));
      expect(peer.problems).toEqual([]);
      expect(await call.locator('#problem').isVisible(), 'the page shows no problem').toBe(false);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${await describeCall(peer, call)}`);
    }
  }

  /** The server logs the werift peer like any other: its join, its description, its candidates, its state. */
  async function expectLoggedLikeAnyPeer(peer: WeriftPeer, ownDescription: 'offer' | 'answer'): Promise<void> {
    const join = events('join').find((e) => e.peerId === peer.peerId);
    expect(join).toMatchObject({ userAgent: WERIFT_USER_AGENT, address: '127.0.0.1', rejoin: false });
    const pagePeer = events('join').find((e) => e.peerId !== peer.peerId)?.peerId;
    const fromWerift = events('signal').filter((e) => e.from === peer.peerId);
    expect(fromWerift.every((e) => e.to === pagePeer)).toBe(true);
    // Its first description is the one its role gives it; after that it only answers, when the
    // page offers again (it may, e.g. when its camera starts during the first exchange).
    const [first, ...later] = fromWerift.filter((e) => e.kind === 'offer' || e.kind === 'answer').map((e) => e.kind);
    expect(first).toBe(ownDescription);
    expect(later.filter((kind) => kind !== 'answer')).toEqual([]);
    const candidates = fromWerift.filter((e) => e.kind === 'candidate');
    expect(candidates.length).toBeGreaterThan(0);
    // Only after its description: a candidate that arrives first is one the page cannot use.
    expect(fromWerift.findIndex((e) => e.kind === ownDescription)).toBeLessThan(fromWerift.indexOf(candidates[0] as EventOf<'signal'>));
    for (const candidate of candidates) expect(candidate.signal).toMatchObject({ kind: 'candidate', candidate: { candidate: expect.stringMatching(/ 127\.0\.0\.1 \d+ typ host/) } });
    // werift reports its connection state over the protocol's `report`, as the page does.
    await waitFor('werift to report "connected"', () =>
      events('peer-state').some((e) => e.peerId === peer.peerId && e.remotePeerId === pagePeer && e.connection === 'connected'),
    );
    expect(events('rejected')).toEqual([]);

    // And the terminal prints it: who it is, what it negotiated (receive only), its path.
    const lines = terminalLines();
    expect(lines).toMatch(/peer\s+join\s+werift-peer 1 · 127\.0\.0\.1 · peer /);
    expect(lines).toMatch(new RegExp(`peer → laptop\\s+${ownDescription}\\s+\\d+\\.\\d KB\\s+audio opus,PCMU recvonly · video VP8 recvonly`, 'i'));
    expect(lines).toMatch(/peer → laptop\s+candidate\s+\d+ B\s+host udp 127\.0\.0\.1:\d+/);
    expect(lines).toMatch(/peer → laptop\s+state\s+connection connected/);
  }

  it('joining second, werift offers; the page answers and sends it its camera and microphone', async () => {
    const call = (await fixture.open()).page;
    await waitFor('the page to wait for someone', async () => (await statusText(call)).startsWith('Waiting'));
    werift = await joinWithWerift(fixture.server.origin, fixture.server.room);
    expect(werift.role).toBe('offerer');

    await expectCallUp(werift, call);
    await expectLoggedLikeAnyPeer(werift, 'offer');
    expect(events('signal').filter((e) => e.to === werift?.peerId && e.kind === 'answer'), 'the page answers the offer').toHaveLength(1);
  });

  it('werift offers while the page\'s camera is still starting: the page answers, offers again once the camera is up, and werift receives it', async () => {
    // Both sides then hold audio and video sections that neither sends on, and the page's second
    // offer (for its chat channels) gets an answer with them inactive: werift must not mark them
    // rejected, or Chromium refuses the answer and the call never carries media.
    const call = (await fixture.open({ initScript: CAMERA_ONCE_CONNECTED })).page;
    await waitFor('the page to wait for someone', async () => (await statusText(call)).startsWith('Waiting'));
    werift = await joinWithWerift(fixture.server.origin, fixture.server.room);

    await expectCallUp(werift, call);
    await expectLoggedLikeAnyPeer(werift, 'offer');
  });

  it('joining first, werift answers the page (it is the polite side) and receives its camera and microphone', async () => {
    werift = await joinWithWerift(fixture.server.origin, fixture.server.room);
    expect(werift.role).toBe('answerer');
    const call = (await fixture.open()).page;

    await expectCallUp(werift, call);
    await expectLoggedLikeAnyPeer(werift, 'answer');
    expect(events('signal').find((e) => e.to === werift?.peerId && (e.kind === 'offer' || e.kind === 'answer'))?.kind, 'the page, the newcomer, offers').toBe('offer');
  });
});
