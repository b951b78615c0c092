import { describe, expect, it } from 'vitest';
import { diagnose, networkOf, RELAY_ADVICE, type CandidateFact, type SideFacts } from '../../src/server/diagnosis.js';

const host = (address: string, protocol = 'udp'): CandidateFact => ({ type: 'host', protocol, address, mdns: address.endsWith('.local') });
const side = (name: string, candidates: CandidateFact[], more: Partial<SideFacts> = {}): SideFacts => ({
  peerId: `${name}-id`,
  name,
  candidates,
  gatheringDone: true,
  connection: 'connecting',
  ice: 'checking',
  ...more,
});
const laptop = (...candidates: CandidateFact[]) => side('laptop', candidates);
const phone = (...candidates: CandidateFact[]) => side('phone', candidates);
const onLan = [host('192.168.1.20'), host('192.168.1.20', 'tcp')];

describe('why a connection did not connect', () => {
  it('one side gathered no candidate at all', () => {
    const d = diagnose({ sides: [laptop(...onLan), phone()], iceServers: [] });
    expect(d.cause).toBe('no-candidates');
    expect(d.message).toMatch(/^The phone found no network address to use/);
    expect(d.message).not.toContain(RELAY_ADVICE);
    expect(d.evidence).toContain('phone: no candidates, end-of-candidates; reported connection connecting, ICE checking');
  });

  it('says "in time" when the side never said it was done gathering', () => {
    const d = diagnose({ sides: [laptop(...onLan), side('phone', [], { gatheringDone: false })], iceServers: [] });
    expect(d.message).toContain('sent no ICE candidate in time');
  });

  it('no candidate of one side shares a network with the other (192.168.1.x vs 10.0.0.x)', () => {
    const d = diagnose({ sides: [laptop(...onLan), phone(host('10.0.0.7'))], iceServers: [] });
    expect(d.cause).toBe('no-shared-network');
    expect(d.message).toContain('The laptop (192.168.1.x) and the phone (10.0.0.x) are on different networks');
    expect(d.message).toContain(RELAY_ADVICE);
  });

  it('a phone on mobile data (a carrier address and its public one) shares no network with the Wi-Fi', () => {
    const mobile = [host('100.72.14.3'), { type: 'srflx', protocol: 'udp', address: '203.0.113.9', mdns: false }];
    expect(diagnose({ sides: [laptop(...onLan), phone(...mobile)], iceServers: [] }).cause).toBe('no-shared-network');
  });

  it('two sides behind NATs with public (srflx) addresses could pair: not a network mismatch', () => {
    const srflx = (address: string): CandidateFact => ({ type: 'srflx', protocol: 'udp', address, mdns: false });
    const d = diagnose({ sides: [laptop(host('192.168.1.20'), srflx('198.51.100.4')), phone(host('10.0.0.7'), srflx('203.0.113.9'))], iceServers: [] });
    expect(d.cause).toBe('checks-failed');
  });

  it('candidates on the same network, every check failed: a firewall or Wi-Fi client isolation', () => {
    const d = diagnose({ sides: [laptop(...onLan), phone(host('192.168.1.31'))], iceServers: [] });
    expect(d.cause).toBe('checks-failed');
    expect(d.message).toContain('on the same network (192.168.1.x) but every connection check between them failed');
    expect(d.message).toMatch(/client" or "AP isolation/);
    expect(d.message).toContain(RELAY_ADVICE);
  });

  it('one side offered only TCP candidates: UDP is unusable there', () => {
    const d = diagnose({ sides: [laptop(...onLan), phone(host('192.168.1.31', 'tcp'))], iceServers: [] });
    expect(d.cause).toBe('udp-blocked');
    expect(d.message).toMatch(/^The phone offered only TCP candidates/);
    expect(d.message).toContain(RELAY_ADVICE);
  });

  it("UDP from one side never reached the server's probe while its signaling did: UDP is blocked, not every check", () => {
    const probe = (arrived: boolean) => ({ udpProbe: { url: 'stun:192.168.1.20:40123', arrived } });
    const d = diagnose({ sides: [side('laptop', onLan, probe(true)), side('phone', [host('192.168.1.31'), host('192.168.1.31', 'tcp')], probe(false))], iceServers: [] });
    expect(d.cause).toBe('udp-blocked');
    expect(d.message).toMatch(/^UDP from the phone does not reach the computer running webrtc-call \(a UDP test message sent to it never arrived, while signaling over TCP does\)/);
    expect(d.message).toContain(RELAY_ADVICE);
    expect(d.evidence).toEqual([
      'laptop: 1 host udp, 1 host tcp on 192.168.1.x, end-of-candidates; reported connection connecting, ICE checking; UDP probe to 192.168.1.20:40123 arrived',
      'phone: 1 host udp, 1 host tcp on 192.168.1.x, end-of-candidates; reported connection connecting, ICE checking; UDP probe to 192.168.1.20:40123 never arrived',
      'ICE servers: none (host candidates only)',
    ]);
  });

  it('names both sides when neither UDP probe arrived', () => {
    const probe = { udpProbe: { url: 'stun:192.168.1.20:40123', arrived: false } };
    const d = diagnose({ sides: [side('laptop', onLan, probe), side('phone', [host('192.168.1.31')], probe)], iceServers: [] });
    expect(d.message).toMatch(/^UDP from the laptop and the phone does not reach/);
  });

  it('probes that arrived (or none made) leave every check failed as it was', () => {
    const arrived = { udpProbe: { url: 'stun:192.168.1.20:40123', arrived: true } };
    expect(diagnose({ sides: [side('laptop', onLan, arrived), side('phone', [host('192.168.1.31')], arrived)], iceServers: [] }).cause).toBe('checks-failed');
    expect(diagnose({ sides: [laptop(...onLan), phone(host('192.168.1.31'))], iceServers: [] }).cause).toBe('checks-failed');
  });

  it('UDP blocked comes before mDNS: allowing the camera would not help a side whose UDP never arrives', () => {
    const d = diagnose({ sides: [laptop(...onLan), side('phone', [host('0f2c-4e.local')], { udpProbe: { url: 'stun:192.168.1.20:40123', arrived: false } })], iceServers: [] });
    expect(d.cause).toBe('udp-blocked');
  });

  it('one side offered only mDNS names the other could not resolve', () => {
    const d = diagnose({ sides: [laptop(host('3f2a9c1e-0b7d-4c55-9a11-2f6e8d7c0a12.local')), phone(host('192.168.1.31'))], iceServers: [] });
    expect(d.cause).toBe('mdns-unresolved');
    expect(d.message).toContain('The laptop hid its address behind mDNS names');
    expect(d.evidence[0]).toBe('laptop: 1 host udp mDNS, end-of-candidates; reported connection connecting, ICE checking');
  });

  it('a TURN server is configured but a side got no relay candidate', () => {
    const relay: CandidateFact = { type: 'relay', protocol: 'udp', address: '192.168.1.20', mdns: false };
    const d = diagnose({ sides: [laptop(...onLan, relay), phone(host('10.0.0.7'))], iceServers: ['stun:192.168.1.20:3478', 'turn:192.168.1.20:3478'] });
    expect(d.cause).toBe('turn-no-relay');
    expect(d.message).toContain('A TURN server is configured (turn:192.168.1.20:3478) but the phone got no relay address');
    expect(d.evidence.at(-1)).toBe('ICE servers: stun:192.168.1.20:3478, turn:192.168.1.20:3478');
  });

  it('with relay candidates on both sides and still no connection, the configured relay is what failed', () => {
    const relay: CandidateFact = { type: 'relay', protocol: 'udp', address: '192.168.1.20', mdns: false };
    const d = diagnose({ sides: [laptop(...onLan, relay), phone(host('10.0.0.7'), relay)], iceServers: ['turn:192.168.1.20:3478'] });
    expect(d.cause).toBe('relay-failed');
    expect(d.message).toMatch(/^Both got a relay address from the TURN server \(turn:192\.168\.1\.20:3478\) but no connection went through it either/);
    expect(d.message).not.toContain(RELAY_ADVICE);
  });

  it('a relay configured without its server\'s answer points at doctor for the credentials', () => {
    const d = diagnose({ sides: [laptop(...onLan), phone(host('10.0.0.7'))], iceServers: ['turn:192.168.1.20:3478'] });
    expect(d.cause).toBe('turn-no-relay');
    expect(d.message).toContain('and that its secret matches (`webrtc-call doctor --ice-server … --turn-secret …` tells which)');
  });

  it('lists what each side sent as evidence, and no ICE server', () => {
    const d = diagnose({ sides: [laptop(...onLan), phone(host('10.0.0.7'))], iceServers: [] });
    expect(d.evidence).toEqual([
      'laptop: 1 host udp, 1 host tcp on 192.168.1.x, end-of-candidates; reported connection connecting, ICE checking',
      'phone: 1 host udp on 10.0.0.x, end-of-candidates; reported connection connecting, ICE checking',
      'ICE servers: none (host candidates only)',
    ]);
  });
});

describe('the network an address is on', () => {
  it('is its /24 for IPv4 and its /64 for IPv6', () => {
    expect(networkOf('192.168.1.20')).toBe('192.168.1.x');
    expect(networkOf('2001:db8:0:12::5')).toBe('2001:db8:0:12::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });
});
