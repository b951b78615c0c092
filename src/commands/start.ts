import { Command, Flags } from '@oclif/core';
import { parse, RoomIdSchema } from '../shared/protocol.js';
import { PageNotBuiltError, PortInUseError, startCallServer, CallEvents } from '../server/index.js';
import { openBrowser, shouldOpenBrowser } from '../terminal/browser.js';
import { formatEventLine } from '../terminal/event-line.js';
import { formatServerUrls } from '../terminal/server-urls.js';

export default class Start extends Command {
  static override summary = 'Start a video call on your local network.';

  static override description =
    "Serves the call page and a signaling server, prints the call's URLs, opens your browser, and logs every signaling event (join, leave, offer, answer, candidate) as it happens.";

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --port 8080 --room standup',
    '<%= config.bin %> <%= command.id %> --host 127.0.0.1 --no-open',
  ];

  static override flags = {
    port: Flags.integer({
      char: 'p',
      description: 'port to listen on; if the default is busy the next free one is used',
      default: 3000,
      min: 0,
      max: 65535,
    }),
    host: Flags.string({ description: 'address to bind (default: all interfaces)' }),
    room: Flags.string({
      char: 'r',
      description: 'room name (default: a random, unguessable id)',
      async parse(input) {
        const result = parse(RoomIdSchema, input);
        if (!result.ok) throw new Error(`--room "${input}": ${result.message}`);
        return result.value;
      },
    }),
    'max-peers': Flags.integer({ description: 'people allowed in the call', default: 2, min: 2, max: 16 }),
    open: Flags.boolean({
      description: 'open the call in your browser (off when CI is set or there is no display)',
      allowNo: true,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Start);
    const events = new CallEvents();
    events.subscribe((event) => {
      const line = formatEventLine(event);
      if (line) this.log(line);
    });
    const server = await startCallServer({
      port: flags.port,
      strictPort: this.argv.some((arg) => arg === '--port' || arg === '-p' || arg.startsWith('--port=')),
      host: flags.host,
      room: flags.room,
      maxPeers: flags['max-peers'],
      events,
    }).catch((error: unknown) => {
      if (error instanceof PortInUseError || error instanceof PageNotBuiltError) this.error(error.message, { exit: 1 });
      throw error;
    });
    if (server.busyPort !== undefined) this.log(`port ${server.busyPort} is busy, using ${server.port}`);
    this.log(`\n  webrtc-call: room ${server.room}\n`);
    for (const line of formatServerUrls(server.urls)) this.log(line);
    this.log('\n  Press Ctrl+C to stop.\n');

    const inviteUrl = server.urls.local[0] ?? server.urls.network[0];
    if (inviteUrl && shouldOpenBrowser(flags.open)) await openBrowser(inviteUrl, (message) => this.warn(message));

    await waitForStopSignal();
    this.log('\n  Stopping: ending the call for everyone…');
    await server.close();
  }
}

function waitForStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
