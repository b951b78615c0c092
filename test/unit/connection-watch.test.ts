import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchConnections } from '../../src/server/connection-watch.js';
import { CallEvents, type CallEvent } from '../../src/server/events.js';
import type { DiagnosisNotice, Signal } from '../../src/shared/protocol.js';

const DESKTOP = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const PIXEL = 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36';
const ROOM = 'r1';

function setup(delayMs = 10_000, heard = new Map<string, number>()) {
  const events = new CallEvents();
  const published: Array<Extract<CallEvent, { type: 'diagnosis' }>> = [];
  const told: Array<{ peerId: string; notice: DiagnosisNotice }> = [];
  events.subscribe((event) => {
    if (event.type === 'diagnosis') published.push(event);
  });
  const udpProbe = { heardFrom: (address: string) => heard.get(address) };
  const stop = watchConnections({ events, delayMs, iceServers: [], udpProbe, tell: (_room, peerId, notice) => told.push({ peerId, notice }) });
  const at = Date.now();
  const join = (peerId: string, userAgent: string, extra: { resumed?: boolean; address?: string; udpProbe?: string } = {}) =>
    events.publish({ type: 'join', at, room: ROOM, peerId, userAgent, rejoin: false, ...extra });
  const signal = (from: string, to: string, signal: Signal) => {
    const kind = signal.kind === 'description' ? signal.description.type : signal.candidate ? 'candidate' : 'end-of-candidates';
    events.publish({ type: 'signal', at, room: ROOM, from, to, kind, bytes: 0, signal });
  };
  const offer = (from: string, to: string) => signal(from, to, { kind: 'description', description: { type: 'offer', sdp: 'v=0\r\n' } });
  const candidate = (from: string, to: string, address: string) =>
    signal(from, to, { kind: 'candidate', candidate: { candidate: `candidate:1 1 udp 2122260223 ${address} 5000 typ host`, sdpMid: '0', sdpMLineIndex: 0 } });
  const state = (peerId: string, remotePeerId: string, connection: 'connecting' | 'connected' | 'failed') =>
    events.publish({ type: 'peer-state', at, room: ROOM, peerId, remotePeerId, connection, ice: connection === 'connecting' ? 'checking' : connection });
  return { events, published, told, stop, join, signal, offer, candidate, state };
}

