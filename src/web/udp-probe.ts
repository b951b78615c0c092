/**
 * Once per page: gather ICE candidates against the server's own STUN address (the join reply's
 * `udpProbe`), so the server learns whether UDP from this device reaches it (src/server/udp-probe.ts).
 * A connection of its own, never the call's: the call's connections keep to the LAN's host
 * candidates, and this one is closed once its Binding requests have had their chance.
 */

/** Gathering ends sooner when the server answers; if it never does, STUN has retried by then. */
const PROBE_MS = 4_000;

export function probeUdp(url: string): void {
  let pc: RTCPeerConnection;
  try {
    pc = new RTCPeerConnection({ iceServers: [{ urls: url }] });
  } catch {
    return; // A browser that refuses the URL: no probe, the diagnosis does without it.
  }
  const close = () => pc.close();
  const timer = setTimeout(close, PROBE_MS);
  pc.addEventListener('icegatheringstatechange', () => {
    if (pc.iceGatheringState !== 'complete') return;
    clearTimeout(timer);
    close();
  });
  // Something to gather for: a data channel needs no camera and sends nothing.
  pc.createDataChannel('udp-probe');
  pc.setLocalDescription().catch(() => {
    clearTimeout(timer);
    close();
  });
}
