import { startCallServer, type CallEvent, type CallServer, type CallServerOptions, CallEvents } from '../../src/server/index.js';

export interface TestServer extends CallServer {
  url: string;
  origin: string;
  /** Every event published since start, in order. */
  log: CallEvent[];
}

/** The real server on an ephemeral loopback port. */
export async function startTestServer(options: CallServerOptions = {}): Promise<TestServer> {
  const events = new CallEvents();
  const log: CallEvent[] = [];
  events.subscribe((event) => log.push(event));
  const server = await startCallServer({ port: 0, host: '127.0.0.1', events, ...options });
  const origin = `http://127.0.0.1:${server.port}`;
  return Object.assign(server, { origin, url: `${origin}/r/${server.room}`, log });
}
