/**
 * Does a STUN/TURN server answer as the pages need it to? A STUN Binding for `stun:`; for
 * `turn:`/`turns:` a real Allocate with the long-term credential (RFC 5766 §6: a first request
 * without credentials gets 401 with the realm and nonce, the second carries MESSAGE-INTEGRITY),
 * then a Refresh with lifetime 0 so the relay is freed at once. Messages are built and parsed by
 * @msimerson/stun; only the request/response exchange lives here.
 */
import { createHash } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import stun, { type StunResponse } from '@msimerson/stun';
import { ICE_SERVER_URL, type IceServer } from '../shared/protocol.js';
import { mintTurnCredential, urlsOf } from './ice-servers.js';

export type IceCheckProblem = 'unreachable' | 'wrong-credentials' | 'no-credentials' | 'no-relay' | 'error';

export interface IceServerCheck {
  url: string;
  ok: boolean;
  /** What answered: "mapped 192.168.1.20:50000" or "relay 192.168.1.20:49160". */
  summary: string;
  problem?: IceCheckProblem;
  /** What to do about it; set when not ok. */
  fix?: string;
}

export interface IceCheckOptions {
  username?: string;
  credential?: string;
  /** How long to wait for each answer before calling the server unreachable. */
  timeoutMs?: number;
}

const { constants } = stun;
/** REQUESTED-TRANSPORT: the IP protocol number in the first byte (RFC 5766 §14.7). */
const UDP_TRANSPORT = 17 << 24;

interface Target {
  scheme: 'stun' | 'turn' | 'turns';
  host: string;
  port: number;
  transport: 'udp' | 'tcp';
}

function parseTarget(url: string): Target | undefined {
  const match = ICE_SERVER_URL.exec(url);
  if (!match) return undefined;
  const scheme = match[1] as Target['scheme'];
  const host = (match[2] ?? '').replace(/^\[|\]$/g, '');
  const port = match[3] ? Number(match[3].slice(1)) : scheme === 'turns' ? 5349 : 3478;
  const transport = scheme === 'turns' || match[5] === 'tcp' ? 'tcp' : 'udp';
  return { scheme, host, port, transport };
}

/** A credential minted for a check lives only as long as the check. */
const CHECK_CREDENTIAL_TTL_S = 300;

/** Every URL of every server, with its own credentials or ones minted from the TURN secret. */
export function checkIceServerList(ice: { iceServers: IceServer[]; turnSecret?: string }, now = new Date()): Promise<IceServerCheck[]> {
  return Promise.all(
    ice.iceServers.flatMap((server) =>
      urlsOf(server).map((url) => {
        const minted = ice.turnSecret === undefined || server.username !== undefined ? undefined : mintTurnCredential(ice.turnSecret, 'check', now.getTime(), CHECK_CREDENTIAL_TTL_S);
        return checkIceServer(url, minted ?? { username: server.username, credential: server.credential });
      }),
    ),
  );
}

export async function checkIceServer(url: string, options: IceCheckOptions = {}): Promise<IceServerCheck> {
  const target = parseTarget(url);
  if (!target) return { url, ok: false, problem: 'error', summary: 'not a STUN/TURN URL', fix: 'use stun:HOST[:PORT], turn:HOST[:PORT][?transport=udp|tcp] or turns:…' };
  const where = `${target.host}:${target.port} (${target.scheme === 'turns' ? 'tls' : target.transport})`;
  let exchange: Exchange;
  try {
    exchange = await open(target, options.timeoutMs ?? 3_000);
  } catch (error) {
    return unreachable(url, where, error);
  }
  try {
    if (target.scheme === 'stun') {
      const reply = await exchange.send(stun.createMessage(constants.STUN_BINDING_REQUEST));
      const mapped = reply.getXorAddress() ?? reply.getAddress();
      return { url, ok: true, summary: `answers: this machine is ${mapped ? `${mapped.address}:${mapped.port}` : 'seen'} from there` };
    }
    return await allocate(url, exchange, options);
  } catch (error) {
    return unreachable(url, where, error);
  } finally {
    exchange.close();
  }
}

