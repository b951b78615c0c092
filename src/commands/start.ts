import { Command, Flags } from '@oclif/core';
import { parse, RoomIdSchema } from '../shared/protocol.js';
import { CertificateError, IceConfigError, type IceOptions, startCallServer, CallEvents, DEFAULT_DIAGNOSIS_DELAY_MS, DEFAULT_MAX_PEERS, MAX_PEERS_LIMIT } from '../server/index.js';
import { openBrowser, shouldOpenBrowser } from '../terminal/browser.js';
import { LogFileError } from '../terminal/json-log.js';
import { checkReportPath, ReportFileError, writeReport } from '../report/write-report.js';
import type { JsonRecord } from '../terminal/json-record.js';
import { formatBytes } from '../terminal/units.js';
import { explainStartupError } from '../terminal/startup-error.js';
import { createCallOutput, type CallOutput } from '../terminal/call-output.js';
import { waitForQuit } from '../terminal/quit.js';
import { cutStopShortIfItHangs } from '../terminal/stop-signal.js';
import { formatTlsNotes, httpsFlags, tlsOptionsFromFlags } from '../terminal/https-flags.js';
import { portFlag, portWasGiven } from '../terminal/port-flag.js';
import { formatIceNote, iceFlags, iceOptionsFromFlags } from '../terminal/ice-flags.js';

/**
 * qrcode-terminal (a dozen modules) is loaded only when there is an invite to encode: a run bound to
 * 127.0.0.1 or with --no-qr prints no code and skips it.
 */
async function inviteQr(invite: string): Promise<string[]> {
  const { formatInviteQr } = await import('../terminal/qr.js');
  return formatInviteQr(invite);
}

/** Each TURN server tried once from here, as `doctor --ice-server` does; only failures are shown. */
async function checkRelays(ice: IceOptions, say: (line: string) => void): Promise<void> {
  const { checkIceServerList } = await import('../server/ice-check.js');
  const turnOnly = (ice.iceServers ?? []).map((server) => ({ ...server, urls: [server.urls].flat().filter((url) => /^turns?:/.test(url)) })).filter((server) => server.urls.length > 0);
  for (const check of await checkIceServerList({ iceServers: turnOnly, turnSecret: ice.turnSecret })) {
    if (!check.ok) say(`TURN ${check.url} ${check.summary} (checked from this computer): ${check.fix ?? ''}`);
  }
}

export default class Start extends Command {
  static override summary = 'Start a video call on your local network.';

