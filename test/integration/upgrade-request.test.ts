import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releaseUpgradeRequests } from '../../src/server/upgrade-request.js';
import { waitFor } from '../helpers/wait.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

describe('what an open websocket keeps of its upgrade request', () => {
  let http: HttpServer;
  let io: Server;
  let client: ClientSocket | undefined;
  /** The request and engine.io's stand-in response, as an upgrade middleware after ours sees them. */
  const seen: Array<{ request: WeakRef<IncomingMessage>; response: WeakRef<object> }> = [];

  beforeEach(async () => {
    http = createServer();
    io = new Server(http, { serveClient: false });
    releaseUpgradeRequests(io);
    io.engine.use((request: IncomingMessage, response: object, next: () => void) => {
      seen.push({ request: new WeakRef(request), response: new WeakRef(response) });
      next();
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    client?.disconnect();
    seen.length = 0;
    await io.close();
  });

  function open(): Promise<ClientSocket> {
    const { port } = http.address() as AddressInfo;
    const socket = connect(`http://127.0.0.1:${port}`, {
      transports: ['websocket'],
      extraHeaders: { 'user-agent': 'Mozilla/5.0 (iPhone) test', 'accept-language': 'en-GB' },
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  it('lets the request and the stand-in response be collected once the socket is open', async () => {
    client = await open();
    expect(seen).toHaveLength(1);
    await waitFor('the upgrade request and stand-in response to be collected', () => {
      gc();
      return seen.every((s) => s.request.deref() === undefined && s.response.deref() === undefined);
    }, { timeoutMs: 5_000 });
    // still a working connection after the release
    const [server] = await io.fetchSockets();
    const echoed = new Promise((resolve) => client?.once('echo', resolve));
    server?.emit('echo', 'still here');
    expect(await echoed).toBe('still here');
  });

  it('keeps only the user-agent of the handshake headers, and the address', async () => {
    client = await open();
    const [server] = await io.fetchSockets();
    expect(server?.handshake.headers).toEqual({ 'user-agent': 'Mozilla/5.0 (iPhone) test' });
    expect(server?.handshake.address).toContain('127.0.0.1');
  });
});
