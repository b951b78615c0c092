import { readFile } from 'node:fs/promises';
import type { CallEvent } from '../../src/server/events.js';
import type { CallStats, IceCandidate } from '../../src/shared/protocol.js';
import { CallTracker } from '../../src/terminal/call-tracker.js';
import { recordsOf as recordsOfEvent } from '../../src/terminal/event-logs.js';
import { JSON_SCHEMA_VERSION, type JsonRecord } from '../../src/terminal/json-record.js';
import { chromium } from './fixtures.js';

export const T0 = Date.UTC(2026, 10, 25, 18, 0, 0);
const ROOM = 'standup';
const LAPTOP = 'lap1';
const PHONE = 'phone1';
export const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

function stats(second: number, lost: number, received: number): CallStats {
  // A wave, so a chart has something to draw, and a dip at a third of the call.
  const dip = second > 200 && second < 220;
  return {
    path: { local: { type: 'host', protocol: 'udp', address: '192.168.1.20', port: 50000 }, remote: { type: 'host', protocol: 'udp', address: '192.168.1.31', port: 50002 }, rttMs: 4 + 3 * Math.sin(second / 17) + (dip ? 80 : 0) },
    audio: { inKbps: 32, outKbps: 32, codecIn: 'opus', codecOut: 'opus', packetsReceived: received, packetsLost: 0 },
    video: { inKbps: dip ? 300 : 1400 + 200 * Math.sin(second / 40), outKbps: 1400, codecIn: 'VP8', codecOut: 'VP8', packetsReceived: received * 3, packetsLost: lost, width: 1280, height: 720, fps: dip ? 12 : 30 },
  };
}

/**
 * A laptop and a phone in a call of `minutes`, as the server publishes it: joins, offer, answer,
 * candidates both ways, states, a stats report every 2 s from each page, an ICE restart, and the
 * phone hanging up. `extra` events are slotted in by time.
 */
export function simulatedCall(options: { minutes: number; extra?: CallEvent[] }): CallEvent[] {
  const base = { room: ROOM };
  const candidates = chromium.candidates.filter((c): c is IceCandidate => c !== null);
  const events: CallEvent[] = [
    { type: 'ready', at: T0, room: ROOM, urls: { local: [`http://localhost:3000/r/${ROOM}`], network: [] } },
    { type: 'join', at: T0 + 1000, ...base, peerId: LAPTOP, userAgent: chromium.userAgent, language: 'en-US', address: '192.168.1.20', rejoin: false },
    { type: 'join', at: T0 + 4000, ...base, peerId: PHONE, userAgent: IPHONE_UA, language: 'pt-BR', address: '192.168.1.31', rejoin: false },
    { type: 'signal', at: T0 + 4300, ...base, from: PHONE, to: LAPTOP, kind: 'offer', bytes: chromium.offer.length, signal: { kind: 'description', description: { type: 'offer', sdp: chromium.offer } } },
    ...candidates.map((candidate, i) => ({ type: 'signal' as const, at: T0 + 4310 + i, ...base, from: PHONE, to: LAPTOP, kind: 'candidate' as const, bytes: candidate.candidate.length, signal: { kind: 'candidate' as const, candidate } })),
    { type: 'signal', at: T0 + 4400, ...base, from: LAPTOP, to: PHONE, kind: 'answer', bytes: chromium.answer.length, signal: { kind: 'description', description: { type: 'answer', sdp: chromium.answer } } },
    { type: 'signal', at: T0 + 4410, ...base, from: LAPTOP, to: PHONE, kind: 'candidate', bytes: 200, signal: { kind: 'candidate', candidate: candidates[2] ?? null } },
    { type: 'signal', at: T0 + 4420, ...base, from: LAPTOP, to: PHONE, kind: 'end-of-candidates', bytes: 0, signal: { kind: 'candidate', candidate: null } },
    { type: 'peer-state', at: T0 + 4500, ...base, peerId: LAPTOP, remotePeerId: PHONE, connection: 'connecting', ice: 'checking' },
    { type: 'peer-state', at: T0 + 4600, ...base, peerId: LAPTOP, remotePeerId: PHONE, connection: 'connected', ice: 'connected' },
    { type: 'peer-state', at: T0 + 4650, ...base, peerId: PHONE, remotePeerId: LAPTOP, connection: 'connected', ice: 'connected' },
  ];
  const end = 4000 + options.minutes * 60_000;
  let lost = 0;
  for (let at = 6000, n = 1; at < end; at += 2000, n++) {
    const second = at / 1000;
    if (second > 200 && second < 220) lost += 7;
    for (const [peerId, remotePeerId] of [[LAPTOP, PHONE], [PHONE, LAPTOP]] as const) {
      events.push({ type: 'stats', at: T0 + at + (peerId === PHONE ? 700 : 0), ...base, peerId, remotePeerId, stats: stats(second, lost, n * 100) });
    }
  }
  events.push({ type: 'leave', at: T0 + end, ...base, peerId: PHONE, reason: 'transport close' });
  events.push({ type: 'closed', at: T0 + end + 5000 });
  return [...events, ...(options.extra ?? [])].sort((a, b) => a.at - b.at);
}

/** What `start --log-file` writes for these events: the real tracker and record builder, in the order the log has them. */
export function recordsOf(events: CallEvent[]): JsonRecord[] {
  const tracker = new CallTracker();
  return events.flatMap((event) => {
    const { tracked, ended } = tracker.track(event);
    return recordsOfEvent(tracked, ended, { verbose: false });
  });
}

export function ndjson(records: Array<JsonRecord | Record<string, unknown>>): string {
  return records.map((record) => JSON.stringify({ v: JSON_SCHEMA_VERSION, ...record })).join('\n') + '\n';
}

/** The complete records of a `--log-file` being written (its last line may be half written), none before it exists. */
export async function readLogRecords(logFile: string): Promise<JsonRecord[]> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.split('\n').slice(0, -1).map((line) => JSON.parse(line) as JsonRecord);
}
