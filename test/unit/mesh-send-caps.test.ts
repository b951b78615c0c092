import { describe, expect, it } from 'vitest';
import { sendCapFor } from '../../src/web/mesh-send-caps.js';

describe('video sent on each connection of a mesh', () => {
  it('is left to the browser in a 1:1 call', () => {
    expect(sendCapFor(0)).toBeUndefined();
    expect(sendCapFor(1)).toBeUndefined();
  });

  it('shrinks as people join, so the whole upload stays near one HD stream', () => {
    expect(sendCapFor(2)).toEqual({ maxBitrate: 800_000, maxHeight: 480 });
    expect(sendCapFor(3)).toEqual({ maxBitrate: 500_000, maxHeight: 360 });
    expect(sendCapFor(4)).toEqual({ maxBitrate: 300_000, maxHeight: 240 });
    expect(sendCapFor(15)).toEqual({ maxBitrate: 300_000, maxHeight: 240 });
  });

  it('gives way on a connection while a file moves over it, a shared screen keeping its size', () => {
    const whileFile = { maxBitrate: 300_000, maxHeight: 240, maxFramerate: 15, keepsScreenSize: true };
    expect(sendCapFor(1, true)).toEqual(whileFile);
    expect(sendCapFor(2, true)).toEqual(whileFile);
    expect(sendCapFor(4, true)).toEqual(whileFile);
  });
});
