/**
 * One ICE candidate line as a person wants to read it: type, protocol, address (mDNS names
 * flagged: the browser hides its real IP behind a random ".local" name), port.
 * sdp-transform parses the candidate grammar (RFC 8839 §5.1).
 */
import { parseSdp } from './sdp-parser.js';
import type { IceCandidate } from '../shared/protocol.js';

export interface CandidateSummary {
  type: string;
  protocol: string;
  address: string;
  port: number;
  /** The address is an mDNS name (…local), not an IP. */
  mdns: boolean;
  /** TCP candidates: active / passive / so. */
  tcpType?: string;
  /** srflx/relay: the local address it was derived from. */
  relatedAddress?: string;
  /** The raw a=candidate value, for --verbose. */
  line: string;
}

export function summarizeCandidate(candidate: IceCandidate | null): CandidateSummary | 'end-of-candidates' | undefined {
  if (candidate === null || candidate.candidate === '') return 'end-of-candidates';
  const line = candidate.candidate.replace(/^a=/, '');
  // a=candidate is a media-level attribute: parse it inside a minimal m= section.
  const parsed = parseSdp(`m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=${line}\r\n`).media[0]?.candidates?.[0];
  if (!parsed) return undefined;
  return {
    type: parsed.type,
    protocol: parsed.transport.toLowerCase(),
    address: parsed.ip,
    port: parsed.port,
    mdns: parsed.ip.endsWith('.local'),
    tcpType: parsed.tcptype,
    relatedAddress: parsed.raddr ? `${parsed.raddr}:${parsed.rport ?? ''}` : undefined,
    line,
  };
}

/** "host udp 192.168.1.20:54321", "host udp 3f2a…c1.local:5000 (mDNS)", "srflx udp 1.2.3.4:6000 from 192.168.1.20:5000" */
export function formatCandidate(summary: CandidateSummary): string {
  const address = summary.mdns ? `${shortenMdns(summary.address)}:${summary.port} (mDNS)` : `${hostPort(summary.address, summary.port)}`;
  const parts = [summary.type, summary.protocol, address];
  if (summary.tcpType) parts.push(summary.tcpType);
  if (summary.relatedAddress && summary.relatedAddress !== '0.0.0.0:0') parts.push(`from ${summary.relatedAddress}`);
  return parts.join(' ');
}

/** mDNS names are UUIDs: the first 8 characters identify one well enough on a screen. */
function shortenMdns(name: string): string {
  return name.length > 20 ? `${name.slice(0, 8)}….local` : name;
}

function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
