/**
 * The call server alone in a child process started with --expose-gc (see server-process.ts), so
 * fuzz and soak tests can measure its heap after a real garbage collection, undisturbed by the
 * test's own clients.
 */
import { CallEvents, startCallServer, type CallServerOptions } from '../../src/server/index.js';

type Request = { type: 'heap' } | { type: 'polluted' } | { type: 'counts' } | { type: 'close' };

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('start this with node --expose-gc');
const send = (message: unknown) => process.send?.(message);

const options = JSON.parse(process.env.CALL_SERVER_OPTIONS ?? '{}') as CallServerOptions;
const events = new CallEvents();
const counts: Record<string, number> = {};
events.subscribe((event) => {
  const key = event.type === 'rejected' ? `rejected:${event.reason}` : event.type;
  counts[key] = (counts[key] ?? 0) + 1;
});
const server = await startCallServer({ port: 0, host: '127.0.0.1', ...options, events });
send({ type: 'ready', port: server.port, room: server.room });

process.on('message', async (request: Request) => {
  switch (request.type) {
    case 'heap':
      // Several passes: weak references and finalizers free more on the following runs.
      for (let i = 0; i < 4; i++) {
        gc();
        await new Promise((resolve) => setImmediate(resolve));
      }
      send({ type: 'heap', heapUsed: process.memoryUsage().heapUsed });
      break;
    case 'polluted': {
      const probe: Record<string, unknown> = {};
      send({ type: 'polluted', polluted: Object.keys(Object.prototype).length > 0 || 'polluted' in probe });
      break;
    }
    case 'counts':
      send({ type: 'counts', counts });
      break;
    case 'close':
      await server.close();
      process.exit(0);
  }
});
