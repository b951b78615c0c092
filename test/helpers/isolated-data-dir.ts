import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every `start` in the suite makes or reads an HTTPS certificate in oclif's data dir; point it
 * at a scratch directory (oclif reads WEBRTC_CALL_DATA_DIR) so tests never write to the home
 * directory. Workers inherit the variable.
 */
export default async function isolateDataDir(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'webrtc-call-test-data-'));
  process.env.WEBRTC_CALL_DATA_DIR = dir;
  return () => rm(dir, { recursive: true, force: true });
}
