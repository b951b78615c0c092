/**
 * How much video this page sends on each connection, as the call grows. In a mesh every person
 * encodes and uploads one stream per other person: at four people a phone would encode three
 * camera streams at full size. So each connection's video is capped by the number of others,
 * with RTCRtpSender.setParameters (maxBitrate, scaleResolutionDownBy): applied at once, with no
 * renegotiation. A 1:1 call keeps the browser's own choice.
 */

export interface SendCap {
  /** Bits per second for one connection's video. */
  maxBitrate: number;
  /** Tallest picture sent on one connection; a taller camera is scaled down to it. */
  maxHeight: number;
}

/**
 * Per connection, by how many others are in the call. The totals stay near what one HD stream
 * costs (2 × 800 kb/s, 3 × 500, 4+ × 300): a phone's uplink and encoder carry the whole mesh.
 */
const CAPS: ReadonlyArray<{ others: number; cap: SendCap }> = [
  { others: 2, cap: { maxBitrate: 800_000, maxHeight: 480 } },
  { others: 3, cap: { maxBitrate: 500_000, maxHeight: 360 } },
  { others: 4, cap: { maxBitrate: 300_000, maxHeight: 240 } },
];

/** undefined: no cap (one other person, or nobody yet). */
export function sendCapFor(others: number): SendCap | undefined {
  return CAPS.findLast((step) => others >= step.others)?.cap;
}

/**
 * Applies the cap for `connections.length` others to the video sender of each. Called whenever
 * a connection comes or goes, connects, or the camera starts. A sender with nothing negotiated
 * yet has no encodings to cap: the call once it connects applies it then.
 */
export async function capVideoSenders(connections: readonly RTCPeerConnection[]): Promise<void> {
  const cap = sendCapFor(connections.length);
  const senders = connections.flatMap((pc) => (pc.signalingState === 'closed' ? [] : pc.getSenders()));
  await Promise.all(senders.filter((s) => s.track?.kind === 'video').map((sender) => capSender(sender, cap)));
}

async function capSender(sender: RTCRtpSender, cap: SendCap | undefined): Promise<void> {
  const parameters = sender.getParameters();
  if (parameters.encodings.length === 0) return;
  const height = sender.track?.getSettings().height;
  const scale = cap && height && height > cap.maxHeight ? height / cap.maxHeight : 1;
  // Unchanged (a 1:1 call connecting, a reconnect): leave the sender alone.
  if (parameters.encodings.every((e) => e.maxBitrate === cap?.maxBitrate && (e.scaleResolutionDownBy ?? 1) === scale)) return;
  for (const encoding of parameters.encodings) {
    if (cap) encoding.maxBitrate = cap.maxBitrate;
    else delete encoding.maxBitrate;
    encoding.scaleResolutionDownBy = scale;
  }
  // Rejected only while a negotiation changes the sender under it (InvalidModificationError):
  // the next change of the call (its connection state settling) applies the cap again.
  await sender.setParameters(parameters).catch(() => undefined);
}
