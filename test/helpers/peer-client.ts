import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type {
  ClientToServerEvents,
  JoinReply,
  JoinRequest,
  ServerToClientEvents,
} from '../../src/shared/protocol.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type Received = { [E in keyof ServerToClientEvents]: { event: E; payload: Parameters<ServerToClientEvents[E]>[0] } }[keyof ServerToClientEvents];

/** A real socket.io-client that records everything the server sends it. */
export interface TestPeer {
  socket: TestSocket;
  received: Received[];
  join(room: string, resumeToken?: string, extra?: Omit<JoinRequest, 'room' | 'resumeToken'>): Promise<JoinReply>;
  /** Resolves with the next message of this kind (or one already received and not yet taken). */
  next<E extends keyof ServerToClientEvents>(event: E): Promise<Parameters<ServerToClientEvents[E]>[0]>;
  /** Sends one engine.io message as it is, past the parser: what a broken or hostile client could put on the wire. */
  sendRaw(text: string): void;
  close(): void;
}

export type ConnectOptions = Partial<ManagerOptions & SocketOptions>;

/** How every test client connects: websocket only, no retries; socket.io's default parser, as any client's. */
export const CLIENT_OPTIONS = { transports: ['websocket'], reconnection: false, forceNew: true } satisfies ConnectOptions;

export async function connectPeer(origin: string, options: ConnectOptions = {}): Promise<TestPeer> {
  const socket: TestSocket = io(origin, { ...CLIENT_OPTIONS, ...options });
  const received: Received[] = [];
  const taken = new Set<Received>();
  const waiters: Array<() => void> = [];
  socket.onAny((event: keyof ServerToClientEvents, payload: unknown) => {
    received.push({ event, payload } as Received);
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return {
    socket,
    received,
    join: (room, resumeToken, extra = {}) => socket.timeout(5_000).emitWithAck('join', { room, resumeToken, ...extra }),
    next(event) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${event}" message within 5 s`)), 5_000);
        const look = () => {
          const found = received.find((r) => r.event === event && !taken.has(r));
          if (!found) return void waiters.push(look);
          taken.add(found);
          clearTimeout(timer);
          resolve(found.payload as never);
        };
        look();
      });
    },
    sendRaw: (text) => socket.io.engine.send(text),
    close: () => socket.disconnect(),
  };
}

/** A minimal offer signal, for tests that only care where a signal goes. */
export const SAMPLE_OFFER = { kind: 'description', description: { type: 'offer', sdp: 'v=0\r\n' } } as const;

/** The clients one test connects, so an afterEach can close them all. */
export function createPeerPool(): { connect(origin: string): Promise<TestPeer>; closeAll(): void } {
  const peers: TestPeer[] = [];
  return {
    async connect(origin) {
      const peer = await connectPeer(origin);
      peers.push(peer);
      return peer;
    },
    closeAll() {
      for (const peer of peers.splice(0)) peer.close();
    },
  };
}
