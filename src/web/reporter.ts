/**
 * Tells the server how this page's connection to one peer is doing, for the terminal view:
 * every ICE/connection state change, and once connected a getStats() summary every STATS_INTERVAL_MS.
 * It only listens (addEventListener), so call.ts's negotiation is untouched.
 */
import { STATS_INTERVAL_MS, type PeerReport } from '../shared/protocol.js';
import { summarizeStats, type StatsEntry } from './stats-summary.js';

export function reportConnection(pc: RTCPeerConnection, remotePeerId: string, send: (report: PeerReport) => void): void {
  let previous: StatsEntry[] | undefined;
  let lastState = '';
  const snapshot = async () => [...(await pc.getStats()).values()] as StatsEntry[];
  const sendState = () => {
    const state = `${pc.connectionState}/${pc.iceConnectionState}`;
    if (state === lastState) return; // both events often fire for one change
    lastState = state;
    send({ kind: 'state', about: remotePeerId, connection: pc.connectionState, ice: pc.iceConnectionState });
    // Prime the first bitrate measurement now, so the first stats report comes one interval after connecting.
    if (pc.connectionState === 'connected' && !previous) void snapshot().then((current) => (previous ??= current), () => undefined);
  };
  pc.addEventListener('connectionstatechange', sendState);
  pc.addEventListener('iceconnectionstatechange', sendState);

  const timer = setInterval(() => {
    // PeerLink.close() calls pc.close(), which fires no event: notice it here and stop.
    if (pc.signalingState === 'closed') return clearInterval(timer);
    if (pc.connectionState !== 'connected') return;
    void snapshot().then((current) => {
      // A first snapshot has nothing to measure bitrate against; it only primes `previous`.
      if (previous) send({ kind: 'stats', about: remotePeerId, stats: summarizeStats(current, previous) });
      previous = current;
    }, () => undefined);
  }, STATS_INTERVAL_MS);
}
