/** Starts any of the three designs on 127.0.0.1, configured the way the bench measures them. */
import { startCallServer, type CallServerOptions, type IceOptions } from '../../src/server/index.js';
import { startBroadcastServer, type BenchServer } from '../baseline/broadcast-server.js';
import { startSocketIoRelay } from '../baseline/socketio-relay.js';
import { startWsForwarder } from '../baseline/ws-forwarder.js';
import type { Design } from './designs.js';

export const BENCH_HOST = '127.0.0.1';

/** bench/workers/server.ts: one design's server in its own process (args: design, then ours' web root). */
export const SERVER_WORKER = new URL('../workers/server.ts', import.meta.url);

/**
 * The bench's pairs signal thousands of times faster than a call does, so it raises the
 * per-socket rate limit and the per-address connection cap (all its clients are 127.0.0.1); the
 * checks themselves stay in the relay path.
 */
const BENCH_LIMITS: Pick<CallServerOptions, 'rateLimit' | 'maxConnectionsPerAddress'> = {
  rateLimit: { messagesPerSecond: 1_000_000, burst: 1_000_000 },
  maxConnectionsPerAddress: 1_000_000,
};

function startOurs(webRoot?: string, ice?: IceOptions): Promise<BenchServer> {
  const options: CallServerOptions = {
    ...ice,
    ...BENCH_LIMITS,
    port: 0,
    host: BENCH_HOST,
    strictPort: true,
    openRooms: true,
    maxPeers: 2,
    webRoot,
  };
  return startCallServer(options);
}

/** What a server worker can run: a relay design, or the broadcast server with the reference call page. */
export type ServedDesign = Design | 'reference-page';

/** `webRoot`: another build of our page, to compare it side by side (ours only). */
export function startDesign(design: ServedDesign, webRoot?: string, ice?: IceOptions): Promise<BenchServer> {
  if (design === 'ours') return startOurs(webRoot, ice);
  if (design === 'reference-page') return startBroadcastServer(BENCH_HOST, { page: true });
  if (design === 'socketio') return startSocketIoRelay(BENCH_HOST);
  if (design === 'baseline') return startBroadcastServer(BENCH_HOST);
  return startWsForwarder(BENCH_HOST);
}
