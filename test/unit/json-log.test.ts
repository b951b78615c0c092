import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonLog, LogFileError } from '../../src/terminal/json-log.js';

describe('NDJSON log', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webrtc-call-log-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one JSON object per line, schema version first, nothing else added', async () => {
    const path = join(dir, 'nested', 'call.ndjson');
    const log = createJsonLog(path);
    log.write({ type: 'ready', at: 1, time: '1970-01-01T00:00:00.001Z', room: 'r', urls: { local: ['http://localhost:3000/r/r'], network: [] } });
    log.write({ type: 'closed', at: 2, time: '1970-01-01T00:00:00.002Z' });
    log.close();
    const text = await readFile(path, 'utf8');
    expect(text).toBe(
      '{"v":1,"type":"ready","at":1,"time":"1970-01-01T00:00:00.001Z","room":"r","urls":{"local":["http://localhost:3000/r/r"],"network":[]}}\n' +
        '{"v":1,"type":"closed","at":2,"time":"1970-01-01T00:00:00.002Z"}\n',
    );
  });

  it('says what to do when the file cannot be written', async () => {
    const notAFolder = join(dir, 'notes.txt');
    await writeFile(notAFolder, '');
    const path = join(notAFolder, 'call.ndjson');
    expect(() => createJsonLog(path)).toThrow(LogFileError);
    expect(() => createJsonLog(path)).toThrow(/^cannot write the log file .*call\.ndjson \(.*\); give --log-file a path in a writable folder$/);
  });
});
