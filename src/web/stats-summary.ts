/**
 * Turns two consecutive getStats() snapshots into the small summary the page reports: which
 * candidate pair carries the call, bitrates over the interval, received resolution and frame
 * rate, packets lost, codecs. Pure, so it is tested on snapshots captured from Chromium.
 */
import type { CallStats, CandidateEnd, MediaStats } from '../shared/protocol.js';

/** One entry of an RTCStatsReport as plain data (`[...report.values()]`). */
export interface StatsEntry {
  id: string;
  type: string;
  timestamp: number;
  [field: string]: unknown;
}

type Kind = 'audio' | 'video';

export function summarizeStats(current: StatsEntry[], previous: StatsEntry[] = []): CallStats {
  const byId = new Map(current.map((entry) => [entry.id, entry]));
  const before = new Map(previous.map((entry) => [entry.id, entry]));
  return {
    path: selectedPath(current, byId),
    audio: mediaStats('audio', current, byId, before),
    video: { ...mediaStats('video', current, byId, before), ...receivedVideo(current) },
  };
}

function mediaStats(kind: Kind, current: StatsEntry[], byId: Map<string, StatsEntry>, before: Map<string, StatsEntry>): MediaStats {
  const inbound = current.filter((e) => e.type === 'inbound-rtp' && e.kind === kind);
  // Simulcast sends several outbound-rtp streams of one kind; their bitrates add up.
  const outbound = current.filter((e) => e.type === 'outbound-rtp' && e.kind === kind);
  return {
    inKbps: sumBitrate(inbound, 'bytesReceived', before),
    outKbps: sumBitrate(outbound, 'bytesSent', before),
    codecIn: codecName(inbound[0], byId),
    codecOut: codecName(outbound[0], byId),
    packetsReceived: sum(inbound, 'packetsReceived'),
    // packetsLost can go negative when duplicates arrive (RFC 3550 6.4.1); a count is never below 0.
    packetsLost: Math.max(0, sum(inbound, 'packetsLost')),
  };
}

function receivedVideo(current: StatsEntry[]): { width?: number; height?: number; fps?: number } {
  const video = current.find((e) => e.type === 'inbound-rtp' && e.kind === 'video');
  if (!video) return {};
  const fps = numberField(video, 'framesPerSecond');
  return {
    width: numberField(video, 'frameWidth'),
    height: numberField(video, 'frameHeight'),
    fps: fps === undefined ? undefined : Math.round(fps * 10) / 10,
  };
}

function selectedPath(current: StatsEntry[], byId: Map<string, StatsEntry>): CallStats['path'] {
  const transport = current.find((e) => e.type === 'transport' && typeof e.selectedCandidatePairId === 'string');
  // Firefox has no transport stats; there the pair is marked `selected`, elsewhere `nominated`.
  const pair =
    (transport && byId.get(String(transport.selectedCandidatePairId))) ??
    current.find((e) => e.type === 'candidate-pair' && e.state === 'succeeded' && (e.selected === true || e.nominated === true));
  if (!pair) return undefined;
  const local = candidateEnd(byId.get(String(pair.localCandidateId)));
  const remote = candidateEnd(byId.get(String(pair.remoteCandidateId)));
  if (!local || !remote) return undefined;
  const rtt = numberField(pair, 'currentRoundTripTime');
  return { local, remote, rttMs: rtt === undefined ? undefined : Math.round(rtt * 10_000) / 10 };
}

const CANDIDATE_TYPES = new Set(['host', 'srflx', 'prflx', 'relay']);

function candidateEnd(entry: StatsEntry | undefined): CandidateEnd | undefined {
  if (!entry) return undefined;
  const type = entry.candidateType;
  const protocol = entry.protocol;
  if (typeof type !== 'string' || !CANDIDATE_TYPES.has(type)) return undefined;
  if (protocol !== 'udp' && protocol !== 'tcp') return undefined;
  const address = stringField(entry, 'address') ?? stringField(entry, 'ip');
  return {
    type: type as CandidateEnd['type'],
    protocol,
    address: address?.slice(0, 256),
    port: numberField(entry, 'port'),
    relayProtocol: stringField(entry, 'relayProtocol')?.slice(0, 64),
    url: stringField(entry, 'url')?.slice(0, 256),
  };
}

function codecName(entry: StatsEntry | undefined, byId: Map<string, StatsEntry>): string | undefined {
  if (!entry || typeof entry.codecId !== 'string') return undefined;
  const mimeType = stringField(byId.get(entry.codecId), 'mimeType'); // "video/VP8"
  return mimeType?.split('/').at(-1)?.slice(0, 64);
}

/** kbit/s over the interval between two snapshots: bytes × 8 / ms = kbit/s. */
function sumBitrate(entries: StatsEntry[], field: 'bytesReceived' | 'bytesSent', before: Map<string, StatsEntry>): number {
  let kbps = 0;
  for (const entry of entries) {
    const earlier = before.get(entry.id);
    const bytes = numberField(entry, field);
    const earlierBytes = earlier && numberField(earlier, field);
    if (!earlier || bytes === undefined || earlierBytes === undefined) continue;
    const ms = entry.timestamp - earlier.timestamp;
    if (ms > 0 && bytes >= earlierBytes) kbps += ((bytes - earlierBytes) * 8) / ms;
  }
  return Math.round(kbps * 10) / 10;
}

function sum(entries: StatsEntry[], field: string): number {
  return entries.reduce((total, entry) => total + (numberField(entry, field) ?? 0), 0);
}

function numberField(entry: StatsEntry | undefined, field: string): number | undefined {
  const value = entry?.[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringField(entry: StatsEntry | undefined, field: string): string | undefined {
  const value = entry?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
