/**
 * The --port flag shared by `start` and `doctor`. A port the user gave is kept or refused; the
 * default one falls forward to the next free port. Whether it was given comes from oclif's parse
 * metadata, so `-p 3000`, `--port 3000` and `--port=3000` are all the same request.
 */
import { Flags } from '@oclif/core';
import type { ParserOutput } from '@oclif/core/interfaces';
import { DEFAULT_PORT } from '../server/defaults.js';

export function portFlag(description: string) {
  return Flags.integer({ char: 'p', description, default: DEFAULT_PORT, min: 0, max: 65535 });
}

/** True when --port/-p was on the command line: a busy port is then an error, not a move. */
export function portWasGiven(metadata: ParserOutput['metadata']): boolean {
  return metadata.flags.port?.setFromDefault !== true;
}
