/**
 * startCallServer: the programmatic API behind `webrtc-call start`.
 */
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { CallEvents } from './events.js';
import { createApp } from './http.js';
import { listen } from './listen.js';
import { buildServerUrls, findLanAddresses, inviteUrlForRoom, isLoopbackHost, type InterfaceList, type LanAddresses, type ServerUrls } from './network.js';
import { DEFAULT_DIAGNOSIS_DELAY_MS, DEFAULT_GRACE_MS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_MAX_PEERS, DEFAULT_PORT, DEFAULT_RATE_LIMIT } from './defaults.js';
import { watchConnections } from './connection-watch.js';
import { hostnamesOf } from './origin.js';
import { createPinCheck } from './pin.js';
import type { RateLimit } from './rate-limit.js';
import { createRooms } from './rooms.js';
import { createDualProtocolServer } from './secure-port.js';
import { prepareTls, type TlsOptions, type TlsSetup } from './tls.js';
import { attachSignaling } from './signaling.js';
import { createIceConfig, type IceOptions } from './ice-servers.js';
import type { UdpProbe } from './udp-probe.js';
import { DEFAULT_WEB_ROOT } from './web-root.js';

export { CallEvents, type CallEvent, type CallEventType, type SignalKind } from './events.js';
export type { Diagnosis } from './diagnosis.js';
export { DIAGNOSIS_CAUSES, type DiagnosisCause } from '../shared/protocol.js';
export { PortInUseError } from './listen.js';
export { PageNotBuiltError } from './web-root.js';
export { CertificateError } from './tls.js';
export type { InterfaceList, ServerUrls, LanAddresses } from './network.js';
export type { TlsOptions, TlsSetup, CertificateInfo, CertificateProblem, Regeneration } from './tls.js';
export type { RejectReason, Signal } from '../shared/protocol.js';
export type { RateLimit } from './rate-limit.js';
export * from './defaults.js';
export { IceConfigError, ICE_SERVERS_ENV, iceServersFromEnv, iceServersFromUrls, mintTurnCredential, type IceOptions } from './ice-servers.js';
export type { IceServer, IceTransportPolicy } from '../shared/protocol.js';

export interface CallServerOptions extends IceOptions {
  /** Port to listen on; 0 picks a free one. Default {@link DEFAULT_PORT}. */
  port?: number;
  /** When true a busy port is an error; otherwise the next free port is used. */
  strictPort?: boolean;
  /** Bind address; default all interfaces. */
  host?: string;
  /** Room id; default a random, unguessable one (128 bits). */
  room?: string;
  /** People per call. Default {@link DEFAULT_MAX_PEERS}. */
  maxPeers?: number;
  /** Allow joining rooms other than the one created here. Default false. */
  openRooms?: boolean;
  /** Where the built page lives. Default dist/web of this package. */
  webRoot?: string;
  /** Subscribe before start to also see the first event, `ready`. */
  events?: CallEvents;
  /** Injected for tests; default os.networkInterfaces(). */
  interfaces?: InterfaceList;
  /** A code every newcomer must type; wrong ones are refused and limited per address. */
  pin?: string;
  /** Per-socket message rate limit. Default {@link DEFAULT_RATE_LIMIT}. */
  rateLimit?: RateLimit;
  /** Open sockets allowed per client address. Default {@link DEFAULT_MAX_CONNECTIONS_PER_ADDRESS}. */
  maxConnectionsPerAddress?: number;
  /** How long a peer whose connection dropped keeps its place (ms). Default {@link DEFAULT_GRACE_MS}. */
  gracePeriodMs?: number;
  /**
   * HTTPS for the network URLs, on the same port as plain http: a certificate cached in `dir`
   * (made when missing or stale) or the user's own files. Absent: network URLs are plain http.
   */
  tls?: TlsOptions;
  /** Injected for tests; default os.hostname(). Named in the generated certificate. */
  hostname?: string;
  /**
   * How long a connection may take after its offer before the server diagnoses why it did not
   * connect (a page reporting `failed` is diagnosed at once). Default {@link DEFAULT_DIAGNOSIS_DELAY_MS}.
   */
  diagnosisDelayMs?: number;
  /**
   * Ask the pages to report chat text and file names, not only sizes (`start --verbose`); the
   * join reply tells each page. Default false: the text never leaves the browsers.
   */
  logContent?: boolean;
}

export interface CallServer {
  room: string;
  port: number;
  /** Set when the requested port was busy and `port` was used instead. */
  busyPort?: number;
  urls: ServerUrls;
  /** The STUN/TURN server URLs the pages use (no credentials); empty on a plain LAN call. */
  iceServerUrls: string[];
  /** The pages use only relayed candidates (`relayOnly`). */
  relayOnly: boolean;
  /** The machine's addresses: the ones in the URLs and the ones skipped, with why. */
  lan: LanAddresses;
  /** The certificate served to network browsers, when HTTPS is on. */
  tls?: TlsSetup;
  events: CallEvents;
  close(): Promise<void>;
}

