import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../src/server/events.js';
import { createCallOutput } from '../../src/terminal/call-output.js';
import { CallTracker } from '../../src/terminal/call-tracker.js';
import { replayRecords, isVerboseLog } from '../../src/terminal/replay.js';
import { TerminalView, type TerminalViewOptions } from '../../src/terminal/terminal-view.js';
import { recordsOf, simulatedCall, T0 } from '../helpers/call-log.js';

/** A terminal as a pipe: no TTY, no colour; everything written is kept. */
function pipe(): { options: TerminalViewOptions; printed(): string[] } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const options = {
    mode: 'pretty' as const,
    verbose: false,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new PassThrough() as unknown as NodeJS.WriteStream,
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    env: {},
  };
  return { options, printed: () => text.split('\n').filter(Boolean) };
}

/** What `start` printed for these events, and the records its --log-file got. */
function live(events: CallEvent[]) {
  const terminal = pipe();
  const output = createCallOutput({ ...terminal.options, keepRecords: true });
  for (const event of events) output.onEvent(event);
  output.close();
  return { lines: terminal.printed(), records: output.records() };
}

async function replay(records: ReturnType<typeof live>['records']) {
  const terminal = pipe();
  const tracker = new CallTracker();
  const view = new TerminalView({ ...terminal.options, verbose: isVerboseLog(records), statusLine: false }, tracker);
  await replayRecords(records, tracker, (tracked, ended) => view.show(tracked, ended));
  view.close();
  return terminal.printed();
}

describe('replaying a saved log', () => {
  const restart: CallEvent = {
    type: 'signal', at: T0 + 70_000, room: 'standup', from: 'phone1', to: 'lap1', kind: 'rollback', bytes: 0,
    signal: { kind: 'description', description: { type: 'rollback', sdp: '' } },
  };
  const diagnosis: CallEvent = { type: 'diagnosis', at: T0 + 80_000, room: 'standup', peers: ['phone1', 'lap1'], cause: 'udp-blocked', message: 'Only TCP candidates', evidence: ['phone: tcp only'] };

  const visitor: CallEvent[] = [
    { type: 'join', at: T0 + 90_000, room: 'standup', peerId: 'web1', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.0 Safari/605.1.15', rejoin: false, visitor: true },
    { type: 'unsupported', at: T0 + 90_001, room: 'standup', peerId: 'web1', missing: ['RTCPeerConnection'] },
  ];

  it('prints the lines the live view printed: joins, SDP and candidate summaries, quality lines, the summary', async () => {
    const call = live(simulatedCall({ minutes: 2, extra: [restart, diagnosis, ...visitor] }));
    const lines = await replay(call.records);
    expect(lines).toEqual(call.lines);
    expect(lines.join('\n')).toMatch(/phone → laptop\s+offer\s+5\.\d KB {2}audio opus/);
    expect(lines.join('\n')).toMatch(/quality .* lost 0/);
    expect(lines.join('\n')).toMatch(/diagnosis\s+Only TCP candidates \[udp-blocked\]/);
    expect(lines.join('\n')).toMatch(/RTCPeerConnection/);
    expect(lines.at(-1)).toMatch(/summary\s+call lasted 1m \d\ds/);
  });

  it('waits between events at --speed, N times faster than the call', async () => {
    const events = simulatedCall({ minutes: 1 }).filter((e) => e.at <= T0 + 4_300);
    const records = recordsOf(events);
    const started = performance.now();
    await replayRecords(records, new CallTracker(), () => {}, { speed: 20 });
    // 4.3 s of call at 20× is 215 ms
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
  });
});
