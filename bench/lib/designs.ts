/** The server designs measured side by side, and the signal they all relay. */
export type Design = 'ours' | 'socketio' | 'baseline' | 'floor';

export const DESIGNS: readonly Design[] = ['ours', 'socketio', 'baseline', 'floor'];

export const DESIGN_LABELS: Record<Design, string> = {
  ours: 'webrtc-call',
  socketio: 'plain socket.io relay',
  baseline: 'broadcast baseline',
  floor: 'plain ws floor',
};

/** Designs that speak webrtc-call's events (join a room, address a peer): one client code drives both. */
export function speaksOurEvents(design: Design): boolean {
  return design === 'ours' || design === 'socketio';
}

/** An offer-sized SDP (~3 KB), shaped like Chromium's audio+video offer so validation does real work. */
export function offerSdp(): string {
  const lines = [
    'v=0',
    'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1',
    'a=extmap-allow-mixed',
    'a=msid-semantic: WMS bench',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    'a=ice-ufrag:bnch',
    'a=ice-pwd:benchbenchbenchbenchbench',
    'a=ice-options:trickle',
    'a=fingerprint:sha-256 3F:8A:2C:11:90:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF',
    'a=setup:actpass',
    'a=mid:0',
    'a=sendrecv',
    'a=rtcp-mux',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 45 46',
    'c=IN IP4 0.0.0.0',
    'a=mid:1',
    'a=sendrecv',
    'a=rtcp-mux',
    'a=rtcp-rsize',
  ];
  // Codec lines fill the rest, as a real offer's long codec list does.
  for (let pt = 96; lines.join('\r\n').length < 3_000; pt++) {
    lines.push(`a=rtpmap:${pt} VP8/90000`, `a=rtcp-fb:${pt} goog-remb`, `a=rtcp-fb:${pt} transport-cc`, `a=rtcp-fb:${pt} nack pli`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
