import { hostname, networkInterfaces } from 'node:os';
import { Command, Flags } from '@oclif/core';
import { runDoctor } from '../server/doctor.js';
import { shouldOpenBrowser } from '../terminal/browser.js';
import { formatDoctorReport } from '../terminal/doctor-report.js';
import { httpsFlags, tlsOptionsFromFlags } from '../terminal/https-flags.js';
import { portFlag, portWasGiven } from '../terminal/port-flag.js';
import { iceFlags, iceOptionsFromFlags } from '../terminal/ice-flags.js';
import { IceConfigError } from '../server/index.js';

export default class Doctor extends Command {
  static override summary = 'Check that a phone on your network can join a call.';

  static override description =
    'Checks Node.js, the network addresses (which one the QR code would carry, and why others are skipped), the port, the HTTPS certificate and whether a browser can be opened. Each failed check says how to fix it. Exits 1 when a phone could not join.';

  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json', '<%= config.bin %> <%= command.id %> --port 8080'];

  static override enableJsonFlag = true;

  static override flags = {
    port: portFlag('port start would use'),
    host: Flags.string({ description: 'address start would bind and advertise' }),
    ...httpsFlags,
    ...iceFlags,
  };

  async run(): Promise<unknown> {
    const { flags, metadata } = await this.parse(Doctor);
    let ice;
    try {
      ice = iceOptionsFromFlags(flags, process.env);
    } catch (error) {
      if (error instanceof IceConfigError) this.error(error.message, { exit: 1 });
      throw error;
    }
    const report = await runDoctor({
      port: flags.port,
      strictPort: portWasGiven(metadata),
      host: flags.host,
      tls: tlsOptionsFromFlags(flags, this.config.dataDir),
      interfaces: networkInterfaces(),
      hostname: hostname(),
      nodeVersion: process.version,
      canOpenBrowser: shouldOpenBrowser(undefined),
      env: process.env,
      platform: process.platform,
      ice: { iceServers: ice.iceServers ?? [], turnSecret: ice.turnSecret },
    });
    if (!this.jsonEnabled()) for (const line of formatDoctorReport(report)) this.log(line);
    if (!report.ok) process.exitCode = 1;
    return report;
  }
}
