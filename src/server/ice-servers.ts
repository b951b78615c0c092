/**
 * The STUN/TURN servers the pages use, from `start --ice-server`, WEBRTC_CALL_ICE_SERVERS or the
 * API, and what each page gets in its join reply. With a TURN shared secret (coturn's
 * `use-auth-secret`, the "TURN REST API") the secret stays here: each join gets a username and
 * credential of its own that expire, so a page never holds anything that outlives the call.
 */
import { createHmac } from 'node:crypto';
import type { IceServer, IceTransportPolicy } from '../shared/protocol.js';
import { IceServersSchema, IceServerUrlSchema, parse } from '../shared/protocol.js';
import { DEFAULT_TURN_CREDENTIAL_TTL_S } from './defaults.js';

/** The environment variable that holds ICE servers as JSON (an RTCIceServer[] array). */
export const ICE_SERVERS_ENV = 'WEBRTC_CALL_ICE_SERVERS';

export interface IceOptions {
  /** RTCIceServer entries; `turn:`/`turns:` ones need a username and credential unless `turnSecret` is set. */
  iceServers?: IceServer[];
  /** coturn's `static-auth-secret`: credentials are minted per join for TURN servers given without any. */
  turnSecret?: string;
  /** Only relayed candidates (iceTransportPolicy "relay"): no device address reaches the other side. */
  relayOnly?: boolean;
  /** How long a minted credential stays valid. Default {@link DEFAULT_TURN_CREDENTIAL_TTL_S}. */
  turnCredentialTtlSeconds?: number;
}

/** What a page is told to use for its connections. */
export interface PageIceConfig {
  iceServers: IceServer[];
  iceTransportPolicy: IceTransportPolicy;
}

export interface IceConfig {
  /** Every server URL, without credentials: for the terminal and the diagnosis. */
  urls: string[];
  /** The configuration for one peer's page; undefined on a plain LAN call. */
  forPeer(peerId: string, now?: number): PageIceConfig | undefined;
}

/** A configuration a person gave that cannot work; the message says what to change. */
export class IceConfigError extends Error {
  override name = 'IceConfigError';
}

export function urlsOf(server: IceServer): string[] {
  return typeof server.urls === 'string' ? [server.urls] : server.urls;
}

const isTurn = (url: string) => /^turns?:/.test(url);

export function createIceConfig(options: IceOptions): IceConfig {
  const servers = validateIceServers(options.iceServers ?? [], 'iceServers');
  const secret = options.turnSecret;
  if (secret !== undefined && secret === '') throw new IceConfigError('the TURN secret is empty: give the static-auth-secret of your coturn');
  const ttl = options.turnCredentialTtlSeconds ?? DEFAULT_TURN_CREDENTIAL_TTL_S;
  for (const server of servers) {
    const turn = urlsOf(server).filter(isTurn);
    if (turn.length > 0 && (server.username === undefined || server.credential === undefined) && secret === undefined) {
      throw new IceConfigError(
        `${turn.join(', ')} needs credentials: give --turn-secret (coturn's static-auth-secret) or --turn-username and --turn-credential`,
      );
    }
  }
  const urls = servers.flatMap(urlsOf);
  if (options.relayOnly && !urls.some(isTurn)) {
    throw new IceConfigError('--relay-only needs a TURN server: add --ice-server turn:HOST:3478 (and its credentials)');
  }
  if (secret !== undefined && !urls.some(isTurn)) {
    throw new IceConfigError('--turn-secret is set but no TURN server is: add --ice-server turn:HOST:3478');
  }
  return {
    urls,
    forPeer(peerId, now = Date.now()) {
      if (servers.length === 0) return undefined;
      const minted = secret === undefined ? undefined : mintTurnCredential(secret, peerId, now, ttl);
      return {
        iceServers: servers.map((server) =>
          minted && urlsOf(server).some(isTurn) && server.username === undefined ? { ...server, ...minted } : server,
        ),
        iceTransportPolicy: options.relayOnly ? 'relay' : 'all',
      };
    },
  };
}

/**
 * The TURN REST API (draft-uberti-behave-turn-rest, what coturn's `use-auth-secret` checks):
 * username `<expiry unix seconds>:<peer id>`, credential base64(HMAC-SHA1(secret, username)).
 */
export function mintTurnCredential(secret: string, peerId: string, now: number, ttlSeconds: number): { username: string; credential: string } {
  const username = `${Math.floor(now / 1000) + ttlSeconds}:${peerId}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** `--ice-server` values: each URL checked, STUN ones in one entry, TURN ones with the credentials given. */
export function iceServersFromUrls(urls: string[], credentials: { username?: string; credential?: string }): IceServer[] {
  for (const url of urls) {
    const result = parse(IceServerUrlSchema, url);
    if (!result.ok) throw new IceConfigError(`--ice-server ${url}: ${result.message}`);
  }
  const stun = urls.filter((url) => !isTurn(url));
  const turn = urls.filter(isTurn);
  return [
    ...(stun.length > 0 ? [{ urls: stun }] : []),
    ...(turn.length > 0 ? [{ urls: turn, ...credentials }] : []),
  ];
}

/** WEBRTC_CALL_ICE_SERVERS: JSON, an RTCIceServer[] array; undefined when unset. */
export function iceServersFromEnv(env: NodeJS.ProcessEnv): IceServer[] | undefined {
  const text = env[ICE_SERVERS_ENV];
  if (text === undefined || text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new IceConfigError(`${ICE_SERVERS_ENV} is not JSON (${error instanceof Error ? error.message : String(error)}); give an array such as [{"urls":"turn:HOST:3478","username":"…","credential":"…"}]`);
  }
  return validateIceServers(json, ICE_SERVERS_ENV);
}

function validateIceServers(input: unknown, source: string): IceServer[] {
  const result = parse(IceServersSchema, input);
  if (!result.ok) {
    throw new IceConfigError(`${source}: ${result.message}; give an array such as [{"urls":"turn:HOST:3478","username":"…","credential":"…"}]`);
  }
  return result.value;
}
