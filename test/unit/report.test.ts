import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../src/server/events.js';
import { buildCharts, buildMarkers } from '../../src/report/charts.js';
import { splitByRoom, type RoomLog } from '../../src/report/call-records.js';
import { buildLadder } from '../../src/report/ladder.js';
import { niceTicks } from '../../src/report/markup.js';
import { renderReport } from '../../src/report/report-page.js';
import { CallLogError, describeSkipped, parseCallLog } from '../../src/terminal/call-log.js';
import type { JsonRecord } from '../../src/terminal/json-record.js';
import { ndjson, recordsOf, simulatedCall, T0 } from '../helpers/call-log.js';
import { chromium } from '../helpers/fixtures.js';

const roomOf = (records: JsonRecord[]): RoomLog => {
  const [room] = splitByRoom(records);
  if (!room) throw new Error('no room in the records');
  return room;
};

/** The laptop offers again with a new ICE ufrag: an ICE restart. */
const iceRestart: CallEvent = {
  type: 'signal', at: T0 + 100_000, room: 'standup', from: 'lap1', to: 'phone1', kind: 'offer', bytes: 5000,
  signal: { kind: 'description', description: { type: 'offer', sdp: chromium.offer.replace(/a=ice-ufrag:\S+/g, 'a=ice-ufrag:NEW1') } },
};
const phoneReloads: CallEvent = { type: 'join', at: T0 + 150_000, room: 'standup', peerId: 'phone1', userAgent: 'x', address: '192.168.1.31', rejoin: true };
const diagnosis: CallEvent = {
  type: 'diagnosis', at: T0 + 160_000, room: 'standup', peers: ['phone1', 'lap1'], cause: 'checks-failed',
  message: 'Every connectivity check failed: a firewall or Wi-Fi client isolation', evidence: ['laptop: host udp 192.168.1.20', 'phone: host udp 192.168.1.31'],
};

describe('reading a saved log', () => {
  const good = ndjson(recordsOf(simulatedCall({ minutes: 1 })));

  it('reads every record of a log start wrote', () => {
    const log = parseCallLog(good, 'call.ndjson');
    expect(log.records[0]?.type).toBe('ready');
    expect(log.records.at(-1)?.type).toBe('closed');
    expect(log.unknown + log.invalid).toBe(0);
    expect(describeSkipped(log, 'call.ndjson')).toBeUndefined();
  });

  it('skips and counts records of an unknown kind and broken lines, saying which', () => {
    const text = `${good}{"v":1,"type":"hologram","at":1}\n{"v":2,"type":"join"}\n{"v":1,"type":"stats","at":5}\nnot json\n`;
    const log = parseCallLog(text, 'call.ndjson');
    expect(log.unknown).toBe(2);
    expect(log.invalid).toBe(2);
    const lines = good.trim().split('\n').length;
    expect(describeSkipped(log, 'call.ndjson')).toBe(
      `skipped 4 of ${lines + 4} lines of call.ndjson: 2 of a kind this version does not know (written by a newer webrtc-call?); ` +
        `2 not a valid record (line ${lines + 3}: a "stats" record with time: Invalid key: Expected "time" but received undefined)`,
    );
  });

  it('refuses a file that is not a log, saying how to record one', () => {
    expect(() => parseCallLog('<html>hello</html>\n', 'page.html')).toThrow(CallLogError);
    expect(() => parseCallLog('<html>hello</html>\n', 'page.html')).toThrow(
      'cannot use page.html: it is not an NDJSON log of webrtc-call (line 1: not JSON); record a call with "webrtc-call start --log-file call.ndjson"',
    );
    expect(() => parseCallLog('\n', 'empty.ndjson')).toThrow('cannot use empty.ndjson: it is empty;');
    expect(() => parseCallLog('{"v":2,"type":"join"}\n', 'new.ndjson')).toThrow('update webrtc-call');
  });

  it('reads a diagnosis as documented', () => {
    const log = parseCallLog(ndjson(recordsOf(simulatedCall({ minutes: 1, extra: [diagnosis] }))), 'd.ndjson');
    expect(log.records.find((r) => r.type === 'diagnosis')).toMatchObject({
      peers: [{ id: 'phone1', name: 'phone' }, { id: 'lap1', name: 'laptop' }],
      cause: 'checks-failed',
      evidence: ['laptop: host udp 192.168.1.20', 'phone: host udp 192.168.1.31'],
    });
  });
});

