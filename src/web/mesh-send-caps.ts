/**
 * How much video this page sends on each connection, as the call grows and while a file moves.
 * In a mesh every person encodes and uploads one stream per other person: at four people a phone
 * would encode three camera streams at full size. So each connection's video is capped by the
 * number of others, with RTCRtpSender.setParameters (maxBitrate, scaleResolutionDownBy): applied
 * at once, with no renegotiation. A 1:1 call keeps the browser's own choice. While a file goes
 * over a connection (either way), its video gives way too: encoding and decoding the cameras
 * competes with the transfer for the same processor and link, and the person is waiting for the
 * file; the video keeps playing, smaller, and gets its size back when the file is done.
 */

export interface SendCap {
  /** Bits per second for one connection's video. */
  maxBitrate: number;
  /** Tallest picture sent on one connection; a taller camera is scaled down to it. */
  maxHeight: number;
  /** Frames per second, where set: fewer frames to encode and decode. */
  maxFramerate?: number;
  /** A shared screen keeps its size (text stays legible); its bitrate cap costs frames instead. */
  keepsScreenSize?: true;
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

/** While a file moves over a connection: the mesh's smallest step at half the frames, enough to see a face. */
const FILE_TRANSFER_CAP: SendCap = { maxBitrate: 300_000, maxHeight: 240, maxFramerate: 15, keepsScreenSize: true };

/** undefined: no cap (one other person, or nobody yet, and no file moving). */
export function sendCapFor(others: number, fileMoving = false): SendCap | undefined {
  const mesh = CAPS.findLast((step) => others >= step.others)?.cap;
  if (!fileMoving) return mesh;
  if (!mesh) return FILE_TRANSFER_CAP;
  return { ...FILE_TRANSFER_CAP, maxBitrate: Math.min(mesh.maxBitrate, FILE_TRANSFER_CAP.maxBitrate), maxHeight: Math.min(mesh.maxHeight, FILE_TRANSFER_CAP.maxHeight) };
}

/**
 * Applies the cap for `connections.length` others to the video sender of each, tighter on those
 * that `fileMoving` names. Called whenever a connection comes or goes, connects, the camera
 * starts, or a file starts or stops moving. A sender with nothing negotiated yet has no
 * encodings to cap: the call once it connects applies it then.
 */
export async function capVideoSenders(connections: readonly RTCPeerConnection[], fileMoving: (pc: RTCPeerConnection) => boolean = () => false): Promise<void> {
  const open = connections.filter((pc) => pc.signalingState !== 'closed');
  await Promise.all(
    open.flatMap((pc) => {
      const cap = sendCapFor(connections.length, fileMoving(pc));
      return pc.getSenders().filter((s) => s.track?.kind === 'video').map((sender) => capSender(sender, cap));
    }),
  );
}

async function capSender(sender: RTCRtpSender, cap: SendCap | undefined): Promise<void> {
  const parameters = sender.getParameters();
  if (parameters.encodings.length === 0) return;
  const height = sender.track?.getSettings().height;
  const keepSize = cap?.keepsScreenSize && sender.track?.contentHint === 'detail';
  const scale = cap && height && height > cap.maxHeight && !keepSize ? height / cap.maxHeight : 1;
  // Unchanged (a 1:1 call connecting, a reconnect): leave the sender alone.
  if (parameters.encodings.every((e) => e.maxBitrate === cap?.maxBitrate && e.maxFramerate === cap?.maxFramerate && (e.scaleResolutionDownBy ?? 1) === scale)) return;
  for (const encoding of parameters.encodings) {
    if (cap) encoding.maxBitrate = cap.maxBitrate;
    else delete encoding.maxBitrate;
    if (cap?.maxFramerate) encoding.maxFramerate = cap.maxFramerate;
    else delete encoding.maxFramerate;
    encoding.scaleResolutionDownBy = scale;
  }
  // Rejected only while a negotiation changes the sender under it (InvalidModificationError):
  // the end of that negotiation (signaling back to stable, main.ts) applies the cap again.
  await sender.setParameters(parameters).catch(() => undefined);
}
