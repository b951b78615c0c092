import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { waitForStopSignal } from '../../src/terminal/stop-signal.js';

function fakeProcess() {
  const emitter = new EventEmitter();
  let time = 0;
  return {
    source: emitter,
    now: () => time,
    after: (ms: number) => (time += ms),
    send: (signal: NodeJS.Signals) => emitter.emit(signal),
    listening: () => emitter.listenerCount('SIGINT') + emitter.listenerCount('SIGTERM'),
  };
}

describe('waiting for Ctrl+C', () => {
  it('stops cleanly on SIGINT or SIGTERM', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const fake = fakeProcess();
      const forced: string[] = [];
      const stop = waitForStopSignal(() => forced.push('forced'), fake.source, fake.now);
      fake.send(signal);
      await stop.stopped;
      expect(forced).toEqual([]);
    }
  });

  it('treats the copy npx forwards of the same Ctrl+C as one press', async () => {
    const fake = fakeProcess();
    const forced: string[] = [];
    const stop = waitForStopSignal(() => forced.push('forced'), fake.source, fake.now);
    fake.send('SIGINT');
    fake.after(5);
    fake.send('SIGINT');
    await stop.stopped;
    expect(forced).toEqual([]);
  });

  it('forces the stop when the user presses Ctrl+C again later', () => {
    const fake = fakeProcess();
    const forced: string[] = [];
    waitForStopSignal(() => forced.push('forced'), fake.source, fake.now);
    fake.send('SIGINT');
    fake.after(2_000);
    fake.send('SIGINT');
    expect(forced).toEqual(['forced']);
  });

  it('keeps absorbing the forwarded copy after the clean stop finished', async () => {
    const fake = fakeProcess();
    const forced: string[] = [];
    const stop = waitForStopSignal(() => forced.push('forced'), fake.source, fake.now);
    fake.send('SIGINT');
    await stop.stopped;
    stop.dispose();
    expect(fake.listening()).toBe(2);
    fake.after(5);
    fake.send('SIGINT');
    expect(forced).toEqual([]);
  });

  it('stops listening once disposed without a signal', () => {
    const fake = fakeProcess();
    const stop = waitForStopSignal(() => {}, fake.source, fake.now);
    expect(fake.listening()).toBe(2);
    stop.dispose();
    expect(fake.listening()).toBe(0);
  });
});
