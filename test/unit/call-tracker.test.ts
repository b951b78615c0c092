import picocolors from 'picocolors';
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../src/server/events.js';
import type { CallStats } from '../../src/shared/protocol.js';
import { CallTracker } from '../../src/terminal/call-tracker.js';
import { formatEventLines, formatStatsLine, formatSummaryLine } from '../../src/terminal/event-line.js';
import { summaryRecord, toJsonRecord } from '../../src/terminal/json-record.js';
import { formatStatusLine } from '../../src/terminal/status-line.js';
import { chromium, safariOffer } from '../helpers/fixtures.js';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const plain = { colors: picocolors.createColors(false), verbose: false };
const T0 = Date.UTC(2026, 10, 25, 18, 0, 0);

const stats = (inKbps: number, rttMs: number, lost: number): CallStats => ({
  path: { local: { type: 'host', protocol: 'udp', address: '192.168.1.20', port: 50000 }, remote: { type: 'host', protocol: 'udp', address: '192.168.1.31', port: 50002 }, rttMs },
  audio: { inKbps: 32, outKbps: 32, codecIn: 'opus', codecOut: 'opus', packetsReceived: 500, packetsLost: 0 },
  video: { inKbps: inKbps - 32, outKbps: 1200, codecIn: 'H264', codecOut: 'VP8', packetsReceived: 1500, packetsLost: lost, width: 1280, height: 720, fps: 30 },
});

/** A laptop (Chromium, as captured) and an iPhone in room "r": the laptop offers, the phone answers. */
function call(): CallEvent[] {
  const base = { room: 'r' };
  const offer = { kind: 'description', description: { type: 'offer', sdp: chromium.offer } } as const;
  const answer = { kind: 'description', description: { type: 'answer', sdp: safariOffer } } as const;
  const candidate = { kind: 'candidate', candidate: chromium.candidates.find((c) => c !== null) ?? null } as const;
  return [
    { type: 'ready', at: T0, room: 'r', urls: { local: ['http://localhost:3000/r/r'], network: [] } },
    { type: 'join', at: T0 + 1000, ...base, peerId: 'phone1', userAgent: IPHONE, language: 'pt-BR', address: '192.168.1.31', rejoin: false },
    { type: 'join', at: T0 + 2000, ...base, peerId: 'lap1', userAgent: chromium.userAgent, address: '192.168.1.20', rejoin: false },
    { type: 'signal', at: T0 + 2100, ...base, from: 'lap1', to: 'phone1', kind: 'offer', bytes: 6200, signal: offer },
    { type: 'signal', at: T0 + 2200, ...base, from: 'phone1', to: 'lap1', kind: 'answer', bytes: 5100, signal: answer },
    { type: 'signal', at: T0 + 2210, ...base, from: 'lap1', to: 'phone1', kind: 'candidate', bytes: 230, signal: candidate },
    { type: 'peer-state', at: T0 + 3000, ...base, peerId: 'lap1', remotePeerId: 'phone1', connection: 'connected', ice: 'connected' },
    { type: 'stats', at: T0 + 5000, ...base, peerId: 'lap1', remotePeerId: 'phone1', stats: stats(1000, 4, 0) },
    { type: 'stats', at: T0 + 7000, ...base, peerId: 'lap1', remotePeerId: 'phone1', stats: stats(2000, 12, 3) },
    { type: 'leave', at: T0 + 63_000, ...base, peerId: 'phone1', reason: 'transport close' },
  ];
}

function track(events: CallEvent[]) {
  const tracker = new CallTracker();
  return { tracker, results: events.map((e) => tracker.track(e)) };
}

