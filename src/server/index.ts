/**
 * startCallServer: the programmatic API behind `webrtc-call start`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { CallEvents } from './events.js';
import { createApp } from './http.js';
import { listen } from './listen.js';
import { buildServerUrls, type InterfaceList, type ServerUrls } from './network.js';
import { createRooms } from './rooms.js';
import { attachSignaling } from './signaling.js';
import { DEFAULT_WEB_ROOT } from './web-root.js';

export { CallEvents, type CallEvent, type CallEventType, type SignalKind } from './events.js';
export { PortInUseError } from './listen.js';
export { PageNotBuiltError } from './web-root.js';
export type { InterfaceList, ServerUrls } from './network.js';
export type { RejectReason, Signal } from '../shared/protocol.js';

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
}

export interface CallServer {
  room: string;
  port: number;
  /** Set when the requested port was busy and `port` was used instead. */
  busyPort?: number;
  urls: ServerUrls;
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
  const app = createApp({ webRoot: options.webRoot ?? DEFAULT_WEB_ROOT, defaultRoom: room });
  const httpServer = createServer(app);
  const io = attachSignaling([httpServer], { rooms, events });
  let bound;
  try {
    bound = await listen(httpServer, {
      port: options.port ?? 3000,
      host: options.host,
      strictPort: options.strictPort ?? false,
    });
  } catch (error) {
    await io.close();
    throw error;
  }
  const urls = buildServerUrls({
    protocol: 'http',
    host: options.host,
    port: bound.port,
    room,
    interfaces: options.interfaces ?? networkInterfaces(),
  });
  events.publish({ type: 'ready', at: Date.now(), room, urls });
  let closing: Promise<void> | undefined;
  return {
    room,
    port: bound.port,
    busyPort: bound.busyPort,
    urls,
    events,
    close() {
      closing ??= closeAll(io, httpServer).then(() => events.publish({ type: 'closed', at: Date.now() }));
      return closing;
    },
  };
}

async function closeAll(io: { close(): Promise<void> }, httpServer: HttpServer): Promise<void> {
  // io.close() disconnects every socket and closes the attached HTTP server.
  httpServer.closeAllConnections();
  await io.close();
}