async function allocate(url: string, exchange: Exchange, options: IceCheckOptions): Promise<IceServerCheck> {
  if (options.username === undefined || options.credential === undefined) {
    return { url, ok: false, problem: 'no-credentials', summary: 'no credentials to test it with', fix: 'give --turn-secret (coturn\'s static-auth-secret) or --turn-username and --turn-credential' };
  }
  const first = await exchange.send(allocateRequest());
  if (isSuccess(first)) return relayed(url, first, exchange, undefined);
  const challenge = first.getError();
  const realm = first.getRealm();
  const nonce = first.getNonce();
  if (challenge?.code !== 401 || !realm || !nonce) return refused(url, first);
  // Long-term credential: the key is MD5(username:realm:password) (RFC 5389 §15.4).
  const key = createHash('md5').update(`${options.username}:${realm}:${options.credential}`).digest();
  const auth = { username: options.username, realm, nonce, key };
  const second = await exchange.send(allocateRequest(auth));
  if (isSuccess(second)) return relayed(url, second, exchange, auth);
  if (second.getError()?.code === 401) {
    return {
      url,
      ok: false,
      problem: 'wrong-credentials',
      summary: `refused the credentials (401 Unauthorized, realm "${realm}")`,
      fix: '--turn-secret must be the static-auth-secret of the TURN server (or --turn-username/--turn-credential one of its users)',
    };
  }
  return refused(url, second);
}

interface Auth {
  username: string;
  realm: string;
  nonce: string;
  key: Buffer;
}

function allocateRequest(auth?: Auth) {
  const message = stun.createMessage(constants.STUN_ALLOCATE_REQUEST);
  message.addAttribute(constants.STUN_ATTR_REQUESTED_TRANSPORT, UDP_TRANSPORT);
  return signed(message, auth);
}

function signed<M extends ReturnType<typeof stun.createMessage>>(message: M, auth: Auth | undefined): M {
  if (!auth) return message;
  message.addUsername(auth.username);
  message.addRealm(auth.realm);
  message.addNonce(auth.nonce);
  message.addMessageIntegrity(auth.key);
  return message;
}

async function relayed(url: string, reply: StunResponse, exchange: Exchange, auth: Auth | undefined): Promise<IceServerCheck> {
  const relay = reply.getAttribute(constants.STUN_ATTR_XOR_RELAYED_ADDRESS)?.value as { address: string; port: number } | undefined;
  // Free the relay now rather than in 10 minutes: a Refresh with LIFETIME 0 (RFC 5766 §7).
  const refresh = stun.createMessage(constants.STUN_REFRESH_REQUEST);
  refresh.addAttribute(constants.STUN_ATTR_LIFETIME, 0);
  await exchange.send(signed(refresh, auth)).catch(() => undefined);
  return { url, ok: true, summary: `gave a relay address${relay ? ` (${relay.address}:${relay.port})` : ''} for these credentials` };
}

function refused(url: string, reply: StunResponse): IceServerCheck {
  const error = reply.getError();
  const code = error?.code;
  const text = `${code ?? '?'} ${error?.reason ?? 'no reason given'}`.trim();
  if (code === 442 || code === 486 || code === 508 || code === 403) {
    return {
      url,
      ok: false,
      problem: 'no-relay',
      summary: `gives no relay for UDP (${text})`,
      fix: code === 442 ? 'the server does not relay UDP: enable UDP relaying in its configuration' : 'the server has no relay to spare or refuses this address: check its quotas, relay ports and allowed peers',
    };
  }
  return { url, ok: false, problem: 'error', summary: `refused the Allocate (${text})`, fix: 'check the TURN server\'s log for why' };
}