describe('the ladder', () => {
  it('has a lane per peer and one for the server, and an arrow per signaling step with candidates batched', () => {
    const ladder = buildLadder(roomOf(recordsOf(simulatedCall({ minutes: 1 }))));
    expect(ladder.lanes.map((l) => l.name)).toEqual(['laptop', 'server', 'phone']);
    const steps = ladder.arrows.map((a) => `${ladder.lanes[a.from]?.name}>${ladder.lanes[a.to]?.name} ${a.what}`);
    expect(steps).toEqual([
      'laptop>server join',
      'phone>server join',
      'phone>laptop offer',
      'phone>laptop 6 candidates',
      'laptop>phone answer',
      'laptop>phone 1 candidate + end',
      'laptop>server connecting',
      'laptop>server connected',
      'phone>server connected',
      'laptop>server path',
      'phone>server path',
      'phone>server leave',
    ]);
    const offer = ladder.arrows[2];
    expect(offer?.via).toBe(1);
    expect(offer?.details[0]).toMatch(/^\d\.\d KB · audio opus,G722,PCMU,PCMA sendrecv · video VP8,H264\(.*\),AV1,VP9 sendrecv$/);
    expect(ladder.arrows[3]?.details).toContain('host udp 127.0.0.1:39129');
    expect(ladder.arrows[5]?.details.at(-1)).toBe('end of candidates');
    expect(ladder.arrows.at(-1)).toMatchObject({ dashed: true, details: ['transport close'] });
    expect(ladder.arrows[1]?.details.slice(1, 3)).toEqual(['pt-BR', '192.168.1.31']);
  });

  it('marks an ICE restart and draws a diagnosis from the server to both peers', () => {
    const ladder = buildLadder(roomOf(recordsOf(simulatedCall({ minutes: 3, extra: [iceRestart, diagnosis] }))));
    expect(ladder.arrows.map((a) => a.what)).toContain('offer · ICE restart');
    const diagnosed = ladder.arrows.filter((a) => a.what === 'diagnosis');
    expect(diagnosed.map((a) => [ladder.lanes[a.from]?.name, ladder.lanes[a.to]?.name])).toEqual([['server', 'phone'], ['server', 'laptop']]);
    expect(diagnosed[0]?.details).toEqual([
      'checks-failed: Every connectivity check failed: a firewall or Wi-Fi client isolation',
      'laptop: host udp 192.168.1.20',
      'phone: host udp 192.168.1.31',
    ]);
  });
});

