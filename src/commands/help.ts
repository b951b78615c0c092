/**
 * `webrtc-call help [COMMAND]`: @oclif/plugin-help's command, bundled with the others rather
 * than loaded as a plugin, so the CLI ships one copy of @oclif/core and start-up reads no
 * plugin (scripts/build-cli.mjs).
 */
import type { Command } from '@oclif/core';
import { commands } from '@oclif/plugin-help';

const Help: typeof Command = commands.help;
export default Help;
