/**
 * The socket.io parser that server and page both use: socket.io's own, except that a `signal`
 * carrying a session description travels as a short JSON head and the SDP as plain text
 * ("S" + head + "\n" + sdp). An SDP is 3-12 KB of lines ending in \r\n; as a JSON string every
 * one of them is escaped on encode and unescaped on decode, at both ends and again in the relay.
 * Plain text is sliced out instead, and the relay re-sends it without touching it.
 *
 * What this decodes is still only a candidate message: the server and the page validate it with
 * the same schemas as any other (protocol.ts).
 */
import { Decoder as SocketIoDecoder, Encoder as SocketIoEncoder, PacketType, type Packet } from 'socket.io-parser';

const SIGNAL_EVENT = 'signal';
/** Marks the plain-SDP form; socket.io's own packets start with a digit (the packet type). */
const PLAIN_SDP = 'S';
const PLAIN_SDP_CODE = PLAIN_SDP.charCodeAt(0);
const RECORD_SEPARATOR = '\x1e';

interface DescriptionMessage {
  signal: { kind: 'description'; description: { type: unknown; sdp: string } };
  [key: string]: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A `signal` event, not awaiting an ack, in the main namespace, whose SDP is a string. */
function asDescriptionSignal(packet: Packet): DescriptionMessage | undefined {
  if (packet.type !== PacketType.EVENT || packet.id !== undefined || (packet.nsp && packet.nsp !== '/')) return undefined;
  const data: unknown = packet.data;
  if (!Array.isArray(data) || data.length !== 2 || data[0] !== SIGNAL_EVENT) return undefined;
  const message: unknown = data[1];
  if (!isRecord(message) || !isRecord(message.signal) || message.signal.kind !== 'description') return undefined;
  const description = message.signal.description;
  // engine.io's long-polling joins packets with \x1e: an SDP holding one keeps its JSON escaping.
  if (!isRecord(description) || typeof description.sdp !== 'string' || description.sdp.includes(RECORD_SEPARATOR)) return undefined;
  return message as unknown as DescriptionMessage;
}

export class Encoder extends SocketIoEncoder {
  override encode(packet: Packet): unknown[] {
    const message = asDescriptionSignal(packet);
    if (!message) return super.encode(packet);
    const { description } = message.signal;
    const head = { ...message, signal: { ...message.signal, description: { ...description, sdp: undefined } } };
    return [`${PLAIN_SDP}${JSON.stringify(head)}\n${description.sdp}`];
  }
}

export class Decoder extends SocketIoDecoder {
  override add(chunk: unknown): void {
    if (typeof chunk !== 'string' || chunk.charCodeAt(0) !== PLAIN_SDP_CODE) {
      super.add(chunk);
      return;
    }
    this.emitReserved('decoded', decodePlainSdp(chunk));
  }
}

/**
 * Never throws: a packet in this form is always a `signal` event, and one whose head is not a
 * description reaches the handler as such, which refuses it with a reason (as it would the same
 * mistake in JSON) instead of socket.io dropping the connection without one.
 */
function decodePlainSdp(text: string): Packet {
  // JSON.stringify never writes a raw newline, so the first one ends the head.
  const end = text.indexOf('\n');
  const head = end < 0 ? null : parseJson(text.slice(PLAIN_SDP.length, end));
  const description = isRecord(head) && isRecord(head.signal) ? head.signal.description : undefined;
  if (isRecord(description)) description.sdp = text.slice(end + 1);
  return { type: PacketType.EVENT, nsp: '/', data: [SIGNAL_EVENT, head] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
