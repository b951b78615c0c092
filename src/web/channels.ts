/**
 * The data channels every connection carries, beside audio and video: chat and files go peer
 * to peer, never through the server. They are negotiated (the same id on both sides, created by
 * each side itself), so neither side has to announce them and no extra offer or role question
 * arises; they ride on the first offer/answer of the connection.
 */
export interface PeerChannels {
  chat: RTCDataChannel;
  files: RTCDataChannel;
}

export function openPeerChannels(pc: RTCPeerConnection): PeerChannels {
  const files = pc.createDataChannel('files', { negotiated: true, id: 1 });
  // Chunks are ArrayBuffers; Blob is Chromium's default for binary messages in some versions.
  files.binaryType = 'arraybuffer';
  return {
    chat: pc.createDataChannel('chat', { negotiated: true, id: 0 }),
    files,
  };
}
