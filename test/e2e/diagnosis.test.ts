/**
 * Each way a call fails to connect, made for real: two Chromiums in their own network
 * namespaces, joined to the "laptop" namespace that runs `webrtc-call start` and is their Wi-Fi
 * access point (test/helpers/diagnosis-lan.ts). The faults are nftables rules and routes inside
 * those namespaces. Each must yield its cause within 15 s of the offer, in the terminal (--quiet),
 * the NDJSON log and on both pages; the healthy call gets none.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devices, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosisCause } from '../../src/shared/protocol.js';
import { expectRemoteVideo, openCallPage, type CallPage } from '../helpers/browser.js';
import { useCleanups, type Cleanups } from '../helpers/cleanups.js';
import { runCli, type NdjsonRecord, type RunningCli } from '../helpers/cli.js';
import { ACCESS_POINT, PHONE_ON_WIFI, createDiagnosisLan, type DiagnosisLan, type DiagnosisLanOptions } from '../helpers/diagnosis-lan.js';
import { waitFor } from '../helpers/wait.js';

const PORT = 3000;
const ROOM = 'diag';
/** The bound: the cause is known this soon after the offer. */
const WITHIN_MS = 15_000;
/** Shorter than the 10 s default so the suite stays quick; one test below runs with the default. */
const QUICK_DELAY_S = 4;
const STARTUP_MS = 60_000;
const TEST_MS = 180_000;
/** A phone's viewport and user agent, so the terminal and the pages name it "phone". */
const PHONE = devices['Pixel 7'];

/** Bridged traffic between the two browsers is dropped; what they send to the server is not. */
const CLIENT_ISOLATION = `table bridge diag {
  chain forward {
    type filter hook forward priority 0; policy drop;
  }
}
`;

/**
 * The Wi-Fi drops UDP from the phone: to the laptop's browser (bridged) and to the laptop itself
 * (the access point's own address); TCP, and so signaling, still passes.
 */
const UDP_FROM_PHONE_DROPPED = `table bridge diag {
  chain forward {
    type filter hook forward priority 0; meta l4proto udp drop;
  }
}
table inet diag {
  chain input {
    type filter hook input priority 0; ip saddr ${PHONE_ON_WIFI} meta l4proto udp drop;
  }
}
`;

/** Multicast DNS (UDP 5353) blocked on the phone, as many guest and office networks do. */
const MDNS_BLOCKED = `table inet diag {
  chain input {
    type filter hook input priority 0; udp dport 5353 drop; udp sport 5353 drop;
  }
  chain output {
    type filter hook output priority 0; udp dport 5353 drop; udp sport 5353 drop;
  }
}
`;

interface Call {
  server: RunningCli;
  laptop: CallPage;
  phone: CallPage;
  logFile: string;
  records(): Promise<NdjsonRecord[]>;
}

interface Devices {
  lan: DiagnosisLan;
  laptopBrowser: Browser;
  phoneBrowser: Browser;
}

async function setUp(options: DiagnosisLanOptions & { denyCamera?: boolean } = {}): Promise<Devices> {
  const lan = await createDiagnosisLan(options);
  try {
    const [laptopBrowser, phoneBrowser] = await Promise.all([
      lan.launchBrowser(lan.laptop, { secureOrigins: [`http://${ACCESS_POINT}:${PORT}`], denyCamera: options.denyCamera }),
      lan.launchBrowser(lan.phone, { secureOrigins: [`http://${lan.serverAddressForPhone}:${PORT}`], denyCamera: options.denyCamera }),
    ]);
    return { lan, laptopBrowser, phoneBrowser };
  } catch (error) {
    await lan.remove();
    throw error;
  }
}

async function tearDown(devices: Devices | undefined): Promise<void> {
  if (!devices) return;
  await Promise.allSettled([devices.laptopBrowser.close(), devices.phoneBrowser.close()]);
  await devices.lan.remove();
}

