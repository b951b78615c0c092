/**
 * The live status line at the bottom of a TTY: where the call is, and once connected its path,
 * RTT and what each side receives. Redrawn in place; one line, cut to the terminal's width.
 */
import type { Colors } from 'picocolors/types.js';
import type { RoomStatus } from './call-tracker.js';
import { formatDuration, formatKbps, formatRtt } from './units.js';

export function formatStatusLine(rooms: RoomStatus[], now: number, colors: Colors, width = 120): string {
  // With --open-rooms several calls can run; the one furthest along is the one to watch.
  const room = rooms.find((r) => r.callStartedAt !== undefined) ?? rooms.find((r) => r.peers.length > 0) ?? rooms[0];
  const { mark, text } = describe(room, now, colors);
  // The mark is one visible character; only the plain text is cut, so no colour code is split.
  return `${mark} ${cut(text, width - 2)}`;
}

function describe(room: RoomStatus | undefined, now: number, c: Colors): { mark: string; text: string } {
  if (!room || room.peers.length === 0) return { mark: c.dim('○'), text: 'waiting for the first person to open the link' };
  const who = room.peers.map((p) => p.name).join(' ⇄ ');
  if (room.peers.length === 1) return { mark: c.yellow('○'), text: `${who} is waiting for someone to join` };
  if (room.callStartedAt === undefined || room.connection !== 'connected') {
    const broken = room.connection === 'disconnected' || room.connection === 'failed';
    return { mark: broken ? c.red('◐') : c.yellow('◐'), text: `${broken ? room.connection : 'connecting'} · ${who}${room.ice ? ` · ICE ${room.ice}` : ''}` };
  }
  const parts = [`in call ${formatDuration(now - room.callStartedAt)}`, who];
  const path = room.latest.find((l) => l.stats.path)?.stats.path;
  if (path) parts.push(`${path.local.type}/${path.local.protocol}${path.rttMs === undefined ? '' : ` RTT ${formatRtt(path.rttMs)}`}`);
  for (const { peer, stats } of room.latest) {
    const size = stats.video.width && stats.video.height ? ` ${stats.video.width}×${stats.video.height}` : '';
    const fps = stats.video.fps === undefined ? '' : `@${Math.round(stats.video.fps)}`;
    const lost = stats.audio.packetsLost + stats.video.packetsLost;
    parts.push(`${peer.name} ↓${formatKbps(stats.audio.inKbps + stats.video.inKbps)}${size}${fps}${lost > 0 ? ` lost ${lost}` : ''}`);
  }
  return { mark: c.green('●'), text: parts.join(' · ') };
}

function cut(text: string, width: number): string {
  const chars = [...text];
  return chars.length > width ? `${chars.slice(0, Math.max(0, width - 1)).join('')}…` : text;
}