describe('watching connections for ones that do not connect', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("names UDP blocked for a side whose UDP probe never arrived; a probe heard from a side's candidate address counts", () => {
    const heard = new Map<string, number>();
    const w = setup(10_000, heard);
    const probe = 'stun:192.168.1.20:40123';
    // The laptop's own page signals over loopback; its probe comes from its LAN address.
    w.join('A', DESKTOP, { address: '127.0.0.1', udpProbe: probe });
    w.join('B', PIXEL, { address: '192.168.1.31', udpProbe: probe });
    heard.set('192.168.1.20', Date.now() + 100);
    w.offer('B', 'A');
    w.candidate('B', 'A', '192.168.1.31');
    w.candidate('A', 'B', '192.168.1.20');
    vi.advanceTimersByTime(10_000);
    expect(w.published[0]).toMatchObject({ cause: 'udp-blocked' });
    expect(w.published[0]?.message).toMatch(/^UDP from the phone does not reach the computer running webrtc-call/);
    expect(w.published[0]?.evidence).toEqual(expect.arrayContaining([expect.stringMatching(/^laptop: .*UDP probe to 192\.168\.1\.20:40123 arrived$/)]));
  });

  it('a client never asked to probe is judged from its candidates; a probe older than its join does not count', () => {
    const heard = new Map([['192.168.1.31', Date.now() - 60_000]]);
    const unasked = setup(10_000, heard);
    const asked = setup(10_000, heard);
    for (const [w, udpProbe] of [[unasked, undefined], [asked, 'stun:192.168.1.20:40123']] as const) {
      w.join('A', DESKTOP, { address: '192.168.1.20' });
      w.join('B', PIXEL, { address: '192.168.1.31', udpProbe });
      w.offer('B', 'A');
      w.candidate('B', 'A', '192.168.1.31');
      w.candidate('A', 'B', '192.168.1.20');
    }
    vi.advanceTimersByTime(10_000);
    expect(asked.published[0]).toMatchObject({ cause: 'udp-blocked' });
    expect(unasked.published[0]).toMatchObject({ cause: 'checks-failed' });
  });

  it('diagnoses a connection still not connected 10 s after its offer, once, and tells both pages', () => {
    const w = setup();
    w.join('A', DESKTOP);
    w.join('B', PIXEL);
    w.offer('B', 'A');
    w.candidate('B', 'A', '10.0.0.7');
    w.candidate('A', 'B', '192.168.1.20');
    w.state('A', 'B', 'connecting');
    vi.advanceTimersByTime(9_999);
    expect(w.published).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(w.published).toHaveLength(1);
    expect(w.published[0]).toMatchObject({ room: ROOM, peers: ['B', 'A'], cause: 'no-shared-network' });
    expect(w.published[0]?.message).toContain('The phone (10.0.0.x) and the laptop (192.168.1.x) are on different networks');
    expect(w.told.map((t) => [t.peerId, t.notice.about])).toEqual([['B', 'A'], ['A', 'B']]);
    expect(w.told[0]?.notice.message).toMatch(/^Can't reach the laptop directly: The phone/);
    expect(w.told[1]?.notice.message).toMatch(/^Can't reach the phone directly: /);
    // A failure report and an ICE restart later say nothing more.
    w.state('A', 'B', 'failed');
    w.offer('B', 'A');
    vi.advanceTimersByTime(20_000);
    expect(w.published).toHaveLength(1);
  });

  it('diagnoses at once when a page reports the connection failed', () => {
    const w = setup();
    w.join('A', DESKTOP);
    w.join('B', DESKTOP);
    w.offer('B', 'A');
    w.candidate('B', 'A', '192.168.1.31');
    w.candidate('A', 'B', '192.168.1.20');
    w.state('B', 'A', 'failed');
    expect(w.published.map((d) => d.cause)).toEqual(['checks-failed']);
    expect(w.published[0]?.message).toContain('The laptop 2 and the laptop are on the same network');
  });

  it('a healthy call gets no diagnosis', () => {
    const w = setup();
    w.join('A', DESKTOP);
    w.join('B', PIXEL);
    w.offer('B', 'A');
    w.candidate('B', 'A', '192.168.1.31');
    w.state('A', 'B', 'connected');
    w.state('B', 'A', 'failed'); // a later drop is a changed network, not a setup problem
    vi.advanceTimersByTime(60_000);
    expect(w.published).toEqual([]);
    expect(w.told).toEqual([]);
  });

  it('a peer that leaves, or reloads, cancels the wait; the new connection is watched afresh', () => {
    const w = setup();
    w.join('A', DESKTOP);
    w.join('B', PIXEL);
    w.offer('B', 'A');
    w.events.publish({ type: 'leave', at: Date.now(), room: ROOM, peerId: 'B', reason: 'transport close' });
    vi.advanceTimersByTime(20_000);
    expect(w.published).toEqual([]);
    w.join('B', PIXEL);
    w.offer('B', 'A');
    vi.advanceTimersByTime(10_000);
    expect(w.published.map((d) => d.cause)).toEqual(['no-candidates']);
  });

  it('reads candidates sent inside the SDP, and its end-of-candidates marker', () => {
    const w = setup(1_000);
    w.join('A', DESKTOP);
    w.join('B', DESKTOP);
    const sdp = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=candidate:1 1 tcp 1518280447 192.168.1.31 9 typ host tcptype active\r\na=end-of-candidates\r\n';
    w.signal('B', 'A', { kind: 'description', description: { type: 'offer', sdp } });
    w.candidate('A', 'B', '192.168.1.20');
    vi.advanceTimersByTime(1_000);
    expect(w.published[0]?.cause).toBe('udp-blocked');
    expect(w.published[0]?.evidence[0]).toBe('laptop 2: 1 host tcp on 192.168.1.x, end-of-candidates; reported no state');
  });

  it('stops watching when asked', () => {
    const w = setup();
    w.join('A', DESKTOP);
    w.join('B', DESKTOP);
    w.stop();
    w.offer('B', 'A');
    vi.advanceTimersByTime(20_000);
    expect(w.published).toEqual([]);
  });
});
