/**
 * The pretty view: one aligned line per event (time, room, who → whom, event, size, summary),
 * coloured when the terminal allows it; --verbose adds the full SDP and candidate lines.
 */
import type { Colors } from 'picocolors/types.js';
import type { CallRequirement } from '../shared/protocol.js';
import type { CallSummary, LiveStats, TrackedEvent } from './call-tracker.js';
import { formatCandidate } from './candidate-summary.js';
import { lossPercent } from './json-record.js';
import { formatSdpSummary } from './sdp-summary.js';
import { formatBytes, formatDuration, formatFileSize, formatKbps, formatPath, formatReceived, formatRtt } from './units.js';

export interface LineStyle {
  colors: Colors;
  verbose: boolean;
}

interface Row {
  at: number;
  room?: string;
  who: string;
  what: string;
  size?: string;
  text: string;
  tone?: 'good' | 'bad' | 'warn' | 'signal' | 'candidate' | 'quiet';
}

const ROOM_WIDTH = 10;
const WHO_WIDTH = 20;
const WHAT_WIDTH = 10;
const SIZE_WIDTH = 7;

export function formatEventLines(tracked: TrackedEvent, style: LineStyle): string[] {
  const { event, peer, remote } = tracked;
  const arrow = peer && remote ? `${peer.name} → ${remote.name}` : '';
  switch (event.type) {
    case 'join': {
      const how = [peer?.label, event.language, event.address, `peer ${event.peerId}`, event.resumed ? 'back after a connection drop' : event.rejoin ? 'rejoined after reload' : ''];
      if (event.visitor) how.push('cannot call');
      return [row({ at: event.at, room: event.room, who: peer?.name ?? event.peerId, what: 'join', text: join(how), tone: event.visitor ? 'warn' : 'good' }, style)];
    }
    case 'unsupported': {
      const text = `this browser cannot call: no ${event.missing.map(requirementName).join(', no ')}; the page says to open the link in Safari, Chrome or Firefox`;
      return [row({ at: event.at, room: event.room, who: peer?.name ?? event.peerId, what: 'unsupported', text, tone: 'bad' }, style)];
    }
    case 'leave':
      return [row({ at: event.at, room: event.room, who: peer?.name ?? event.peerId, what: 'leave', text: leaveReason(event.reason), tone: 'warn' }, style)];
    case 'rejected': {
      const what = event.reason === 'room-full' ? 'room full' : 'rejected';
      return [row({ at: event.at, room: event.room, who: event.peerId ?? event.address ?? '', what, text: event.message, tone: 'bad' }, style)];
    }
    case 'signal': {
      const base = { at: event.at, room: event.room, who: arrow, what: event.kind, size: formatBytes(event.bytes) };
      if (tracked.sdp) {
        const restart = tracked.sdp.iceRestart ? ' · ICE restart' : '';
        const lines = [row({ ...base, text: formatSdpSummary(tracked.sdp) + restart, tone: 'signal' }, style)];
        if (style.verbose && event.signal.kind === 'description') lines.push(...indent(event.signal.description.sdp.trim().split(/\r?\n/), style));
        return lines;
      }
      if (tracked.candidate) {
        const lines = [row({ ...base, what: 'candidate', text: formatCandidate(tracked.candidate), tone: 'candidate' }, style)];
        if (style.verbose) lines.push(...indent([`a=${tracked.candidate.line}`], style));
        return lines;
      }
      const text = event.kind === 'end-of-candidates' ? 'no more candidates from this side' : event.kind;
      return [row({ ...base, what: event.kind === 'end-of-candidates' ? 'end' : event.kind, text, tone: 'quiet' }, style)];
    }
    case 'peer-state': {
      const tone = event.connection === 'connected' ? 'good' : event.connection === 'failed' ? 'bad' : event.connection === 'disconnected' ? 'warn' : 'quiet';
      return [row({ at: event.at, room: event.room, who: arrow, what: 'state', text: `connection ${event.connection} · ICE ${event.ice}`, tone }, style)];
    }
    case 'stats': {
      const path = event.stats.path;
      if (!tracked.newPath || !path) return [];
      const rtt = path.rttMs === undefined ? '' : ` · RTT ${formatRtt(path.rttMs)}`;
      return [row({ at: event.at, room: event.room, who: arrow, what: 'path', text: `${formatPath(path)}${rtt}`, tone: 'good' }, style)];
    }
    case 'diagnosis': {
      const who = peer && remote ? `${peer.name} ⇄ ${remote.name}` : event.peers.join(' ⇄ ');
      const lines = [row({ at: event.at, room: event.room, who, what: 'diagnosis', text: `${event.message} [${event.cause}]`, tone: 'bad' }, style)];
      if (style.verbose) lines.push(...indent(event.evidence, style));
      return lines;
    }
    case 'chat':
      // The text reaches the server only when start --verbose asked the pages for it (logContent).
      return [row({ at: event.at, room: event.room, who: arrow, what: 'chat', size: formatBytes(event.bytes), text: style.verbose && event.text !== undefined ? JSON.stringify(event.text) : 'message sent over the data channel', tone: 'quiet' }, style)];
    case 'screen-share':
      // replaceTrack: the same negotiated video slot carries the screen, so no offer follows.
      return [row({ at: event.at, room: event.room, who: arrow, what: 'screen', text: event.on ? 'started sharing the screen instead of the camera' : 'stopped sharing the screen, camera back', tone: 'signal' }, style)];
    case 'file': {
      const seconds = event.ms / 1000;
      const rate = event.outcome === 'verified' && seconds > 0 ? ` · ${(event.bytes / 1e6 / seconds).toFixed(1)} MB/s` : '';
      const name = style.verbose && event.name !== undefined ? `${event.name} · ` : '';
      const outcome = { verified: 'SHA-256 verified', failed: 'FAILED its SHA-256 check (discarded)', cancelled: 'cancelled' }[event.outcome];
      const tone = event.outcome === 'verified' ? 'good' : event.outcome === 'failed' ? 'bad' : 'warn';
      return [row({ at: event.at, room: event.room, who: arrow, what: 'file', size: formatFileSize(event.bytes), text: `${name}${formatDuration(event.ms)}${rate} · ${outcome}`, tone }, style)];
    }
    case 'ready':
    case 'closed':
      return [];
  }
}