export function generateRoomId(): string {
  return randomBytes(16).toString('base64url');
}

export async function startCallServer(options: CallServerOptions = {}): Promise<CallServer> {
  // First: a configuration that cannot work stops here, before anything listens.
  const ice = createIceConfig(options);
  const room = options.room ?? generateRoomId();
  const events = options.events ?? new CallEvents();
  const rooms = createRooms({
    maxPeers: options.maxPeers ?? DEFAULT_MAX_PEERS,
    openRooms: options.openRooms ?? false,
    rooms: [room],
  });
  const lan = findLanAddresses(options.interfaces ?? networkInterfaces());
  // https is for the Network URLs (a phone's browser gives a plain http page no camera). Bound
  // to loopback there are none, so no certificate is made or read for them; one the user gave
  // (--cert) is still loaded, so a wrong path is still reported.
  const generatedOnLoopback = options.tls !== undefined && 'dir' in options.tls && isLoopbackHost(options.host);
  const tls = options.tls && !generatedOnLoopback ? await prepareTls(options.tls, { lan, host: options.host, hostname: options.hostname }) : undefined;
  let urls: ServerUrls | undefined;
  const app = createApp({
    webRoot: options.webRoot ?? DEFAULT_WEB_ROOT,
    defaultRoom: room,
    inviteFor: (forRoom) => inviteUrlForRoom(urls?.invite, forRoom),
    httpsOnNetwork: tls !== undefined,
  });
  const server = createDualProtocolServer(app, tls?.credentials);
  // Started beside the server, not before it: pages join seconds later, and start-up stays as
  // quick as it was (the STUN library loads meanwhile). Until it listens, no page is asked to probe.
  let udpProbe: UdpProbe | undefined;
  const udpProbeStarted = import('./udp-probe.js')
    .then(({ startUdpProbe }) => startUdpProbe(options.host))
    .then((probe) => (udpProbe = probe), () => undefined);
  const closeUdpProbe = () => void udpProbeStarted.then((probe) => probe?.close());
  let knownHostnames: ReadonlySet<string> = new Set();
  // httpolyglot hands each request and upgrade to an http.Server inside; that is all socket.io uses.
  const signaling = attachSignaling([server.net as unknown as HttpServer], {
    rooms,
    events,
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
    gracePeriodMs: options.gracePeriodMs ?? DEFAULT_GRACE_MS,
    pin: options.pin === undefined ? undefined : createPinCheck({ pin: options.pin }),
    knownHostnames: () => knownHostnames,
    iceFor: (peerId) => ice.forPeer(peerId),
    udpProbeFor: (localAddress) => udpProbe?.urlFor(localAddress),
    logContent: options.logContent ?? false,
  });
  const stopWatching = watchConnections({
    events,
    delayMs: options.diagnosisDelayMs ?? DEFAULT_DIAGNOSIS_DELAY_MS,
    iceServers: ice.urls,
    udpProbe: { heardFrom: (address) => udpProbe?.heardFrom(address) },
    tell: signaling.tellDiagnosis,
  });
  let bound;
  try {
    bound = await listen(server.net, {
      port: options.port ?? DEFAULT_PORT,
      host: options.host,
      strictPort: options.strictPort ?? false,
    });
  } catch (error) {
    stopWatching();
    closeUdpProbe();
    await signaling.io.close();
    throw error;
  }
  urls = buildServerUrls({ networkProtocol: tls ? 'https' : 'http', host: options.host, port: bound.port, room, lan });
  knownHostnames = hostnamesOf([...urls.local, ...urls.network]);
  events.publish({ type: 'ready', at: Date.now(), room, urls });
  let closing: Promise<void> | undefined;
  return {
    room,
    port: bound.port,
    busyPort: bound.busyPort,
    urls,
    iceServerUrls: ice.urls,
    relayOnly: options.relayOnly ?? false,
    lan,
    ...(tls ? { tls } : {}),
    events,
    close() {
      closing ??= closeAll(signaling, server).then(() => {
        closeUdpProbe();
        events.publish({ type: 'closed', at: Date.now() });
        stopWatching();
      });
      return closing;
    },
  };
}

// Pages get this long to receive "ended" before their connections are cut (stop must take < 2 s).
const ENDED_NOTICE_MS = 1_200;

async function closeAll(signaling: { end(): Promise<void> }, server: { destroyConnections(): void }): Promise<void> {
  // end() tells every page, disconnects every socket and closes the attached server; a peer
  // that vanished would hold its websocket close handshake open until ws gives up, so cut it.
  const ended = signaling.end();
  const cut = setTimeout(() => server.destroyConnections(), ENDED_NOTICE_MS);
  await ended;
  clearTimeout(cut);
}
