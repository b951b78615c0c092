/**
 * Binding the HTTP server to a port: the default port falls forward to the next free one and
 * says so; a port the user asked for explicitly is never silently changed.
 */
import type { Server } from 'node:net';

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is busy; stop whatever is using it or choose another with --port`);
    this.name = 'PortInUseError';
  }
}

export interface ListenResult {
  port: number;
  /** Set when the requested port was busy and a later one was used instead. */
  busyPort?: number;
}

const FALLBACK_ATTEMPTS = 20;

export async function listen(
  server: Server,
  options: { port: number; host?: string; strictPort: boolean },
): Promise<ListenResult> {
  const attempts = options.strictPort || options.port === 0 ? 1 : FALLBACK_ATTEMPTS;
  for (let i = 0; i < attempts; i++) {
    const port = options.port + i;
    try {
      const bound = await listenOnce(server, port, options.host);
      return i === 0 ? { port: bound } : { port: bound, busyPort: options.port };
    } catch (error) {
      if (!isAddressInUse(error)) throw error;
    }
  }
  if (attempts === 1) throw new PortInUseError(options.port);
  throw new Error(
    `ports ${options.port}-${options.port + attempts - 1} are all busy; choose a free one with --port`,
  );
}

function listenOnce(server: Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
}