function unreachable(url: string, where: string, error: unknown): IceServerCheck {
  const why = error instanceof Error ? error.message : String(error);
  return {
    url,
    ok: false,
    problem: 'unreachable',
    summary: `no answer from ${where}${why === 'timeout' ? '' : `: ${why}`}`,
    fix: 'check that the server runs, that the address and port are right, and that a firewall lets them through (UDP and TCP)',
  };
}

function isSuccess(reply: StunResponse): boolean {
  return (reply.type & 0x0110) === 0x0100;
}

/** One request at a time over UDP (retransmitted, RFC 5389 §7.2.1) or one TCP/TLS connection. */
interface Exchange {
  send(message: ReturnType<typeof stun.createMessage>): Promise<StunResponse>;
  close(): void;
}

async function open(target: Target, timeoutMs: number): Promise<Exchange> {
  if (target.transport === 'udp') return openUdp(target, timeoutMs);
  const socket = await new Promise<Socket>((resolve, reject) => {
    const options = { host: target.host, port: target.port, timeout: timeoutMs };
    const s = target.scheme === 'turns' ? connectTls({ ...options, servername: target.host }, () => resolve(s)) : connectTcp(options, () => resolve(s));
    s.once('error', reject);
    s.once('timeout', () => reject(new Error('timeout')));
  });
  return openStream(socket, timeoutMs);
}

function openUdp(target: Target, timeoutMs: number): Exchange {
  const socket = createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
  return {
    send(message) {
      const id = message.transactionId;
      const bytes = message.toBuffer();
      return new Promise((resolve, reject) => {
        let attempts = 0;
        const retransmit = () => {
          attempts += 1;
          socket.send(bytes, target.port, target.host);
        };
        // 100, 200, 400 ms… until the deadline: a lost datagram is resent, a silent server times out.
        let delay = 100;
        let timer = setTimeout(function again() {
          retransmit();
          delay *= 2;
          timer = setTimeout(again, delay);
        }, delay);
        const deadline = setTimeout(() => done(new Error('timeout')), timeoutMs);
        const onMessage = (data: Buffer) => {
          const reply = decodeOrUndefined(data);
          if (reply && Buffer.compare(reply.transactionId, id) === 0) done(undefined, reply);
        };
        const onError = (error: Error) => done(error);
        function done(error: Error | undefined, reply?: StunResponse) {
          clearTimeout(timer);
          clearTimeout(deadline);
          socket.off('message', onMessage);
          socket.off('error', onError);
          if (reply) resolve(reply);
          else reject(error ?? new Error(`no answer after ${attempts} tries`));
        }
        socket.on('message', onMessage);
        socket.on('error', onError);
        retransmit();
      });
    },
    close: () => socket.close(),
  };
}

function openStream(socket: Socket, timeoutMs: number): Exchange {
  let buffered = Buffer.alloc(0);
  let waiting: ((reply: StunResponse | Error) => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    // Over TCP, STUN messages are framed by their own length field (header 20 bytes + length).
    while (buffered.length >= 20) {
      const size = 20 + buffered.readUInt16BE(2);
      if (buffered.length < size) break;
      const reply = decodeOrUndefined(buffered.subarray(0, size));
      buffered = buffered.subarray(size);
      if (reply) waiting?.(reply);
    }
  });
  socket.on('error', (error) => waiting?.(error));
  return {
    send(message) {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => settle(new Error('timeout')), timeoutMs);
        const settle = (reply: StunResponse | Error) => {
          clearTimeout(deadline);
          waiting = undefined;
          if (reply instanceof Error) reject(reply);
          else resolve(reply);
        };
        waiting = settle;
        socket.write(message.toBuffer());
      });
    },
    close: () => socket.destroy(),
  };
}

function decodeOrUndefined(data: Buffer): StunResponse | undefined {
  try {
    return stun.decode(data);
  } catch {
    return undefined;
  }
}