/** `start --quiet --log-file` in the laptop namespace, then the laptop's page, then the phone's. */
async function startCall({ lan, laptopBrowser, phoneBrowser }: Devices, cleanups: Cleanups, diagnoseAfter?: number): Promise<Call> {
  const dir = await mkdtemp(join(tmpdir(), 'webrtc-call-diag-log-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const logFile = join(dir, 'call.ndjson');
  const flags = diagnoseAfter === undefined ? [] : ['--diagnose-after', String(diagnoseAfter)];
  const args = ['start', '--no-open', '--quiet', '--no-https', '--host', '0.0.0.0', '--port', String(PORT), '--room', ROOM, '--log-file', logFile, ...flags];
  const server = runCli(args, {}, { namespace: lan.server });
  cleanups.push(() => server.stop('SIGKILL'));
  await server.waitForOutput(/Local:/, STARTUP_MS);
  const laptop = await openCallPage(laptopBrowser, `http://${ACCESS_POINT}:${PORT}/r/${ROOM}`);
  cleanups.push(() => laptop.close());
  const phone = await openCallPage(phoneBrowser, `http://${lan.serverAddressForPhone}:${PORT}/r/${ROOM}`, { device: PHONE });
  cleanups.push(() => phone.close());
  const records = async () =>
    (await readFile(logFile, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as NdjsonRecord);
  return { server, laptop, phone, logFile, records };
}

const problem = (call: CallPage) => call.page.locator('#problem').innerText();

/** Waits for the diagnosis and checks it everywhere a person would look. */
async function expectDiagnosis(call: Call, cause: DiagnosisCause, text: RegExp): Promise<void> {
  const diagnosis = await waitFor('the diagnosis in the NDJSON log', async () => (await call.records()).find((r) => r.type === 'diagnosis'), { timeoutMs: 45_000 });
  const records = await call.records();
  const offer = records.find((r) => r.type === 'offer');
  const evidence = JSON.stringify(diagnosis, null, 1);
  expect(diagnosis.cause, evidence).toBe(cause);
  expect(diagnosis.message).toMatch(text);
  expect(records.filter((r) => r.type === 'diagnosis')).toHaveLength(1);
  expect((diagnosis.peers as Array<{ name: string }>).map((p) => p.name).sort()).toEqual(['laptop', 'phone']);
  expect(Number(diagnosis.at) - Number(offer?.at)).toBeLessThanOrEqual(WITHIN_MS);
  // The terminal, in --quiet mode: one line with both names, the message and the code.
  await call.server.waitForOutput(new RegExp(`(laptop ⇄ phone|phone ⇄ laptop)\\s+diagnosis\\s+.*\\[${cause}\\]`));
  // Both pages, in the words of the side that reads it.
  await waitFor('the laptop page to show the diagnosis', async () => (await problem(call.laptop)).startsWith("Can't reach the phone directly: "));
  await waitFor('the phone page to show the diagnosis', async () => (await problem(call.phone)).startsWith("Can't reach the laptop directly: "));
  expect(await problem(call.phone)).toMatch(text);
  console.log(`${cause}: ${Number(diagnosis.at) - Number(offer?.at)} ms after the offer\n${(diagnosis.evidence as string[]).join('\n')}`);
}

describe('why a call does not connect, said in the terminal, the NDJSON and on both pages', () => {
  const cleanups = useCleanups();

  describe('laptop and phone on one Wi-Fi', () => {
    let devices: Devices | undefined;
    beforeAll(async () => {
      devices = await setUp();
    }, STARTUP_MS);
    afterAll(() => tearDown(devices), STARTUP_MS);
    const wifi = () => {
      if (!devices) throw new Error('no Wi-Fi');
      return devices;
    };

    it('a healthy call gets no diagnosis', async () => {
      const call = await startCall(wifi(), cleanups, QUICK_DELAY_S);
      await Promise.all([expectRemoteVideo(call.laptop.page, 'laptop', 60_000), expectRemoteVideo(call.phone.page, 'phone', 60_000)]);
      const offerAt = Number((await call.records()).find((r) => r.type === 'offer')?.at);
      // Absence can only be shown by letting the diagnosis delay pass: wait until it has.
      await waitFor('the diagnosis delay to pass since the offer', () => Date.now() > offerAt + QUICK_DELAY_S * 1000 + 1_000, { timeoutMs: 20_000 });
      expect((await call.records()).filter((r) => r.type === 'diagnosis')).toEqual([]);
      expect(call.server.stdout()).not.toMatch(/diagnosis/);
      expect(await call.laptop.page.locator('#problem').isVisible()).toBe(false);
      expect(await call.phone.page.locator('#problem').isVisible()).toBe(false);
    }, TEST_MS);

    it('Wi-Fi client isolation (everything between the two dropped but signaling): every check failed, with the default 10 s', async () => {
      wifi().lan.nft(wifi().lan.server, CLIENT_ISOLATION);
      cleanups.push(async () => wifi().lan.nft(wifi().lan.server, 'delete table bridge diag\n'));
      const call = await startCall(wifi(), cleanups);
      await expectDiagnosis(call, 'checks-failed', /same network \(192\.168\.78\.x\) but every connection check between them failed.*isolation.*TURN relay would help/);
    }, TEST_MS);

    it('UDP from the phone dropped (TCP passes): its UDP probe to the laptop never arrived, so UDP is blocked', async () => {
      wifi().lan.nft(wifi().lan.server, UDP_FROM_PHONE_DROPPED);
      cleanups.push(async () => wifi().lan.nft(wifi().lan.server, 'delete table bridge diag\ndelete table inet diag\n'));
      const call = await startCall(wifi(), cleanups, QUICK_DELAY_S);
      await expectDiagnosis(call, 'udp-blocked', /UDP from the phone does not reach the computer running webrtc-call .*a TURN relay would help/);
      const diagnosis = (await call.records()).find((r) => r.type === 'diagnosis');
      expect(diagnosis?.evidence).toEqual(expect.arrayContaining([
        expect.stringMatching(/^laptop: .*; UDP probe to 192\.168\.78\.1:\d+ arrived$/),
        expect.stringMatching(/^phone: .*; UDP probe to 192\.168\.78\.1:\d+ never arrived$/),
      ]));
    }, TEST_MS);
  });

  it('the phone in another subnet, with only a route to the server: no shared network', async () => {
    const devices = await setUp({ phoneInOtherSubnet: true });
    cleanups.push(() => tearDown(devices));
    const call = await startCall(devices, cleanups, QUICK_DELAY_S);
    await expectDiagnosis(call, 'no-shared-network', /\(192\.168\.78\.x\) and the phone \(10\.78\.0\.x\) are on different networks|\(10\.78\.0\.x\) and the laptop \(192\.168\.78\.x\) are on different networks/);
  }, TEST_MS);

  it('cameras blocked (browsers then hide their address behind mDNS) and multicast blocked on the phone: unresolved mDNS names', async () => {
    const devices = await setUp({ denyCamera: true });
    cleanups.push(() => tearDown(devices));
    devices.lan.nft(devices.lan.phone, MDNS_BLOCKED);
    const call = await startCall(devices, cleanups, QUICK_DELAY_S);
    await expectDiagnosis(call, 'mdns-unresolved', /hid its address behind mDNS names .* could not resolve.*Allow the camera/);
  }, TEST_MS);

  it('the phone has no default route (in another subnet, routing only to the server) and cameras are blocked: it gathers no candidate at all', async () => {
    // Without the camera allowed, Chromium gathers only on the default route's interface.
    const devices = await setUp({ phoneWithoutDefaultRoute: true, phoneInOtherSubnet: true, denyCamera: true });
    cleanups.push(() => tearDown(devices));
    const call = await startCall(devices, cleanups, QUICK_DELAY_S);
    await expectDiagnosis(call, 'no-candidates', /The phone found no network address to use \(it sent no ICE candidate\)/);
  }, TEST_MS);
});
