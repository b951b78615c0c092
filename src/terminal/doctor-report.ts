/**
 * How `webrtc-call doctor` looks in a terminal: one line per check, details indented under it,
 * and the fix for anything that is not fine.
 */
import pc from 'picocolors';
import type { Check, DoctorReport } from '../server/doctor.js';

const MARK = { pass: pc.green('✔'), warn: pc.yellow('!'), fail: pc.red('✖') };

export function formatDoctorReport(report: DoctorReport): string[] {
  const lines = ['', '  webrtc-call doctor', ''];
  const add = (label: string, check: Check, details: string[] = []) => {
    lines.push(`  ${MARK[check.status]} ${label.padEnd(12)}${check.summary}`);
    for (const detail of details) lines.push(`  ${' '.repeat(14)}${pc.dim(detail)}`);
    if (check.fix) lines.push(`  ${' '.repeat(14)}fix: ${check.fix}`);
  };
  add('Node.js', report.node);
  add('Network', report.network, [
    ...report.network.usable.map((a) => `uses    ${a.interface} ${a.address}`),
    ...report.network.skipped.map((a) => `skipped ${a.interface} ${a.address}: ${a.reason}`),
    ...report.network.misleading.map((a) => `note    ${a.interface} (${a.kind}): ${a.note}`),
  ]);
  add('Port', report.port);
  const cert = report.certificate.certificate;
  add('Certificate', report.certificate, cert ? [
    `names   ${cert.names.join(', ')}`,
    `valid   until ${cert.validTo.slice(0, 10)}`,
    `SHA-256 ${cert.fingerprint256}`,
  ] : []);
  add('Browser', report.browser);
  if (report.ice) {
    add('ICE servers', report.ice, report.ice.servers.map((server) => `${server.ok ? 'ok    ' : 'failed'}  ${server.url}: ${server.summary}`));
  }
  lines.push('', report.ok ? `  Ready: phones on this network can join${report.ice ? ', and the ICE servers answer' : ''}.` : '  Not ready: fix what is marked ✖ above.', '');
  return lines;
}
