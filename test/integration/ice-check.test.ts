/**
 * The STUN/TURN check behind `doctor --ice-server`, against a real coturn on loopback.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIceServer } from '../../src/server/ice-check.js';
import { mintTurnCredential } from '../../src/server/ice-servers.js';
import type { DoctorReport } from '../../src/server/doctor.js';
import { runCli } from '../helpers/cli.js';
import { startCoturn, type Coturn } from '../helpers/coturn.js';

const SECRET = 'ice-check-secret';
/** A port of its own: other runs on this machine may hold coturn's 3478. */
const PORT = 20_000 + Math.floor(Math.random() * 20_000);

describe('checking STUN/TURN servers against coturn', { timeout: 60_000 }, () => {
  let coturn: Coturn;
  let scratch: string;
  const minted = () => mintTurnCredential(SECRET, 'doctor', Date.now(), 60);

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'webrtc-call-turn-check-'));
    coturn = await startCoturn({ address: '127.0.0.1', port: PORT, secret: SECRET, scratch });
  });

  afterAll(async () => {
    await coturn?.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('a STUN binding answers with this machine\'s address', async () => {
    expect(await checkIceServer(`stun:127.0.0.1:${PORT}`)).toEqual({ url: `stun:127.0.0.1:${PORT}`, ok: true, summary: expect.stringMatching(/^answers: this machine is 127\.0\.0\.1:\d+ from there$/) });
  });

  it.each(['udp', 'tcp'])('a TURN Allocate over %s with credentials from the shared secret gets a relay address', async (transport) => {
    const url = `turn:127.0.0.1:${PORT}?transport=${transport}`;
    const result = await checkIceServer(url, minted());
    expect(result, await coturn.log()).toEqual({ url, ok: true, summary: expect.stringMatching(/^gave a relay address \(127\.0\.0\.1:\d+\) for these credentials$/) });
  });

  it('a wrong secret is told apart: 401 after authenticating', async () => {
    const wrong = mintTurnCredential('not-the-secret', 'doctor', Date.now(), 60);
    expect(await checkIceServer(`turn:127.0.0.1:${PORT}`, wrong)).toEqual({
      url: `turn:127.0.0.1:${PORT}`,
      ok: false,
      problem: 'wrong-credentials',
      summary: 'refused the credentials (401 Unauthorized, realm "webrtc-call.test")',
      fix: '--turn-secret must be the static-auth-secret of the TURN server (or --turn-username/--turn-credential one of its users)',
    });
  });

  it('an expired credential is refused as wrong too', async () => {
    const expired = mintTurnCredential(SECRET, 'doctor', Date.now() - 120_000, 60);
    expect((await checkIceServer(`turn:127.0.0.1:${PORT}`, expired)).problem).toBe('wrong-credentials');
  });

  it('a server that does not answer is unreachable, over UDP and TCP', async () => {
    const silent = PORT + 100;
    const udp = await checkIceServer(`turn:127.0.0.1:${silent}`, { ...minted(), timeoutMs: 500 });
    expect(udp).toMatchObject({ ok: false, problem: 'unreachable', summary: `no answer from 127.0.0.1:${silent} (udp)` });
    expect(udp.fix).toMatch(/check that the server runs/);
    const tcp = await checkIceServer(`turn:127.0.0.1:${silent}?transport=tcp`, { ...minted(), timeoutMs: 500 });
    expect(tcp).toMatchObject({ ok: false, problem: 'unreachable', summary: expect.stringMatching(new RegExp(`^no answer from 127\\.0\\.0\\.1:${silent} \\(tcp\\): connect ECONNREFUSED`)) });
  });

  it('a TURN server without credentials to test with says which flags give them', async () => {
    expect(await checkIceServer(`turn:127.0.0.1:${PORT}`)).toMatchObject({ ok: false, problem: 'no-credentials', fix: expect.stringMatching(/--turn-secret/) });
  });

  it('doctor --ice-server --turn-secret: each server checked, in --json and in words', async () => {
    const args = ['doctor', '--port', '0', '--ice-server', `stun:127.0.0.1:${PORT}`, '--ice-server', `turn:127.0.0.1:${PORT}`, '--turn-secret', SECRET];
    // Its exit code also depends on this machine's network (none inside the suite's namespace): read the ICE check.
    const json = runCli([...args, '--json']);
    await json.exited;
    const report = JSON.parse(json.stdout()) as DoctorReport;
    expect(report.ice).toMatchObject({ status: 'pass', summary: 'all 2 servers answer', servers: [{ url: `stun:127.0.0.1:${PORT}`, ok: true }, { url: `turn:127.0.0.1:${PORT}`, ok: true }] });
    const pretty = runCli(args);
    await pretty.exited;
    expect(pretty.stdout()).toMatch(new RegExp(`✔ ICE servers +all 2 servers answer\n +ok +stun:127\.0\.0\.1:${PORT}: answers[^\n]*\n +ok +turn:127\.0\.0\.1:${PORT}: gave a relay address`));
    expect(pretty.stdout() + pretty.stderr() + json.stdout()).not.toContain(SECRET);
  });

  it('doctor with a wrong --turn-secret says the credentials were refused, and exits 1', async () => {
    const run = runCli(['doctor', '--port', '0', '--ice-server', `turn:127.0.0.1:${PORT}`, '--turn-secret', 'wrong-secret']);
    expect(await run.exited).toBe(1);
    expect(run.stdout()).toContain(`✖ ICE servers 1 of 1 server does not work: turn:127.0.0.1:${PORT} refused the credentials (401 Unauthorized, realm "webrtc-call.test")`);
    expect(run.stdout()).toContain('fix: --turn-secret must be the static-auth-secret of the TURN server');
    expect(run.stdout()).toContain('Not ready');
  });

  it('start with a wrong --turn-secret says in the terminal that the relay refused it', async () => {
    const run = runCli(['start', '--no-open', '--host', '127.0.0.1', '--port', '0', '--ice-server', `turn:127.0.0.1:${PORT}`, '--turn-secret', 'wrong-secret']);
    try {
      await run.waitForOutput(new RegExp(`TURN turn:127\\.0\\.0\\.1:${PORT} refused the credentials \\(401 Unauthorized, realm "webrtc-call\\.test"\\) \\(checked from this computer\\): --turn-secret must be the static-auth-secret`), 10_000);
      expect(run.stdout() + run.stderr()).not.toContain('wrong-secret');
    } finally {
      await run.stop('SIGINT');
    }
  });
});