  static override description =
    "Serves the call page and a signaling server, prints the call's URLs, opens your browser, and logs every signaling event (join, leave, offer, answer, candidate) as it happens.";

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --port 8080 --room standup',
    '<%= config.bin %> <%= command.id %> --host 127.0.0.1 --no-open',
    '<%= config.bin %> <%= command.id %> --verbose --log-file call.ndjson',
    '<%= config.bin %> <%= command.id %> --cert ./192.168.1.20+1.pem --key ./192.168.1.20+1-key.pem',
  ];

  static override flags = {
    port: portFlag('port to listen on; if the default is busy the next free one is used'),
    host: Flags.string({ description: 'address to bind and advertise, e.g. your Wi-Fi address (default: all interfaces)' }),
    room: Flags.string({
      char: 'r',
      description: 'room name (default: a random, unguessable id)',
      async parse(input) {
        const result = parse(RoomIdSchema, input);
        if (!result.ok) throw new Error(`--room "${input}": ${result.message}`);
        return result.value;
      },
    }),
    'max-peers': Flags.integer({ description: 'people allowed in the call', default: DEFAULT_MAX_PEERS, min: 2, max: MAX_PEERS_LIMIT }),
    open: Flags.boolean({
      description: 'open the call in your browser (off when CI is set or there is no display)',
      allowNo: true,
    }),
    json: Flags.boolean({
      description: 'one JSON object per event (NDJSON) on stdout instead of the pretty view',
      exclusive: ['quiet'],
    }),
    verbose: Flags.boolean({ description: 'also print full SDP and candidate lines, diagnosis evidence, chat text and file names', exclusive: ['quiet'] }),
    'log-file': Flags.string({ description: 'also write every event as NDJSON (the --json format) to this file' }),
    quiet: Flags.boolean({ description: 'print only the URLs, errors, browsers that cannot call and diagnoses of calls that do not connect' }),
    report: Flags.string({ description: 'on stop, write the call\'s report (HTML) here' }),
    'open-rooms': Flags.boolean({
      description: 'let visitors join any room name, not only this one (to host several calls)',
      default: false,
    }),
    pin: Flags.string({
      description: 'a code people must type to join; wrong guesses are refused and slowed down',
      async parse(input) {
        if (!/^\S{4,64}$/.test(input)) throw new Error('--pin must be 4-64 characters without spaces');
        return input;
      },
    }),
    'diagnose-after': Flags.integer({
      description: 'seconds a connection may take before webrtc-call says why it does not connect',
      default: DEFAULT_DIAGNOSIS_DELAY_MS / 1000,
      min: 1,
      max: 600,
    }),
    debug: Flags.boolean({ description: 'show stack traces when something fails', default: false }),
    qr: Flags.boolean({ description: 'print a QR code of the Network URL for a phone', default: true, allowNo: true }),
    ...httpsFlags,
    ...iceFlags,
    'relay-only': Flags.boolean({
      description: 'relay only',
      helpGroup: 'TURN',
      default: false,
    }),
  };

  async run(): Promise<void> {
    const { flags, metadata } = await this.parse(Start);
    if (flags.report) await checkReportPath(flags.report).catch((error: unknown) => this.error((error as Error).message, { exit: 1 }));
    const output = this.createOutput(flags);
    const { view } = output;
    const events = new CallEvents();
    events.subscribe(output.onEvent);
    const ice = this.iceOptions(flags, () => output.close());
    const server = await startCallServer({
      ...ice,
      relayOnly: flags['relay-only'],
      port: flags.port,
      strictPort: portWasGiven(metadata),
      host: flags.host,
      room: flags.room,
      maxPeers: flags['max-peers'],
      openRooms: flags['open-rooms'],
      pin: flags.pin,
      tls: tlsOptionsFromFlags(flags, this.config.dataDir),
      diagnosisDelayMs: flags['diagnose-after'] * 1000,
      // Only then do the pages put chat text and file names in their reports (join reply).
      logContent: flags.verbose,
      events,
    }).catch((error: unknown) => {
      output.close();
      // One line a person can act on, exit 1; the stack only when asked for.
      const message = error instanceof CertificateError || error instanceof IceConfigError ? error.message : explainStartupError(error);
      this.logToStderr(`webrtc-call: ${message}`);
      if (flags.debug && error instanceof Error && error.stack) this.logToStderr(error.stack);
      return this.exit(1);
    });
    for (const note of formatTlsNotes(server.tls, flags.https)) {
      if (note.level === 'warn') this.warn(note.text);
      else for (const line of note.text.split('\n')) view.notice(line);
    }
    const inviteUrl = server.urls.local[0] ?? server.urls.network[0];
    const openInvite = () => inviteUrl && openBrowser(inviteUrl, (message) => view.notice(message));
    const inviteLink = server.urls.invite ?? inviteUrl;
    // Listen before saying so: a Ctrl+C right after the banner must still stop cleanly.
    const quit = waitForQuit({
      stdin: process.stdin,
      open: () => void openInvite(),
      invite: () => view.notice(inviteLink ? `invite link: ${inviteLink}` : 'no invite link: the server has no URL'),
    });
    view.started({ ...server, qr: flags.qr && server.urls.invite ? await inviteQr(server.urls.invite) : [] });
    if (flags.pin) view.notice('PIN required: give it to the people you invite');
    const iceNote = formatIceNote(server, flags['turn-secret'] !== undefined);
    if (iceNote) view.notice(iceNote);
    // A wrong secret would otherwise show only as calls that do not connect, seconds later.
    if (server.iceServerUrls.some((url) => /^turns?:/.test(url))) void checkRelays(ice, (line) => view.notice(line));
    if (inviteUrl && shouldOpenBrowser(flags.open)) await openInvite();

    await quit.requested;
    cutStopShortIfItHangs();
    view.stopping();
    await server.close();
    quit.release();
    output.close();
    const reported = flags.report === undefined || (await this.writeCallReport(output.records(), flags.report, flags.json));
    // Nothing else may keep the process alive once the call is over (e.g. a browser opener).
    this.exit(reported ? 0 : 1);
  }

  private iceOptions(flags: Parameters<typeof iceOptionsFromFlags>[0], closeOutput: () => void): ReturnType<typeof iceOptionsFromFlags> {
    try {
      return iceOptionsFromFlags(flags, process.env);
    } catch (error) {
      if (!(error instanceof IceConfigError)) throw error;
      closeOutput();
      this.logToStderr(`webrtc-call: ${error.message}`);
      return this.exit(1);
    }
  }

  /** Says where the report went: on stdout, or on stderr when stdout is the --json stream. */
  private async writeCallReport(records: JsonRecord[], path: string, json: boolean): Promise<boolean> {
    const say = (line: string) => (json ? this.logToStderr(line) : this.log(line));
    try {
      const written = await writeReport(records, { name: 'this run of webrtc-call start' }, path);
      say(`  Wrote the report of the call: ${written.path} (${formatBytes(written.bytes)})`);
      return true;
    } catch (error) {
      if (!(error instanceof ReportFileError)) throw error;
      this.logToStderr(`webrtc-call: ${error.message}`);
      return false;
    }
  }

  private createOutput(flags: { json: boolean; quiet: boolean; verbose: boolean; 'log-file'?: string; report?: string }): CallOutput {
    try {
      return createCallOutput({
        mode: flags.json ? 'json' : flags.quiet ? 'quiet' : 'pretty',
        verbose: flags.verbose,
        logFile: flags['log-file'],
        keepRecords: flags.report !== undefined,
        stdout: process.stdout,
        stderr: process.stderr,
        stdin: process.stdin,
        env: process.env,
      });
    } catch (error) {
      if (error instanceof LogFileError) this.error(error.message, { exit: 1 });
      throw error;
    }
  }
}
