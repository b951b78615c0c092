/**
 * The sequence ("ladder") diagram: one lane per peer and one for the server, one arrow per
 * signaling step in the order the server saw it. A signal goes from its sender through the
 * server to its addressee; what a page reports (its connection state) goes to the server.
 * The words on and under each arrow come from src/terminal's summaries, as the terminal shows them.
 */
import { formatCandidate } from '../terminal/candidate-summary.js';
import type { JsonPeer } from '../terminal/json-record.js';
import { formatSdpSummary } from '../terminal/sdp-summary.js';
import { formatBytes, formatPath, formatRtt } from '../terminal/units.js';
import type { RoomLog } from './call-records.js';

export type Tone = 'good' | 'bad' | 'warn' | 'signal' | 'candidate' | 'quiet';

export interface Lane {
  /** The peer's id; the server's lane has none. */
  peerId?: string;
  name: string;
  label: string;
}

export interface LadderArrow {
  /** Anchor of this step in the report's event list. */
  id: string;
  at: number;
  /** Lane indexes. A relayed signal passes the server's lane on its way. */
  from: number;
  to: number;
  via?: number;
  /** On the arrow: "offer", "3 candidates", "connected". */
  what: string;
  /** Who → whom, in words. */
  who: string;
  /** Under the arrow on hover, and in the event list: the SDP summary, the candidates, the reason. */
  details: string[];
  tone: Tone;
  dashed?: boolean;
}

export interface Ladder {
  startedAt: number;
  lanes: Lane[];
  arrows: LadderArrow[];
}

export const SERVER_LANE_NAME = 'server';

/** Lanes: the peers in join order, with the server in the middle (a 1:1 call reads left, server, right). */
export function ladderLanes(log: RoomLog): Lane[] {
  const peers: Lane[] = log.peers.map((p) => ({ peerId: p.id, name: p.name, label: p.label }));
  const middle = Math.ceil(peers.length / 2);
  return [...peers.slice(0, middle), { name: SERVER_LANE_NAME, label: 'signaling' }, ...peers.slice(middle)];
}

export function buildLadder(log: RoomLog): Ladder {
  const lanes = ladderLanes(log);
  const server = lanes.findIndex((lane) => lane.peerId === undefined);
  /** A peer's lane; a refusal names only an id, of a visitor who may never have had a place. */
  const lane = (peer: JsonPeer | string) => {
    const id = typeof peer === 'string' ? peer : peer.id;
    const index = lanes.findIndex((l) => l.peerId === id);
    return index === -1 ? server : index;
  };
  const arrows: LadderArrow[] = [];
  /** Candidates in a row, per sender → addressee, grow one arrow until another step comes between. */
  const batches = new Map<string, LadderArrow>();
  /** The path each page last reported, per page → other peer. */
  const paths = new Map<string, string>();
  const add = (arrow: Omit<LadderArrow, 'id'>, options: { batch?: string } = {}) => {
    batches.clear();
    const added = { ...arrow, id: `ev-${arrows.length + 1}` };
    arrows.push(added);
    if (options.batch) batches.set(options.batch, added);
    return added;
  };

  for (const record of log.records) {
    switch (record.type) {
      case 'join': {
        const how = record.resumed ? 'back' : record.rejoin ? 'rejoin' : 'join';
        const details = [record.peer.label, record.language, record.address, record.userAgent].filter((d): d is string => Boolean(d));
        add({ at: record.at, from: lane(record.peer), to: server, what: how, who: record.peer.name, details, tone: 'good' });
        break;
      }
      case 'unsupported':
        add({ at: record.at, from: lane(record.peer), to: server, what: 'cannot call', who: record.peer.name, details: [`the browser lacks ${record.missing.join(', ')}`], tone: 'bad' });
        break;
      case 'leave':
        add({ at: record.at, from: lane(record.peer), to: server, what: 'leave', who: record.peer.name, details: [record.reason], tone: 'warn', dashed: true });
        break;
      case 'offer':
      case 'answer':
      case 'pranswer': {
        const summary = formatSdpSummary(record);
        const what = record.iceRestart ? `${record.type} · ICE restart` : record.type;
        add({ ...relay(record, lane, server), what, details: [`${formatBytes(record.bytes)} · ${summary}`], tone: 'signal' });
        break;
      }
      case 'candidate':
      case 'end-of-candidates': {
        const key = `${record.from.id}>${record.to.id}`;
        const line = record.type !== 'candidate' ? 'end of candidates' : record.candidate ? formatCandidate({ ...record.candidate, line: record.line ?? '' }) : 'a candidate it could not read';
        const batch = batches.get(key);
        if (batch) {
          batch.details.push(line);
          batch.what = batchTitle(batch.details);
        } else {
          const open = new Map(batches);
          add({ ...relay(record, lane, server), what: batchTitle([line]), details: [line], tone: 'candidate' }, { batch: key });
          // Both sides trickle at once: the other side's batch stays open too.
          for (const [k, a] of open) batches.set(k, a);
        }
        break;
      }
      case 'rollback':
        add({ ...relay(record, lane, server), what: 'rollback', details: ['the offer was withdrawn (a collision: both sides offered at once)'], tone: 'warn' });
        break;
      case 'peer-state': {
        const tone = record.connection === 'connected' ? 'good' : record.connection === 'failed' ? 'bad' : record.connection === 'disconnected' ? 'warn' : 'quiet';
        const details = [`connection ${record.connection} · ICE ${record.ice} (to ${record.remote.name})`];
        add({ at: record.at, from: lane(record.peer), to: server, what: record.connection, who: `${record.peer.name} → ${record.remote.name}`, details, tone });
        break;
      }
      case 'rejected': {
        const to = record.peer === undefined ? server : lane(record.peer);
        add({ at: record.at, from: server, to, what: 'rejected', who: record.peer ?? record.address ?? '', details: [record.message], tone: 'bad' });
        break;
      }
      case 'diagnosis':
        // Said to both ends, as the server tells both pages.
        for (const peer of record.peers) {
          add({ at: record.at, from: server, to: lane(peer), what: 'diagnosis', who: peer.name, details: [`${record.cause}: ${record.message}`, ...record.evidence], tone: 'bad' });
        }
        break;
      case 'stats': {
        // A new path is a step in the call's story; the numbers are the charts' job.
        if (!record.path) break;
        const key = `${record.peer.id}>${record.remote.id}`;
        const path = formatPath(record.path);
        if (paths.get(key) !== path) {
          paths.set(key, path);
          const rtt = record.path.rttMs === undefined ? '' : ` · RTT ${formatRtt(record.path.rttMs)}`;
          add({ at: record.at, from: lane(record.peer), to: server, what: 'path', who: `${record.peer.name} → ${record.remote.name}`, details: [`${path}${rtt}`], tone: 'good' });
        }
        break;
      }
      case 'ready':
      case 'call-summary':
      case 'closed':
        break;
    }
  }
  return { startedAt: log.startedAt, lanes, arrows };
}

function relay(record: { at: number; from: JsonPeer; to: JsonPeer }, lane: (peer: JsonPeer) => number, server: number) {
  return { at: record.at, from: lane(record.from), to: lane(record.to), via: server, who: `${record.from.name} → ${record.to.name}` };
}

function batchTitle(details: string[]): string {
  const candidates = details.filter((d) => d !== 'end of candidates').length;
  const end = details.length > candidates ? ' + end' : '';
  if (candidates === 0) return 'end of candidates';
  return `${candidates} candidate${candidates === 1 ? '' : 's'}${end}`;
}

