/**
 * The STUN/TURN flags shared by `start` and `doctor` (--ice-server, --turn-username,
 * --turn-credential, --turn-secret) and WEBRTC_CALL_ICE_SERVERS, turned into the server's
 * IceOptions. Secrets are passed on, never printed.
 */
import { Flags } from '@oclif/core';
import { iceServersFromEnv, iceServersFromUrls, type IceOptions } from '../server/index.js';
import { IceServerUrlSchema, parse } from '../shared/protocol.js';

export const iceFlags = {
  'ice-server': Flags.string({
    description: 'STUN/TURN server URL',
    helpGroup: 'TURN',
    multiple: true,
    async parse(input) {
      const result = parse(IceServerUrlSchema, input);
      if (!result.ok) throw new Error(`--ice-server ${input}: ${result.message}`);
      return result.value;
    },
  }),
  'turn-username': Flags.string({ description: 'TURN user', helpGroup: 'TURN', dependsOn: ['turn-credential'], exclusive: ['turn-secret'] }),
  'turn-credential': Flags.string({ description: 'TURN password', helpGroup: 'TURN', dependsOn: ['turn-username'], exclusive: ['turn-secret'] }),
  'turn-secret': Flags.string({
    description: "coturn's static-auth-secret",
    helpGroup: 'TURN',
  }),
};

export interface IceFlagValues {
  'ice-server'?: string[];
  'turn-username'?: string;
  'turn-credential'?: string;
  'turn-secret'?: string;
}

/** Throws IceConfigError (a sentence to print) when the environment's JSON is not valid. */
export function iceOptionsFromFlags(flags: IceFlagValues, env: NodeJS.ProcessEnv): IceOptions {
  const fromEnv = iceServersFromEnv(env) ?? [];
  const credentials = { username: flags['turn-username'], credential: flags['turn-credential'] };
  const fromFlags = iceServersFromUrls(flags['ice-server'] ?? [], flags['turn-username'] === undefined ? {} : credentials);
  return { iceServers: [...fromEnv, ...fromFlags], turnSecret: flags['turn-secret'] };
}

/** What `start` says about its relay, so a person sees that it is on (no credentials). */
export function formatIceNote(server: { iceServerUrls: string[]; relayOnly: boolean }, turnSecret: boolean): string | undefined {
  if (server.iceServerUrls.length === 0) return undefined;
  const how = turnSecret ? '; TURN credentials minted per page' : '';
  const only = server.relayOnly ? '; relay only: calls go through TURN, no device address is shared' : '';
  return `ICE servers: ${server.iceServerUrls.join(', ')}${how}${only}`;
}
