/**
 * Numbers as people read them in a terminal: sizes, bitrates, durations, the call's path.
 */
import type { CallStats, CandidateEnd } from '../shared/protocol.js';

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * A file's size as the call page shows it (decimal units: "3.2 MB", "52 MB"), so the terminal and
 * the page name the same number; formatBytes is for signaling messages, which stay under 64 KB.
 */
export function formatFileSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  // Rounded first: 999,999 bytes is "1 MB", not "1000 kB".
  while (Math.round(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  // Number() drops a trailing ".0", as Intl's maximumFractionDigits does on the page.
  return `${Number(value.toFixed(value < 10 && unit > 0 ? 1 : 0))} ${units[unit]}`;
}

export function formatKbps(kbps: number): string {
  return kbps < 1000 ? `${Math.round(kbps)} kb/s` : `${(kbps / 1000).toFixed(1)} Mb/s`;
}

/** "42 s", "3m 07s", "1h 02m" */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

export function formatRtt(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/**
 * "host udp 192.168.1.20:50000 ⇄ host udp 192.168.1.31:50002";
 * "relay udp via turn:192.168.1.20:3478?transport=udp (192.168.1.20:49160) ⇄ relay udp 192.168.1.20:49161"
 */
export function formatPath(path: NonNullable<CallStats['path']>): string {
  return `${formatEnd(path.local)} ⇄ ${formatEnd(path.remote)}`;
}

function formatEnd(end: CandidateEnd): string {
  const where = end.address === undefined ? '' : `${end.address}${end.port === undefined ? '' : `:${end.port}`}`;
  // Our own relay candidate knows its TURN server: say which relay carries the call.
  if (end.type === 'relay' && end.url) return `relay ${end.relayProtocol ?? end.protocol} via ${end.url}${where ? ` (${where})` : ''}`;
  const relay = end.type === 'relay' && end.relayProtocol ? `(${end.relayProtocol})` : '';
  return `${end.type}${relay} ${end.protocol}${where ? ` ${where}` : ''}`;
}

/** "video VP8 640×480 30 fps 1.2 Mb/s · audio opus 32 kb/s" — what this page receives. */
export function formatReceived(stats: CallStats): string {
  const { video, audio } = stats;
  const size = video.width && video.height ? ` ${video.width}×${video.height}` : '';
  const fps = video.fps === undefined ? '' : ` ${Math.round(video.fps)} fps`;
  return [
    `video${video.codecIn ? ` ${video.codecIn}` : ''}${size}${fps} ${formatKbps(video.inKbps)}`,
    `audio${audio.codecIn ? ` ${audio.codecIn}` : ''} ${formatKbps(audio.inKbps)}`,
  ].join(' · ');
}