describe('following a call', () => {
  it('labels each peer from its user agent and names arrows by device', () => {
    const { results } = track(call());
    const lines = results.flatMap(({ tracked }) => formatEventLines(tracked, plain)).join('\n');
    // The visitor's browser language comes after the browser; a page that sent none shows none.
    expect(lines).toMatch(/phone\s+join\s+Safari 17 · iPhone · pt-BR · 192\.168\.1\.31 · peer phone1/);
    expect(lines).toMatch(/laptop\s+join\s+Chrome \d+ · Linux · 192\.168\.1\.20 · peer lap1/);
    expect(lines).toMatch(/laptop → phone\s+offer\s+6\.1 KB {2}audio opus,G722,PCMU,PCMA sendrecv · video VP8,H264\(/);
    expect(lines).toMatch(/phone → laptop\s+answer\s+5\.0 KB {2}audio .* · video H264\(CH,CB\),H265,VP8,VP9 sendrecv · data channel$/m);
    expect(lines).toMatch(/laptop → phone\s+candidate\s+230 B {2}host /);
    expect(lines).toMatch(/laptop → phone\s+state\s+connection connected · ICE connected/);
    expect(lines).toMatch(/laptop → phone\s+path\s+host udp 192\.168\.1\.20:50000 ⇄ host udp 192\.168\.1\.31:50002 · RTT 4\.0 ms/);
    expect(lines).toMatch(/phone\s+leave\s+left \(closed the page\)/);
    // the path line appears once, not at every stats report
    expect(lines.match(/ path /g)).toHaveLength(1);
  });

  it('a call through a TURN relay says which relay carries it', () => {
    const relayed: CallStats = {
      ...stats(1000, 4, 0),
      path: {
        local: { type: 'relay', protocol: 'udp', address: '192.168.77.1', port: 49160, relayProtocol: 'udp', url: 'turn:192.168.77.1:3478?transport=udp' },
        remote: { type: 'relay', protocol: 'udp', address: '192.168.77.1', port: 49161 },
        rttMs: 2,
      },
    };
    const events = call().slice(0, 7);
    events.push({ type: 'stats', at: T0 + 5000, room: 'r', peerId: 'lap1', remotePeerId: 'phone1', stats: relayed });
    const lines = track(events).results.flatMap(({ tracked }) => formatEventLines(tracked, plain)).join('\n');
    expect(lines).toMatch(/laptop → phone\s+path\s+relay udp via turn:192\.168\.77\.1:3478\?transport=udp \(192\.168\.77\.1:49160\) ⇄ relay udp 192\.168\.77\.1:49161 · RTT 2\.0 ms/);
  });

  it('summarizes the call when someone hangs up: duration, average bitrate, worst RTT, loss', () => {
    const { results } = track(call());
    const [summary] = results.at(-1)?.ended ?? [];
    expect(summary).toMatchObject({ room: 'r', durationMs: 60_000, averageKbps: 1500, worstRttMs: 12, packetsLost: 3, packetsReceived: 2000, peers: ['phone', 'laptop'] });
    if (!summary) throw new Error('no summary');
    expect(formatSummaryLine(summary, plain)).toMatch(
      /phone ⇄ laptop\s+summary\s+call lasted 1m 00s · average ↓ 1\.5 Mb\/s per person · worst RTT 12 ms · lost 3 of 2003 packets \(0\.15%\)$/,
    );
    expect(summaryRecord(summary)).toMatchObject({ type: 'call-summary', lossPercent: 0.15, durationMs: 60_000 });
  });

  it('ends every running call when the server closes', () => {
    const events = call().slice(0, -1);
    const { results } = track([...events, { type: 'closed', at: T0 + 10_000 }]);
    expect(results.at(-1)?.ended.map((s) => s.durationMs)).toEqual([7_000]);
  });

  it('spots an ICE restart by a new ufrag from the same peer, but not after a reload', () => {
    const offer = (sdp: string) => ({ type: 'signal', at: T0, room: 'r', from: 'a', to: 'b', kind: 'offer', bytes: 1, signal: { kind: 'description', description: { type: 'offer', sdp } } }) as const;
    const restarted = safariOffer.replaceAll('a=ice-ufrag:Qw3r', 'a=ice-ufrag:Zz9y');
    const { results } = track([offer(safariOffer), offer(safariOffer), offer(restarted)]);
    expect(results.map((r) => r.tracked.sdp?.iceRestart)).toEqual([false, false, true]);
    expect(formatEventLines(results[2]?.tracked ?? { event: { type: 'closed', at: 0 } }, plain)[0]).toMatch(/ · ICE restart$/);
    const reload = track([offer(safariOffer), { type: 'leave', at: T0, room: 'r', peerId: 'a', reason: 'reloaded' }, offer(restarted)]);
    expect(reload.results[2]?.tracked.sdp?.iceRestart).toBe(false);
  });

  it('still spots an ICE restart from a page that came back after a connection drop (its connections were kept)', () => {
    const offer = (sdp: string) => ({ type: 'signal', at: T0, room: 'r', from: 'a', to: 'b', kind: 'offer', bytes: 1, signal: { kind: 'description', description: { type: 'offer', sdp } } }) as const;
    const join = (resumed: boolean) => ({ type: 'join', at: T0, room: 'r', peerId: 'a', userAgent: IPHONE, address: '192.168.1.31', rejoin: true, resumed }) as const;
    const restarted = safariOffer.replaceAll('a=ice-ufrag:Qw3r', 'a=ice-ufrag:Zz9y');
    const resumed = track([offer(safariOffer), join(true), offer(restarted)]);
    expect(resumed.results[2]?.tracked.sdp?.iceRestart).toBe(true);
    const fresh = track([offer(safariOffer), join(false), offer(restarted)]);
    expect(fresh.results[2]?.tracked.sdp?.iceRestart).toBe(false);
  });

  it('does not call an answer with new credentials an ICE restart (its own offer was rolled back in a collision)', () => {
    const describe = (type: 'offer' | 'answer', from: string, to: string, sdp: string) =>
      ({ type: 'signal', at: T0, room: 'r', from, to, kind: type, bytes: 1, signal: { kind: 'description', description: { type, sdp } } }) as const;
    const fresh = safariOffer.replaceAll('a=ice-ufrag:Qw3r', 'a=ice-ufrag:Zz9y');
    const { results } = track([describe('offer', 'a', 'b', safariOffer), describe('offer', 'b', 'a', safariOffer), describe('answer', 'a', 'b', fresh)]);
    expect(results.map((r) => r.tracked.sdp?.iceRestart)).toEqual([false, false, false]);
    expect(formatEventLines(results[2]?.tracked ?? { event: { type: 'closed', at: 0 } }, plain)[0]).not.toMatch(/ICE restart/);
  });

  it('shows the full SDP and candidate lines only with --verbose', () => {
    const { results } = track(call());
    const offer = results[3]?.tracked;
    if (!offer) throw new Error('no offer');
    expect(formatEventLines(offer, plain)).toHaveLength(1);
    const verbose = formatEventLines(offer, { ...plain, verbose: true });
    expect(verbose.length).toBeGreaterThan(50);
    expect(verbose).toContainEqual(expect.stringMatching(/│ m=video 9 UDP\/TLS\/RTP\/SAVPF/));
    expect(JSON.stringify(toJsonRecord(offer, { verbose: false }))).not.toContain('"sdp"');
    expect(toJsonRecord(offer, { verbose: true })).toMatchObject({ sdp: chromium.offer });
  });

  it('gives --json a stable record per event', () => {
    const { results } = track(call());
    const records = results.map(({ tracked }) => toJsonRecord(tracked, { verbose: false }));
    expect(records.map((r) => r.type)).toEqual(['ready', 'join', 'join', 'offer', 'answer', 'candidate', 'peer-state', 'stats', 'stats', 'leave']);
    expect(records[0]).toEqual({ type: 'ready', at: T0, time: '2026-11-25T18:00:00.000Z', room: 'r', urls: { local: ['http://localhost:3000/r/r'], network: [] } });
    expect(records[1]).toMatchObject({ type: 'join', peer: { id: 'phone1', name: 'phone', label: 'Safari 17 · iPhone' }, language: 'pt-BR', address: '192.168.1.31', rejoin: false });
    expect(JSON.stringify(records[2])).not.toContain('language');
    expect(records[4]).toMatchObject({ type: 'answer', from: { name: 'phone' }, to: { name: 'laptop' }, bytes: 5100, dataChannel: true, iceRestart: false, iceUfrag: 'Qw3r' });
    expect(records[5]).toMatchObject({ type: 'candidate', candidate: { type: 'host', protocol: expect.any(String), mdns: false } });
    expect(records[7]).toMatchObject({ type: 'stats', peer: { name: 'laptop' }, remote: { name: 'phone' }, video: { inKbps: 968, width: 1280 }, path: { rttMs: 4 } });
  });

  it('renders the live status line as the call progresses', () => {
    const events = call();
    const tracker = new CallTracker();
    const status = (count: number, now: number) => {
      for (const event of events.splice(0, count)) tracker.track(event);
      return formatStatusLine(tracker.status(), now, plain.colors, 200);
    };
    expect(status(1, T0)).toBe('○ waiting for the first person to open the link');
    expect(status(1, T0)).toBe('○ phone is waiting for someone to join');
    expect(status(1, T0)).toBe('◐ connecting · phone ⇄ laptop');
    expect(status(4, T0 + 3000)).toBe('● in call 0 s · phone ⇄ laptop');
    expect(status(2, T0 + 45_000)).toBe('● in call 42 s · phone ⇄ laptop · host/udp RTT 12 ms · laptop ↓2.0 Mb/s 1280×720@30 lost 3');
    expect(formatStatusLine(tracker.status(), T0 + 45_000, plain.colors, 40)).toBe('● in call 42 s · phone ⇄ laptop · host/…');
  });

  it('writes a periodic quality line for logs without a status line', () => {
    const { tracker } = track(call().slice(0, -1));
    const live = tracker.status()[0]?.latest[0];
    if (!live) throw new Error('no live stats');
    expect(formatStatsLine(live, 'r', plain)).toMatch(
      /laptop ← phone\s+quality\s+↓ video H264 1280×720 30 fps 2\.0 Mb\/s · audio opus 32 kb\/s · ↑ 1\.2 Mb\/s · RTT 12 ms · lost 3$/,
    );
  });
});

describe('a visitor whose browser cannot call', () => {
  const WEBVIEW = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
  const visit: CallEvent[] = [
    { type: 'join', at: T0 + 500, room: 'r', peerId: 'app1', userAgent: WEBVIEW, address: '192.168.1.40', rejoin: false, visitor: true },
    { type: 'unsupported', at: T0 + 500, room: 'r', peerId: 'app1', missing: ['RTCPeerConnection'] },
  ];

  it('shows its join with the browser and an unsupported line saying what it lacks', () => {
    const { results } = track(visit);
    const lines = results.flatMap(({ tracked }) => formatEventLines(tracked, plain)).join('\n');
    expect(lines).toMatch(/phone\s+join\s+.*iPhone · 192\.168\.1\.40 · peer app1 · cannot call/);
    expect(lines).toMatch(/phone\s+unsupported\s+this browser cannot call: no WebRTC \(RTCPeerConnection\); the page says to open the link in Safari, Chrome or Firefox/);
    const records = results.map(({ tracked }) => toJsonRecord(tracked, { verbose: false }));
    expect(records[0]).toMatchObject({ type: 'join', visitor: true, peer: { id: 'app1', name: 'phone' }, userAgent: WEBVIEW });
    expect(records[1]).toEqual({ type: 'unsupported', at: T0 + 500, time: '2026-11-25T18:00:00.500Z', room: 'r', peer: { id: 'app1', name: 'phone', label: expect.stringContaining('iPhone') }, missing: ['RTCPeerConnection'] });
  });

  it('is not one of the call: the real phone is "phone 2", the status line and the summary leave it out, its going ends nothing', () => {
    const [first, second, ...rest] = call();
    if (!first || !second) throw new Error('no call');
    const { tracker, results } = track([first, ...visit, second, ...rest.slice(0, -1), { type: 'leave', at: T0 + 40_000, room: 'r', peerId: 'app1', reason: 'transport close' }]);
    expect(tracker.status()[0]?.peers.map((p) => p.name)).toEqual(['phone 2', 'laptop']);
    expect(results.at(-1)?.ended).toEqual([]);
  });
});

describe('a diagnosis', () => {
  const diagnosis: CallEvent = {
    type: 'diagnosis',
    at: T0 + 12_100,
    room: 'r',
    peers: ['lap1', 'phone1'],
    cause: 'checks-failed',
    message: 'The laptop and the phone are on the same network (192.168.1.x) but every connection check between them failed.',
    evidence: ['laptop: 1 host udp on 192.168.1.x, end-of-candidates; reported connection connecting, ICE checking'],
  };
  const events = [...call().slice(0, 4), diagnosis];

  it('is one line naming both ends, its message and its code; --verbose adds the evidence', () => {
    const { results } = track(events);
    const tracked = results.at(-1)?.tracked;
    if (!tracked) throw new Error('not tracked');
    const lines = formatEventLines(tracked, plain);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/laptop ⇄ phone\s+diagnosis\s+The laptop and the phone are on the same network .* \[checks-failed\]$/);
    expect(formatEventLines(tracked, { ...plain, verbose: true })[1]).toContain('│ laptop: 1 host udp on 192.168.1.x');
  });

  it('is a "diagnosis" record in --json with room, both peers, cause, message and evidence', () => {
    const { results } = track(events);
    const tracked = results.at(-1)?.tracked;
    if (!tracked) throw new Error('not tracked');
    expect(toJsonRecord(tracked, { verbose: false })).toEqual({
      type: 'diagnosis',
      at: T0 + 12_100,
      time: new Date(T0 + 12_100).toISOString(),
      room: 'r',
      peers: [
        { id: 'lap1', name: 'laptop', label: expect.stringMatching(/^Chrome \d+ · Linux$/) },
        { id: 'phone1', name: 'phone', label: 'Safari 17 · iPhone' },
      ],
      cause: 'checks-failed',
      message: diagnosis.message,
      evidence: diagnosis.evidence,
    });
  });
});
