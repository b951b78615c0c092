/**
 * startCallServer: the programmatic API behind `webrtc-call start`.
 */
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { CallEvents } from './events.js';
import { createApp, DEFAULT_WEB_ROOT } from './http.js';
import { listen } from './listen.js';
import { buildServerUrls, findLanAddresses, inviteUrlForRoom, type InterfaceList, type LanAddresses, type ServerUrls } from './network.js';
import { createRooms } from './rooms.js';
import { createDualProtocolServer } from './secure-port.js';
import { prepareTls, type TlsOptions, type TlsSetup } from './tls.js';
import { attachSignaling } from './signaling.js';

export { CallEvents, type CallEvent } from './events.js';
export { PortInUseError } from './listen.js';
export { PageNotBuiltError } from './http.js';
export { CertificateError } from './tls.js';
export type { ServerUrls, LanAddresses } from './network.js';
export type { TlsOptions, TlsSetup, CertificateInfo } from './tls.js';

export interface CallServerOptions {
  /** Port to listen on; 0 picks a free one. Default 3000. */
  port?: number;
  /** When true a busy port is an error; otherwise the next free port is used. */
  strictPort?: boolean;
  /** Bind address; default all interfaces. */
  host?: string;
  /** Room id; default a random, unguessable one (128 bits). */
  room?: string;
  /** People per call. Default 2. */
  maxPeers?: number;
  /** Allow joining rooms other than the one created here. Default false. */
  openRooms?: boolean;
  /** Where the built page lives. Default dist/web of this package. */
  webRoot?: string;
  /** Subscribe before start to also see the first event, `ready`. */
  events?: CallEvents;
  /** Injected for tests; default os.networkInterfaces(). */
  interfaces?: InterfaceList;
  /**
   * HTTPS for the network URLs, on the same port as plain http: a certificate cached in `dir`
   * (made when missing or stale) or the user's own files. Absent: network URLs are plain http.
   */
  tls?: TlsOptions;
  /** Injected for tests; default os.hostname(). Named in the generated certificate. */
  hostname?: string;
}

export interface CallServer {
  room: string;
  port: number;
  /** Set when the requested port was busy and `port` was used instead. */
  busyPort?: number;
  urls: ServerUrls;
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
  const room = options.room ?? generateRoomId();
  const events = options.events ?? new CallEvents();
  const rooms = createRooms({
    maxPeers: options.maxPeers ?? 2,
    openRooms: options.openRooms ?? false,
    rooms: [room],
  });
  const lan = findLanAddresses(options.interfaces ?? networkInterfaces());
  const tls = options.tls && (await prepareTls(options.tls, { lan, host: options.host, hostname: options.hostname }));
  let urls: ServerUrls | undefined;
  const app = createApp({
    webRoot: options.webRoot ?? DEFAULT_WEB_ROOT,
    defaultRoom: room,
    inviteFor: (forRoom) => inviteUrlForRoom(urls?.invite, forRoom),
    httpsOnNetwork: tls !== undefined,
  });
  const server = createDualProtocolServer(app, tls?.credentials);
  // httpolyglot hands each request and upgrade to an http.Server inside; that is all socket.io uses.
  const io = attachSignaling([server.net as unknown as HttpServer], { rooms, events });
  let bound;
  try {
    bound = await listen(server.net, {
      port: options.port ?? 3000,
      host: options.host,
      strictPort: options.strictPort ?? false,
    });
  } catch (error) {
    await io.close();
    throw error;
  }
  urls = buildServerUrls({ networkProtocol: tls ? 'https' : 'http', host: options.host, port: bound.port, room, lan });
  events.publish({ type: 'ready', at: Date.now(), room, urls });
  let closing: Promise<void> | undefined;
  return {
    room,
    port: bound.port,
    busyPort: bound.busyPort,
    urls,
    lan,
    ...(tls ? { tls } : {}),
    events,
    close() {
      closing ??= closeAll(io, server).then(() => events.publish({ type: 'closed', at: Date.now() }));
      return closing;
    },
  };
}

async function closeAll(io: { close(): Promise<void> }, server: { destroyConnections(): void }): Promise<void> {
  // io.close() disconnects every socket and closes the attached server.
  server.destroyConnections();
  await io.close();
}
