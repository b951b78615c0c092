import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { assertLoopbackOnlyNetwork, CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.js';

/**
 * A browser the test can kill like a phone whose battery died: no pagehide, no goodbye. The
 * wrapper records Chromium's process id (exec keeps it) so exactly that process is killed.
 */
export async function launchKillableBrowser(): Promise<{ browser: Browser; kill(): void }> {
  assertLoopbackOnlyNetwork();
  const dir = mkdtempSync(join(tmpdir(), 'webrtc-call-browser-'));
  const pidFile = join(dir, 'pid');
  const wrapper = join(dir, 'chromium');
  writeFileSync(wrapper, `#!/bin/sh\necho $$ > ${pidFile}\nexec ${CHROMIUM_PATH} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const browser = await chromium.launch({ executablePath: wrapper, args: CHROMIUM_ARGS });
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(dir, { recursive: true, force: true });
  return {
    browser,
    kill: () => process.kill(pid, 'SIGKILL'),
  };
}
