/**
 * The data channels every connection carries, beside audio and video: chat and files go peer
 * to peer, never through the server. They are negotiated (the same id on both sides, created by
 * each side itself), so neither side has to announce them and no extra offer or role question
 * arises; they ride on the first offer/answer of the connection.
 */
import type * as v from 'valibot';
import { parse } from '../shared/protocol.js';

export interface PeerChannels {
  chat: RTCDataChannel;
  files: RTCDataChannel;
  /** Whether what the other side sends is its screen (screen-share.ts). */
  screen: RTCDataChannel;
}

export function openPeerChannels(pc: RTCPeerConnection): PeerChannels {
  const files = pc.createDataChannel('files', { negotiated: true, id: 1 });
  // Chunks are ArrayBuffers; Blob is Chromium's default for binary messages in some versions.
  files.binaryType = 'arraybuffer';
  return {
    chat: pc.createDataChannel('chat', { negotiated: true, id: 0 }),
    files,
    screen: pc.createDataChannel('screen', { negotiated: true, id: 2 }),
  };
}

/** A JSON text message from the other peer, parsed like any input from outside; undefined if it is not one. */
export function parseMessage<S extends v.GenericSchema>(schema: S, data: unknown): v.InferOutput<S> | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const parsed = parse(schema, JSON.parse(data));
    return parsed.ok ? parsed.value : undefined;
  } catch {
    return undefined;
  }
}
