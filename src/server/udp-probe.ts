/**
 * Does UDP from a page's device reach the computer running webrtc-call? Signaling tells nothing
 * about it (it is TCP), and Chromium's TCP candidates are active-only, so from candidates alone
 * "UDP blocked" looks like "every check failed". So the server answers STUN Binding requests on
 * a UDP port of its own (chosen by the system, as a browser's media ports are), each page gathers
 * once against it (src/web/udp-probe.ts) and the server notes who it heard from. The page is told
 * the address it reached the server at, so the probe never leaves the LAN (or loopback).
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import stun, { type StunResponse, type StunServer } from '@msimerson/stun';

export interface UdpProbe {
  port: number;
  /**
   * The `stun:` URL a page that reached this server at `localAddress` (the local end of its
   * signaling connection: an address of this machine) probes; undefined when it cannot be one.
   */
  urlFor(localAddress: string | undefined): string | undefined;
  /** When a Binding request from `address` last arrived, if one did. */
  heardFrom(address: string): number | undefined;
  close(): void;
}

/** Addresses remembered; beyond this the oldest are forgotten (a flood cannot grow the map). */
const MAX_ADDRESSES = 1024;

/**
 * Listens on `host` (all interfaces when absent) on a free UDP port. Resolves undefined when no
 * UDP socket can be opened: calls work without the probe, only that diagnosis is not made.
 */
export async function startUdpProbe(host: string | undefined): Promise<UdpProbe | undefined> {
  const heard = new Map<string, number>();
  const answer = (server: StunServer) => (request: StunResponse, rinfo: RemoteInfo) => {
    if (request.type !== stun.constants.STUN_BINDING_REQUEST) return;
    const address = plainAddress(rinfo.address);
    heard.delete(address);
    heard.set(address, Date.now());
    if (heard.size > MAX_ADDRESSES) heard.delete(heard.keys().next().value ?? address);
    const response = stun.createMessage(stun.constants.STUN_BINDING_RESPONSE, request.transactionId);
    response.addXorAddress(address, rinfo.port);
    response.addFingerprint();
    server.send(response, rinfo.port, rinfo.address);
  };
  for (const [type, address] of bindings(host)) {
    const socket = await bound(createSocket(type), address);
    if (!socket) continue;
    const server = stun.createServer({ type, socket });
    // After binding, errors are a bad packet or a send that failed: nothing to do but go on.
    server.on('error', () => undefined);
    server.on('bindingRequest', answer(server));
    const { port } = socket.address();
    return {
      port,
      urlFor: (localAddress) => probeUrl(localAddress, port),
      heardFrom: (from) => heard.get(plainAddress(from)),
      close() {
        server.close();
        socket.close();
      },
    };
  }
  return undefined;
}

function bound(socket: Socket, address: string): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    socket.once('error', () => {
      socket.close();
      resolve(undefined);
    });
    socket.bind(0, address, () => {
      socket.removeAllListeners('error');
      // The call server's lifetime is its HTTP server's; this socket never keeps a process alive.
      socket.unref();
      resolve(socket);
    });
  });
}

/** IPv6 on `::` also takes IPv4 on Linux and macOS; where IPv6 is off, IPv4 alone. */
function bindings(host: string | undefined): Array<['udp4' | 'udp6', string]> {
  if (host === undefined || host === '::') return [['udp6', '::'], ['udp4', '0.0.0.0']];
  if (host === '0.0.0.0') return [['udp4', '0.0.0.0']];
  if (host === 'localhost') return [['udp4', '127.0.0.1']];
  return [[host.includes(':') ? 'udp6' : 'udp4', host]];
}

export function probeUrl(localAddress: string | undefined, port: number): string | undefined {
  if (!localAddress) return undefined;
  const address = plainAddress(localAddress);
  // A link-local IPv6 address needs its zone (…%eth0), which a URL cannot carry.
  if (address.includes('%')) return undefined;
  return address.includes(':') ? `stun:[${address}]:${port}` : `stun:${address}:${port}`;
}

/** "::ffff:192.168.1.20" (IPv4 on an IPv6 socket) is "192.168.1.20". */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}
