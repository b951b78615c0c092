import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectRemoteVideo, launchBrowser, openCallPage, type CallPage } from '../helpers/browser.js';
import { runCli, START_ON_LOOPBACK, type NdjsonRecord, type RunningCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';

/** As a user runs it, but without NO_COLOR: a pipe alone must be enough to get no ANSI codes. */
const runStart = (args: string[]) => runCli([...START_ON_LOOPBACK, ...args], { NO_COLOR: undefined });

/** The call page URL from the first NDJSON object, as a script reading `--json` would get it. */
function inviteUrl(cli: RunningCli): string {
  const ready = cli.records()[0];
  const urls = ready?.urls as { local: string[] } | undefined;
  const url = urls?.local[0];
  if (ready?.type !== 'ready' || !url) throw new Error(`first NDJSON object is not "ready" with a URL: ${cli.stdout()}`);
  return url.replace('localhost', '127.0.0.1');
}

const hasInboundVideo = (r: NdjsonRecord) => r.type === 'stats' && ((r.video as { inKbps: number }).inKbps ?? 0) > 0;

describe('watching a call from the terminal', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'webrtc-call-'));
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams the call as NDJSON, and --log-file holds exactly the same lines', async () => {
    const logFile = join(dir, 'call.ndjson');
    const cli = runStart(['--json', '--log-file', logFile]);
    const pages: CallPage[] = [];
    try {
      await cli.waitForOutput(/\n/);
      const url = inviteUrl(cli);
      pages.push(await openCallPage(browser, url));
      pages.push(await openCallPage(browser, url));
      await Promise.all(pages.map((p, i) => expectRemoteVideo(p.page, `page ${i + 1}`)));
      await waitFor('a stats object with inbound video', () => cli.records().some(hasInboundVideo), { timeoutMs: 30_000 });
      await Promise.all(pages.splice(0).map((p) => p.close()));
      await waitFor('the call summary', () => cli.records().some((r) => r.type === 'call-summary'));
      expect(await cli.stop()).toBe(0);

      const records = cli.records();
      const types = records.map((r) => r.type);
      const index = (predicate: (r: NdjsonRecord) => boolean, from = 0) => records.findIndex((r, i) => i >= from && predicate(r));
      expect(types[0]).toBe('ready');
      const secondJoin = index((r) => r.type === 'join', index((r) => r.type === 'join') + 1);
      const offer = index((r) => r.type === 'offer');
      const answer = index((r) => r.type === 'answer');
      const candidate = index((r) => r.type === 'candidate', offer);
      const connected = index((r) => r.type === 'peer-state' && r.connection === 'connected', answer);
      const stats = index(hasInboundVideo, connected);
      expect(0).toBeLessThan(secondJoin);
      expect(secondJoin).toBeLessThan(offer);
      expect(offer).toBeLessThan(answer);
      expect(candidate).toBeGreaterThan(offer);
      expect(connected).toBeGreaterThan(answer);
      expect(stats).toBeGreaterThan(connected);
      expect(types.at(-1)).toBe('closed');

      // What was negotiated and which path connected, readable without parsing SDP.
      const offered = records[offer] as NdjsonRecord & { media: Array<{ kind: string; codecs: string[]; direction: string }> };
      expect(offered.media.map((m) => `${m.kind} ${m.direction}`)).toEqual(['audio sendrecv', 'video sendrecv']);
      expect(offered.media[1]?.codecs).toContain('VP8');
      expect(records[candidate]).toMatchObject({ candidate: { type: 'host', address: '127.0.0.1', mdns: false } });
      const firstStats = records[stats] as NdjsonRecord & { path: { local: { type: string } }; peer: { label: string } };
      expect(firstStats.path.local.type).toBe('host');
      expect(firstStats.peer.label).toMatch(/^Chrome \d+ · Linux$/);
      const summary = records.find((r) => r.type === 'call-summary');
      expect(summary).toMatchObject({ peers: ['laptop', 'laptop 2'] });
      expect(summary?.averageKbps).toBeGreaterThan(0);

      expect(await readFile(logFile, 'utf8')).toBe(cli.stdout());
      expect(cli.stdout()).not.toMatch(/\u001b\[/);
    } finally {
      await Promise.all(pages.map((p) => p.close()));
      await cli.stop('SIGKILL');
    }
  });

  it('prints who joined, what was negotiated, the path and the quality when piped', async () => {
    const cli = runStart([]);
    const pages: CallPage[] = [];
    try {
      const [, local = ''] = await cli.waitForOutput(/Local:\s+(\S+)/);
      const url = local.replace('localhost', '127.0.0.1');
      // Two browsers set to two languages: each join line says which one its visitor has.
      pages.push(await openCallPage(browser, url, { device: { locale: 'en-US' } }));
      pages.push(await openCallPage(browser, url, { device: { locale: 'pt-BR' } }));
      await cli.waitForOutput(/quality .*video VP8 \d+×\d+/, 40_000);
      expect(await cli.stop()).toBe(0);
      const out = cli.stdout();
      expect(out).toMatch(/laptop\s+join\s+Chrome \d+ · Linux · en-US · 127\.0\.0\.1 · peer /);
      expect(out).toMatch(/laptop 2\s+join\s+Chrome \d+ · Linux · pt-BR · 127\.0\.0\.1 · peer /);
      expect(out).toMatch(/laptop 2 → laptop\s+offer\s+\d+\.\d KB\s+audio opus[^\n]* sendrecv · video VP8[^\n]* sendrecv/);
      expect(out).toMatch(/answer .* KB/);
      expect(out).toMatch(/candidate\s+\d+ B\s+host udp 127\.0\.0\.1:\d+/);
      expect(out).toMatch(/state\s+connection connected/);
      expect(out).toMatch(/path\s+host udp 127\.0\.0\.1:\d+ ⇄ host udp 127\.0\.0\.1:\d+/);
      expect(out).toMatch(/summary\s+call lasted \d+ s · average ↓ .* per person/);
      expect(out).not.toMatch(/\u001b\[/);
    } finally {
      await Promise.all(pages.map((p) => p.close()));
      await cli.stop('SIGKILL');
    }
  });
});
