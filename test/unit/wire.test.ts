import { Encoder as SocketIoEncoder, PacketType, type Packet } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { Decoder, Encoder } from '../../src/shared/wire.js';

const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';

function signalPacket(message: unknown, extra: Partial<Packet> = {}): Packet {
  return { type: PacketType.EVENT, nsp: '/', data: ['signal', message], ...extra };
}

function decodeAll(chunks: unknown[]): Packet[] {
  const decoder = new Decoder();
  const packets: Packet[] = [];
  decoder.on('decoded', (packet: Packet) => packets.push(packet));
  for (const chunk of chunks) decoder.add(chunk);
  return packets;
}

describe('the wire format', () => {
  it('sends a description signal with its SDP as plain text and reads it back unchanged', () => {
    const message = { to: 'peer-b', signal: { kind: 'description', description: { type: 'offer', sdp: SDP } } };
    const encoded = new Encoder().encode(signalPacket(message));
    expect(encoded).toHaveLength(1);
    const text = encoded[0] as string;
    expect(text.startsWith('S{')).toBe(true);
    // the SDP itself, CRLFs and all, not its JSON escaping
    expect(text.endsWith(`\n${SDP}`)).toBe(true);
    expect(text).not.toContain('\\r\\n');
    expect(decodeAll(encoded)).toEqual([signalPacket(message)]);
    // the message handed to the encoder is left as it was
    expect(message.signal.description.sdp).toBe(SDP);
  });

  it('leaves every other packet exactly as socket.io encodes it', () => {
    const candidate = { from: 'a', signal: { kind: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0' } } };
    const packets: Packet[] = [
      { type: PacketType.CONNECT, nsp: '/', data: { token: 'x' } },
      { type: PacketType.EVENT, nsp: '/', data: ['join', { room: 'main' }], id: 3 },
      signalPacket(candidate),
      // awaiting an ack: the plain form has no room for the id
      signalPacket({ to: 'b', signal: { kind: 'description', description: { type: 'offer', sdp: SDP } } }, { id: 7 }),
      // another namespace
      signalPacket({ to: 'b', signal: { kind: 'description', description: { type: 'offer', sdp: SDP } } }, { nsp: '/admin' }),
      { type: PacketType.ACK, nsp: '/', data: [{ ok: true }], id: 3 },
    ];
    for (const packet of packets) {
      const encoded = new Encoder().encode(packet);
      expect(encoded).toEqual(new SocketIoEncoder().encode(packet));
      expect(decodeAll(encoded)).toEqual([packet]);
    }
  });

  it('keeps JSON for an SDP holding the separator that long-polling joins packets with', () => {
    const sdp = `${SDP}a=x\x1ey\r\n`;
    const packet = signalPacket({ to: 'b', signal: { kind: 'description', description: { type: 'offer', sdp } } });
    const encoded = new Encoder().encode(packet);
    expect(encoded).toEqual(new SocketIoEncoder().encode(packet));
    expect(encoded[0]).not.toContain('\x1e');
    expect(decodeAll(encoded)).toEqual([packet]);
  });

  it('reads a malformed plain-SDP packet as the signal it claims to be, for validation to refuse', () => {
    expect(decodeAll(['S{"to":"b"'])).toEqual([signalPacket(null)]);
    expect(decodeAll(['Snot json\nv=0\r\n'])).toEqual([signalPacket(null)]);
    expect(decodeAll(['S[1,2]\nv=0\r\n'])).toEqual([signalPacket([1, 2])]);
    // a head that is not a description gets no SDP attached
    expect(decodeAll(['S{"to":"b","signal":{"kind":"candidate"}}\nv=0\r\n'])).toEqual([
      signalPacket({ to: 'b', signal: { kind: 'candidate' } }),
    ]);
  });
});
