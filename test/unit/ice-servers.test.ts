import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createIceConfig, IceConfigError, iceServersFromEnv, iceServersFromUrls, mintTurnCredential } from '../../src/server/ice-servers.js';
import { DEFAULT_TURN_CREDENTIAL_TTL_S } from '../../src/server/defaults.js';
import { IceServerUrlSchema, JoinReplySchema, parse } from '../../src/shared/protocol.js';

const NOW = Date.UTC(2026, 11, 4, 20, 0, 0);

describe('STUN/TURN URLs', () => {
  it.each(['stun:192.168.1.20', 'stun:stun.example.org:3478', 'turn:192.168.1.20:3478', 'turn:turn.example.org:3478?transport=tcp', 'turns:turn.example.org:5349?transport=tcp', 'turn:[2001:db8::1]:3478?transport=udp'])(
    'accepts %s',
    (url) => expect(parse(IceServerUrlSchema, url)).toEqual({ ok: true, value: url }),
  );

  it.each([
    ['http://turn.example.org', /not a STUN\/TURN URL/],
    ['turn:', /not a STUN\/TURN URL/],
    ['turn:host:3478?transport=sctp', /not a STUN\/TURN URL/],
    ['stun:host:3478?transport=udp', /a stun: URL takes no \?transport=/],
    ['turn:host:70000', /the port must be 1-65535/],
  ])('refuses %s with a reason', (url, reason) => {
    const result = parse(IceServerUrlSchema, url);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(reason);
  });

  it('--ice-server values: STUN in one entry, TURN with the static credentials', () => {
    expect(iceServersFromUrls(['stun:a', 'turn:b:3478', 'turns:b:5349?transport=tcp'], { username: 'u', credential: 'p' })).toEqual([
      { urls: ['stun:a'] },
      { urls: ['turn:b:3478', 'turns:b:5349?transport=tcp'], username: 'u', credential: 'p' },
    ]);
    expect(() => iceServersFromUrls(['turn:b:0x'], {})).toThrow(/--ice-server turn:b:0x: not a STUN\/TURN URL/);
  });
});

describe('WEBRTC_CALL_ICE_SERVERS', () => {
  it('reads a JSON RTCIceServer[] array', () => {
    const servers = [{ urls: 'turn:b:3478', username: 'u', credential: 'p' }, { urls: ['stun:a', 'stun:c:19302'] }];
    expect(iceServersFromEnv({ WEBRTC_CALL_ICE_SERVERS: JSON.stringify(servers) })).toEqual(servers);
    expect(iceServersFromEnv({})).toBeUndefined();
  });

  it('says what is wrong with text that is not JSON, or not ICE servers', () => {
    expect(() => iceServersFromEnv({ WEBRTC_CALL_ICE_SERVERS: '[{urls' })).toThrow(/^WEBRTC_CALL_ICE_SERVERS is not JSON \(.+\); give an array such as \[\{"urls":"turn:HOST:3478"/);
    expect(() => iceServersFromEnv({ WEBRTC_CALL_ICE_SERVERS: '{"urls":"stun:a"}' })).toThrow(IceConfigError);
    expect(() => iceServersFromEnv({ WEBRTC_CALL_ICE_SERVERS: '[{"urls":"turnx:a"}]' })).toThrow(/^WEBRTC_CALL_ICE_SERVERS: 0\.urls: not a STUN\/TURN URL/);
  });
});

describe('what each page is given', () => {
  it('a plain LAN call gives nothing: host candidates only', () => {
    expect(createIceConfig({}).forPeer('p1')).toBeUndefined();
  });

  it('with a TURN secret, each peer gets its own credential, which coturn can check, valid for the default lifetime', () => {
    const ice = createIceConfig({ iceServers: [{ urls: ['stun:a'] }, { urls: 'turn:b:3478' }], turnSecret: 'shh-not-for-pages' });
    const page = ice.forPeer('peerA', NOW);
    const expiry = NOW / 1000 + DEFAULT_TURN_CREDENTIAL_TTL_S;
    const credential = createHmac('sha1', 'shh-not-for-pages').update(`${expiry}:peerA`).digest('base64');
    expect(page).toEqual({
      iceServers: [{ urls: ['stun:a'] }, { urls: 'turn:b:3478', username: `${expiry}:peerA`, credential }],
      iceTransportPolicy: 'all',
    });
    expect(ice.forPeer('peerB', NOW)?.iceServers[1]?.username).toBe(`${expiry}:peerB`);
    expect(JSON.stringify(page)).not.toContain('shh-not-for-pages');
    expect(ice.urls).toEqual(['stun:a', 'turn:b:3478']);
    // what the page parses: the join reply's schema accepts it
    expect(parse(JoinReplySchema, { ok: true, room: 'r', peerId: 'peerA', resumeToken: 't', peers: [], ...page }).ok).toBe(true);
  });

  it('static credentials are passed on as given, and relayOnly sets the relay policy', () => {
    const ice = createIceConfig({ iceServers: [{ urls: 'turn:b:3478', username: 'u', credential: 'p' }], relayOnly: true });
    expect(ice.forPeer('x', NOW)).toEqual({ iceServers: [{ urls: 'turn:b:3478', username: 'u', credential: 'p' }], iceTransportPolicy: 'relay' });
  });

  it('mints the TURN REST API credential (username expiry:peer, HMAC-SHA1 in base64)', () => {
    expect(mintTurnCredential('secret', 'abc', 1_000_000, 60)).toEqual({
      username: '1060:abc',
      credential: createHmac('sha1', 'secret').update('1060:abc').digest('base64'),
    });
  });

  it.each([
    [{ iceServers: [{ urls: 'turn:b' }] }, /turn:b needs credentials: give --turn-secret/],
    [{ iceServers: [{ urls: 'stun:a' }], relayOnly: true }, /--relay-only needs a TURN server/],
    [{ iceServers: [{ urls: 'stun:a' }], turnSecret: 's' }, /--turn-secret is set but no TURN server is/],
    [{ iceServers: [{ urls: 'turn:b' }], turnSecret: '' }, /the TURN secret is empty/],
  ])('refuses a configuration that cannot work: %j', (options, message) => {
    expect(() => createIceConfig(options)).toThrow(message);
  });
});
