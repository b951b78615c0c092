/**
 * oclif's help with examples on the root page too, so `webrtc-call --help` shows how to begin
 * and not only the list of commands.
 */
import { Help } from '@oclif/core';

const ROOT_EXAMPLES = [
  { description: 'Start a call; open the printed Network URL on a phone on the same Wi-Fi to join it.', command: 'start' },
  { description: 'Choose the room name and the port.', command: 'start --room standup --port 8080' },
  { description: 'Every flag of start.', command: 'start --help' },
];

export default class CallHelp extends Help {
  override formatRoot(): string {
    const examples = ROOT_EXAMPLES.map(
      ({ description, command }) => `${this.wrap(description, 2)}\n\n${this.indent(`$ ${this.config.bin} ${command}`)}`,
    );
    return `${super.formatRoot()}\n\n${this.section('EXAMPLES', examples.join('\n\n'))}`;
  }
}
