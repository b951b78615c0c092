/**
 * What an offer or answer says, in one line: each media section with its direction and codecs
 * ("audio opus sendrecv · video VP8,H264(CB) sendrecv"), simulcast layers, a data channel, and
 * the ICE username fragment (a new one in a later description from the same peer means an ICE
 * restart). sdp-transform parses the SDP; this only picks what a person needs.
 */
import type { MediaDescription, SessionDescription } from 'sdp-transform';
import { parseSdp } from './sdp-parser.js';

export interface MediaSummary {
  kind: string;
  mid?: string;
  /** sendrecv / sendonly / recvonly / inactive, or "rejected" for a port-0 section that is not bundled. */
  direction: string;
  /** Media codecs in preference order; helpers (rtx, red, fec, CN, DTMF) left out. */
  codecs: string[];
  /** Simulcast layers (their rids, in order) the section sends or receives; absent without simulcast. */
  simulcast?: string[];
}

export interface SdpSummary {
  media: MediaSummary[];
  dataChannel: boolean;
  iceUfrag?: string;
}

// Not codecs a person chose: retransmission, redundancy, FEC, comfort noise, DTMF tones.
const HELPER_CODECS = new Set(['rtx', 'red', 'ulpfec', 'flexfec-03', 'cn', 'telephone-event']);

export function summarizeSdp(sdp: string): SdpSummary {
  const session = parseSdp(sdp);
  const media = session.media.filter((m) => m.type !== 'application');
  return {
    media: media.map((m) => ({
      kind: m.type,
      mid: m.mid === undefined ? undefined : String(m.mid),
      direction: isRejected(m, session) ? 'rejected' : (m.direction ?? session.direction ?? 'sendrecv'),
      codecs: codecNames(inPreferenceOrder(m), m.fmtp),
      ...(m.rids && m.rids.length > 1 ? { simulcast: m.rids.map((r) => String(r.id)) } : {}),
    })),
    dataChannel: session.media.some((m) => m.type === 'application' && !isRejected(m, session)),
    iceUfrag: session.media.find((m) => m.iceUfrag)?.iceUfrag ?? session.iceUfrag,
  };
}

/**
 * Port 0 rejects a section (RFC 3264 §6), except one that shares another section's transport
 * (RFC 8843): an offer marks it `a=bundle-only` (Firefox does so for every section after the
 * first), and a bundled section names its mid in `a=group:BUNDLE`, which a rejected one leaves.
 */
function isRejected(m: MediaDescription, session: SessionDescription): boolean {
  if (m.port !== 0) return false;
  if (m.bundleOnly !== undefined) return false;
  const mid = m.mid === undefined ? undefined : String(m.mid);
  const inBundle = mid !== undefined && (session.groups ?? []).some((g) => g.type === 'BUNDLE' && g.mids.split(' ').includes(mid));
  return !inBundle;
}

/** "audio opus sendrecv · video VP8,H264(CB,H) sendrecv simulcast h,m,l · data channel" */
export function formatSdpSummary(summary: SdpSummary): string {
  const parts = summary.media.map((m) =>
    [m.kind, m.codecs.join(',') || 'no codec', m.direction, ...(m.simulcast ? [`simulcast ${m.simulcast.join(',')}`] : [])].join(' '),
  );
  if (summary.dataChannel) parts.push('data channel');
  return parts.join(' · ') || 'no media and no data channel';
}

/** The m= line lists payload types by preference; a=rtpmap lines may come in any order. */
function inPreferenceOrder(m: MediaDescription): MediaDescription['rtp'] {
  const order = String(m.payloads ?? '').split(' ').map(Number);
  const rank = (payload: number) => (order.includes(payload) ? order.indexOf(payload) : order.length);
  return [...m.rtp].sort((a, b) => rank(a.payload) - rank(b.payload));
}

function codecNames(
  rtp: Array<{ payload: number; codec: string }>,
  fmtp: Array<{ payload: number; config: string }>,
): string[] {
  const names: string[] = [];
  const h264Profiles: string[] = [];
  for (const { payload, codec } of rtp) {
    if (HELPER_CODECS.has(codec.toLowerCase())) continue;
    if (codec.toUpperCase() === 'H264') {
      const profile = h264Profile(fmtp.find((f) => f.payload === payload)?.config);
      if (profile && !h264Profiles.includes(profile)) h264Profiles.push(profile);
    }
    if (!names.includes(codec)) names.push(codec);
  }
  return names.map((name) => (name.toUpperCase() === 'H264' && h264Profiles.length > 0 ? `${name}(${h264Profiles.join(',')})` : name));
}

/**
 * H.264 profile from profile-level-id (RFC 6184 §8.1): profile_idc byte, then constraint flags.
 * Phones differ here (Safari prefers Constrained Baseline or High), and a profile mismatch is a
 * classic reason for "no video".
 */
export function h264Profile(config: string | undefined): string | undefined {
  const id = config?.match(/profile-level-id=([0-9a-fA-F]{6})/)?.[1];
  if (!id) return undefined;
  const idc = id.slice(0, 2).toLowerCase();
  const flags = Number.parseInt(id.slice(2, 4), 16);
  if (idc === '42') return flags & 0x40 ? 'CB' : 'B'; // constraint_set1: Constrained Baseline
  if (idc === '4d') return flags & 0x80 ? 'CB' : 'M'; // constraint_set0 on Main is also CB
  if (idc === '58') return (flags & 0xc0) === 0xc0 ? 'CB' : (flags & 0xc0) === 0x80 ? 'B' : 'X';
  if (idc === '64') return flags & 0x0c ? 'CH' : 'H'; // constraint_set4+5: Constrained High
  if (idc === 'f4') return 'H444';
  return idc;
}
