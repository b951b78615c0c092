/**
 * The call's quality over time, per page, from the `stats` records every page sends every 2 s:
 * what it received (kb/s), the round-trip time of its path, the frame rate of the video it
 * received, and the share of packets lost in each interval (the records count cumulatively).
 * Events that explain a change (a join, a reconnect: of a page to the server, or of a peer
 * connection whose ICE dropped and came back; an ICE restart, a diagnosis) are markers on the
 * same time axis.
 */
import type { ConnectionState } from '../shared/protocol.js';
import type { JsonRecord } from '../terminal/json-record.js';
import type { RoomLog } from './call-records.js';

export interface Series {
  /** "laptop ← phone": what laptop received from phone. */
  name: string;
  /** Milliseconds since the call began, and the value; a gap in the reports breaks the line. */
  points: Array<[number, number]>;
}

export interface Chart {
  id: 'bitrate' | 'rtt' | 'fps' | 'loss';
  title: string;
  unit: string;
  series: Series[];
}

export type MarkerKind = 'join' | 'reconnect' | 'ice-restart' | 'diagnosis';

export interface Marker {
  kind: MarkerKind;
  /** Milliseconds since the call began. */
  at: number;
  text: string;
}

export const MARKER_NAMES: Record<MarkerKind, string> = { join: 'join', reconnect: 'reconnect', 'ice-restart': 'ICE restart', diagnosis: 'diagnosis' };

type Stats = Extract<JsonRecord, { type: 'stats' }>;

const METRICS: Array<{ id: Chart['id']; title: string; unit: string; value(now: Stats, before?: Stats): number | undefined }> = [
  { id: 'bitrate', title: 'Received bitrate', unit: 'kb/s', value: (s) => s.audio.inKbps + s.video.inKbps },
  { id: 'rtt', title: 'Round-trip time', unit: 'ms', value: (s) => s.path?.rttMs },
  { id: 'fps', title: 'Received video frame rate', unit: 'fps', value: (s) => s.video.fps },
  { id: 'loss', title: 'Packet loss', unit: '%', value: intervalLossPercent },
];

export function buildCharts(log: RoomLog): Chart[] {
  const byConnection = new Map<string, Stats[]>();
  for (const record of log.records) {
    if (record.type !== 'stats') continue;
    const key = `${record.peer.id}>${record.remote.id}`;
    const reports = byConnection.get(key) ?? [];
    reports.push(record);
    byConnection.set(key, reports);
  }
  return METRICS.map((metric) => ({
    id: metric.id,
    title: metric.title,
    unit: metric.unit,
    series: [...byConnection.values()].map((reports) => ({
      name: `${reports[0]?.peer.name ?? '?'} ← ${reports[0]?.remote.name ?? '?'}`,
      points: reports.flatMap((report, i) => {
        const value = metric.value(report, reports[i - 1]);
        return value === undefined ? [] : [[report.at - log.startedAt, value] as [number, number]];
      }),
    })),
  }));
}

export function buildMarkers(log: RoomLog): Marker[] {
  const markers: Marker[] = [];
  const firstJoin = log.records.find((r) => r.type === 'join');
  const links = new LinkStates();
  for (const record of log.records) {
    const at = record.at - log.startedAt;
    if (record.type === 'join') {
      // A fresh join or a reload starts new connections: an earlier drop of the old ones is over.
      if (record.resumed !== true) links.forget(record.peer.id);
      if (record !== firstJoin) {
        const back = record.rejoin || record.resumed === true;
        markers.push({ kind: back ? 'reconnect' : 'join', at, text: `${record.peer.name} ${record.resumed ? 'came back after a connection drop' : record.rejoin ? 'rejoined after a reload' : 'joined'}` });
      }
    }
    if (record.type === 'peer-state') {
      if (links.reconnected(record.peer.id, record.remote.id, record.connection)) {
        markers.push({ kind: 'reconnect', at, text: `${record.peer.name} ⇄ ${record.remote.name} connected again after the connection dropped` });
      }
    }
    if ((record.type === 'offer' || record.type === 'answer') && record.iceRestart) {
      markers.push({ kind: 'ice-restart', at, text: `${record.from.name} restarted ICE (${record.type} to ${record.to.name})` });
    }
    if (record.type === 'diagnosis') markers.push({ kind: 'diagnosis', at, text: `${record.cause}: ${record.message}` });
  }
  return markers;
}

/**
 * Each connection (a pair of peers, whichever page reports) as the pages' `peer-state` reports
 * tell it: connected, or dropped since when. Both pages report the same drop; the first report
 * of each change counts.
 */
class LinkStates {
  private readonly links = new Map<string, 'never' | 'connected' | 'dropped'>();

  /**
   * True when a connection that connected, then dropped (`disconnected`/`failed`), is connected
   * again: an ICE-level reconnect, by itself or through an ICE restart. No duration: a page that
   * lost the server too sends its reports when it is back, so their times say little.
   */
  reconnected(peer: string, remote: string, state: ConnectionState): boolean {
    const key = [peer, remote].sort().join('\n');
    const was = this.links.get(key) ?? 'never';
    if (state === 'connected') this.links.set(key, 'connected');
    else if ((state === 'disconnected' || state === 'failed') && was === 'connected') this.links.set(key, 'dropped');
    return state === 'connected' && was === 'dropped';
  }

  forget(peer: string): void {
    for (const key of this.links.keys()) if (key.split('\n').includes(peer)) this.links.delete(key);
  }
}

/** Lost in this interval / sent in it, from two cumulative reports; none across a counter reset (a new connection). */
function intervalLossPercent(now: Stats, before: Stats | undefined): number | undefined {
  if (!before) return undefined;
  const lost = now.audio.packetsLost + now.video.packetsLost - (before.audio.packetsLost + before.video.packetsLost);
  const received = now.audio.packetsReceived + now.video.packetsReceived - (before.audio.packetsReceived + before.video.packetsReceived);
  if (lost < 0 || received < 0 || lost + received === 0) return undefined;
  return (lost / (lost + received)) * 100;
}
