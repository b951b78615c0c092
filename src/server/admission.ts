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

/** The parts of an engine.io connection counted here; it closes once. */
interface EngineConnection {
  /** Taken from the handshake's socket when the connection opened; does not change. */
  remoteAddress: string | undefined;
  on(event: 'close', listener: (this: EngineConnection) => void): void;
}

const addressOf = (connection: EngineConnection): string => connection.remoteAddress ?? 'unknown';

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
      // One close listener shared by every connection (engine.io calls it with `this` = the
      // connection) rather than a once() closure each, which every idle connection would carry.
      function release(this: EngineConnection): void {
        counts.remove(addressOf(this));
      }
      io.engine.on('connection', (connection: EngineConnection) => {
        counts.add(addressOf(connection));
        connection.on('close', release);
      });
    },
    trackedAddresses: () => counts.size(),
  };
}
