/**
 * Worker: holds idle connections open for the memory scenario.
 * Requests: { op: 'connect', design, origin, total } opens connections until `total` are open
 * (the designs that speak our events also join them two by two into rooms, as a call would).
 */
import { WebSocket } from 'ws';
import { serveRequests } from '../lib/child.js';
import { speaksOurEvents, type Design } from '../lib/designs.js';
import { connectSocketIo } from '../lib/pairs.js';
import { inBatches } from '../lib/stats.js';

const open: Array<() => void> = [];

serveRequests(async (request) => {
  const design = request.design as Design;
  const origin = String(request.origin);
  const total = Number(request.total);
  const start = open.length;
  await inBatches(total - start, 50, async (i) => open.push(await connectIdle(design, origin, start + i)));
  return { open: open.length };
});
process.send?.({ ready: true });

async function connectIdle(design: Design, origin: string, index: number): Promise<() => void> {
  if (design === 'floor') {
    const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/?pair=${Math.floor(index / 2)}`, { perMessageDeflate: false });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return () => socket.terminate();
  }
  const socket = await connectSocketIo(origin);
  if (speaksOurEvents(design)) {
    const reply = await socket.timeout(20_000).emitWithAck('join', { room: `idle-${Math.floor(index / 2)}` });
    if (!reply.ok) throw new Error(`idle client ${index} could not join: ${reply.message}`);
  }
  return () => socket.disconnect();
}
