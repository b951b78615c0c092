/**
 * Who may open a socket at all, decided at the HTTP handshake before socket.io runs: the call's
 * own page (Origin check) and at most N connections per address.
 */
import type { IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';
import type { RejectReason } from '../shared/protocol.js';
import { createConnectionCounts } from './connection-limit.js';
import { isSameOriginRequest } from './origin.js';

export interface AdmissionOptions {
  maxConnectionsPerAddress: number;
  /** Hostnames the server printed (known once it listens). */
  knownHostnames: () => ReadonlySet<string>;
  /** Called for each refused handshake (the caller logs bursts, not every one). */
  onRefused: (refusal: { reason: RejectReason; message: string; address: string }) => void;
}

type AllowRequest = (request: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => void;

export interface Admission {
  allowRequest: AllowRequest;
  /** Counts live connections; call once the socket.io server exists. */
  track(io: Server): void;
  trackedAddresses(): number;
}

export function createAdmission(options: AdmissionOptions): Admission {
  const counts = createConnectionCounts(options.maxConnectionsPerAddress);
  const refuse = (reason: RejectReason, message: string, address: string) => {
    options.onRefused({ reason, message, address });
    return message;
  };
  return {
    allowRequest(request, callback) {
      const address = request.socket.remoteAddress ?? 'unknown';
      if (!isSameOriginRequest(request, options.knownHostnames())) {
        const origin = String(request.headers.origin).slice(0, 200);
        callback(refuse('forbidden-origin', `connection from another site (${origin}) refused; open the call from its own link`, address), false);
      } else if (counts.isFull(address)) {
        callback(refuse('too-many-connections', `too many connections from ${address} (at most ${options.maxConnectionsPerAddress})`, address), false);
      } else {
        callback(null, true);
      }
    },
    track(io) {
      io.engine.on('connection', (connection: { request: IncomingMessage; once(event: 'close', fn: () => void): void }) => {
        const address = connection.request.socket.remoteAddress ?? 'unknown';
        counts.add(address);
        connection.once('close', () => counts.remove(address));
      });
    },
    trackedAddresses: () => counts.size(),
  };
}
