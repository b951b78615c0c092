/**
 * Everything the server sends is parsed with the protocol's schemas before the page acts on it.
 * A malformed message (a buggy or hostile server, a proxy mangling frames) is dropped with a
 * console note; it never throws into socket.io's event loop.
 */
import type * as v from 'valibot';
import { parse } from '../shared/protocol.js';

export function whenValid<S extends v.GenericSchema>(
  what: string,
  schema: S,
  handle: (message: v.InferOutput<S>) => void,
): (input: unknown) => void {
  return (input) => {
    const parsed = parse(schema, input);
    if (!parsed.ok) {
      console.warn(`ignored a malformed "${what}" message: ${parsed.message}`);
      return;
    }
    try {
      handle(parsed.value);
    } catch (error) {
      console.error(`handling "${what}" failed`, error);
    }
  };
}