describe('the charts', () => {
  it('draw bitrate, RTT, fps and loss per page, over the call, with loss per interval', () => {
    const charts = buildCharts(roomOf(recordsOf(simulatedCall({ minutes: 10 }))));
    expect(charts.map((c) => c.id)).toEqual(['bitrate', 'rtt', 'fps', 'loss']);
    for (const chart of charts) expect(chart.series.map((s) => s.name)).toEqual(['laptop ← phone', 'phone ← laptop']);
    const bitrate = charts[0]?.series[0]?.points ?? [];
    expect(bitrate).toHaveLength(299); // every 2 s from 5 s to 10 minutes
    expect(bitrate[0]?.[0]).toBe(5000);
    const loss = charts[3]?.series[0]?.points ?? [];
    // 7 of 407 packets lost each interval of the dip, none before or after
    expect(Math.max(...loss.map(([, v]) => v))).toBeCloseTo((7 / 407) * 100, 5);
    expect(loss.filter(([, v]) => v > 0).length).toBe(9);
  });

  it('mark later joins, reconnects, ICE restarts and diagnoses on the time axis', () => {
    const markers = buildMarkers(roomOf(recordsOf(simulatedCall({ minutes: 3, extra: [iceRestart, phoneReloads, diagnosis] }))));
    expect(markers.map((m) => [m.kind, m.at])).toEqual([
      ['join', 3000],
      ['ice-restart', 99_000],
      ['reconnect', 149_000],
      ['diagnosis', 159_000],
    ]);
  });

  it('mark a connection whose ICE dropped and came back as a reconnect, once, though both pages report it', () => {
    const state = (at: number, peerId: string, remotePeerId: string, connection: 'connected' | 'disconnected'): CallEvent => ({
      type: 'peer-state', at: T0 + at, room: 'standup', peerId, remotePeerId, connection, ice: connection,
    });
    const drop = [state(60_000, 'lap1', 'phone1', 'disconnected'), state(60_400, 'phone1', 'lap1', 'disconnected'), state(66_500, 'phone1', 'lap1', 'connected'), state(66_600, 'lap1', 'phone1', 'connected')];
    const markers = buildMarkers(roomOf(recordsOf(simulatedCall({ minutes: 2, extra: drop }))));
    expect(markers.map((m) => [m.kind, m.at, m.text])).toEqual([
      ['join', 3000, 'phone joined'],
      ['reconnect', 65_500, 'phone ⇄ laptop connected again after the connection dropped'],
    ]);
  });

  it('a reload is the join\'s reconnect, not a second one when the new connection connects', () => {
    const reload = [
      { type: 'peer-state', at: T0 + 60_000, room: 'standup', peerId: 'lap1', remotePeerId: 'phone1', connection: 'disconnected', ice: 'disconnected' },
      { type: 'join', at: T0 + 61_000, room: 'standup', peerId: 'phone1', userAgent: 'x', address: '192.168.1.31', rejoin: true },
      { type: 'peer-state', at: T0 + 62_000, room: 'standup', peerId: 'lap1', remotePeerId: 'phone1', connection: 'connected', ice: 'connected' },
    ] satisfies CallEvent[];
    const markers = buildMarkers(roomOf(recordsOf(simulatedCall({ minutes: 2, extra: reload }))));
    expect(markers.map((m) => m.kind)).toEqual(['join', 'reconnect']);
  });

  it('tick at round numbers', () => {
    expect(niceTicks(1_480)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(0.4)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe('the report page', () => {
  it('keeps a 10-minute call (stats every 2 s per page) under 300 KB', () => {
    const html = renderReport(recordsOf(simulatedCall({ minutes: 10 })), { name: 'call.ndjson' });
    expect(Buffer.byteLength(html)).toBeLessThan(300 * 1024);
  });

  it('lists each peer with its browser language, as its join line showed it', () => {
    const html = renderReport(recordsOf(simulatedCall({ minutes: 1 })), { name: 'call.ndjson' });
    const table = html.match(/<table class="peers">[\s\S]*?<\/table>/)?.[0] ?? '';
    expect(table).toContain('<th>Language</th>');
    expect(table).toMatch(/<td>phone<\/td><td>[^<]*<\/td><td>pt-BR<\/td><td>192\.168\.1\.31<\/td>/);
  });

  it('shows what a log says but never runs it: everything escaped, no script, no network source', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'';
    const evil: CallEvent = { type: 'join', at: T0 + 2000, room: 'standup', peerId: 'evil', userAgent: hostile, address: hostile, rejoin: false };
    const records = recordsOf(simulatedCall({ minutes: 1, extra: [evil, { ...diagnosis, message: hostile, evidence: [hostile] }] }));
    const html = renderReport(records, { name: '<b>x</b>.ndjson' });
    expect(html).not.toMatch(/<script|<img|<b>x/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;');
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1]?.replaceAll('&#39;', "'");
    const style = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? '';
    expect(csp).toBe(`default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; base-uri 'none'; form-action 'none'`);
    expect(html).not.toMatch(/https?:\/\/(?!localhost:3000)/);
  });
});
