import { mkdtemp, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLanAddresses } from '../../src/server/network.js';
import { prepareTls } from '../../src/server/tls.js';

/**
 * Every `start` in the suite makes or reads an HTTPS certificate in oclif's data dir; point it
 * at a scratch directory (oclif reads WEBRTC_CALL_DATA_DIR) so tests never write to the home
 * directory. Workers inherit the variable. The certificate is made once here, so the CLI tests
 * start the way a user's second run does (cached) instead of racing their deadlines against
 * key generation on a loaded machine; the first-run path is tested in tls.test.ts and lan.test.ts.
 */
export default async function isolateDataDir(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'webrtc-call-test-data-'));
  process.env.WEBRTC_CALL_DATA_DIR = dir;
  await prepareTls({ dir: join(dir, 'tls') }, { lan: findLanAddresses(networkInterfaces()) });
  return () => rm(dir, { recursive: true, force: true });
}