/** A periodic quality line, for terminals without a live status line (pipes, CI logs). */
export function formatStatsLine(live: LiveStats, room: string, style: LineStyle): string {
  const { stats } = live;
  const rtt = stats.path?.rttMs === undefined ? 'RTT ?' : `RTT ${formatRtt(stats.path.rttMs)}`;
  const out = formatKbps(stats.audio.outKbps + stats.video.outKbps);
  const lost = stats.audio.packetsLost + stats.video.packetsLost;
  const text = `↓ ${formatReceived(stats)} · ↑ ${out} · ${rtt} · lost ${lost}`;
  return row({ at: live.at, room, who: `${live.peer.name} ← ${live.remote.name}`, what: 'quality', text }, style);
}

export function formatSummaryLine(summary: CallSummary, style: LineStyle): string {
  const parts = [
    `call lasted ${formatDuration(summary.durationMs)}`,
    summary.averageKbps === undefined ? 'no stats reported' : `average ↓ ${formatKbps(summary.averageKbps)} per person`,
    summary.worstRttMs === undefined ? '' : `worst RTT ${formatRtt(summary.worstRttMs)}`,
    `lost ${summary.packetsLost} of ${summary.packetsLost + summary.packetsReceived} packets (${lossPercent(summary)}%)`,
  ];
  return row({ at: summary.endedAt, room: summary.room, who: summary.peers.join(' ⇄ '), what: 'summary', text: join(parts), tone: 'good' }, style);
}

function row(r: Row, { colors: c }: LineStyle): string {
  const tone = { good: c.green, bad: c.red, warn: c.yellow, signal: c.magenta, candidate: c.blue, quiet: c.dim }[r.tone ?? 'quiet'];
  return [
    c.dim(clock(r.at)),
    c.cyan(fit(r.room ?? '-', ROOM_WIDTH)),
    c.bold(fit(r.who, WHO_WIDTH)),
    tone(r.what.padEnd(WHAT_WIDTH)),
    c.dim((r.size ?? '').padStart(SIZE_WIDTH)),
    r.text,
  ].join('  ');
}

function indent(lines: string[], { colors }: LineStyle): string[] {
  return lines.map((line) => colors.dim(`${' '.repeat(14)}│ ${line}`));
}

/** Local wall-clock time with milliseconds: lines are read next to the browser, in local time. */
function clock(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function join(parts: Array<string | undefined>): string {
  return parts.filter(Boolean).join(' · ');
}

function requirementName(requirement: CallRequirement): string {
  return { 'secure-context': 'secure context (the page is plain http://)', getUserMedia: 'camera access (getUserMedia)', RTCPeerConnection: 'WebRTC (RTCPeerConnection)' }[requirement];
}

/** socket.io's disconnect reasons, in words. */
function leaveReason(reason: string): string {
  if (reason === 'transport close' || reason === 'client namespace disconnect') return 'left (closed the page)';
  if (reason === 'ping timeout') return 'left (stopped answering: lost Wi-Fi or the phone slept)';
  if (reason === 'reloaded') return 'reloaded the page';
  if (reason === 'server shutting down' || reason === 'server namespace disconnect') return 'left (server stopping)';
  // the grace period ran out (server/grace.ts): "ping timeout, did not come back"
  if (reason.endsWith(', did not come back')) return 'left (lost the connection and did not come back in time)';
  return `left (${reason})`;
}
