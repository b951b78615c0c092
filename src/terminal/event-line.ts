/**
 * One line per signaling event for the terminal.
 */
import type { CallEvent } from '../server/events.js';

export function formatEventLine(event: CallEvent): string | undefined {
  const time = new Date(event.at).toISOString().slice(11, 23);
  switch (event.type) {
    case 'join':
      return `${time}  ${event.room}  join      ${event.peerId}${event.rejoin ? ' (rejoined after reload)' : ''}`;
    case 'leave':
      return `${time}  ${event.room}  leave     ${event.peerId} (${event.reason})`;
    case 'signal':
      return `${time}  ${event.room}  ${event.kind.padEnd(9)} ${event.from} → ${event.to}  ${event.bytes} B`;
    case 'rejected':
      return `${time}  ${event.room ?? '-'}  rejected  ${event.peerId ?? event.address ?? ''} ${event.reason}: ${event.message}`;
    case 'ready':
    case 'closed':
      return undefined;
  }
}
