/**
 * Random and malformed messages for the signaling server, from a seeded generator so a failure
 * can be replayed (the seed is in the test's output).
 */

export type Random = () => number;

/** mulberry32: tiny, seedable, good enough to pick test inputs. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'then'];
const NASTY_STRINGS = ['', ' ', '\u0000', '\ud800', '💥'.repeat(50), '<script>alert(1)</script>', '../../etc/passwd', 'NaN', '{}', '%s%n'];

export function randomString(random: Random, maxLength: number): string {
  const length = Math.floor(random() ** 3 * maxLength); // mostly short, sometimes huge
  if (random() < 0.5) return 'x'.repeat(length);
  let text = '';
  for (let i = 0; i < Math.min(length, 2000); i++) text += String.fromCharCode(Math.floor(random() * 0xffff));
  return text;
}

/** An object with a nasty own key, e.g. "__proto__", as JSON.parse would produce it. */
function withKey(key: string, value: unknown): Record<string, unknown> {
  return JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}}`) as Record<string, unknown>;
}

function deeplyNested(random: Random): unknown {
  const depth = 50 + Math.floor(random() * 2000);
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = random() < 0.5 ? [value] : { a: value };
  return value;
}

export function randomValue(random: Random, depth = 0): unknown {
  const roll = random();
  if (depth > 3 || roll < 0.25) {
    return pick(random, [null, undefined, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER, 0.5, NaN, Infinity, ...NASTY_STRINGS]);
  }
  if (roll < 0.35) return randomString(random, 60_000);
  if (roll < 0.45) return deeplyNested(random);
  if (roll < 0.6) return Array.from({ length: Math.floor(random() * 5) }, () => randomValue(random, depth + 1));
  if (roll < 0.75) return withKey(pick(random, NASTY_KEYS), randomValue(random, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = 0; i < Math.floor(random() * 5); i++) object[pick(random, ['room', 'to', 'signal', 'kind', 'pin', 'x'])] = randomValue(random, depth + 1);
  return object;
}

/** Almost-right messages: the right shape with one thing wrong, which is where bugs hide. */
function nearMiss(random: Random, room: string, peerIds: string[]): [string, unknown] {
  const to = pick(random, [...peerIds, 'nobody', '', 'x'.repeat(40)]);
  const candidates: Array<[string, unknown]> = [
    ['join', { room, resumeToken: randomValue(random) }],
    ['join', { room: randomValue(random) }],
    ['join', { room, pin: randomValue(random), keepConnections: randomValue(random) }],
    ['join', withKey('__proto__', { room })],
    ['signal', { to, signal: { kind: 'description', description: { type: pick(random, ['offer', 'answer', 'bogus']), sdp: randomValue(random) } } }],
    ['signal', { to, signal: { kind: 'candidate', candidate: randomValue(random) } }],
    ['signal', { to, signal: { kind: 'candidate', candidate: { candidate: 'candidate:1', sdpMLineIndex: randomValue(random) } } }],
    ['signal', { to: randomValue(random), signal: null }],
    ['signal', withKey('constructor', { to, signal: { kind: 'candidate', candidate: null } })],
  ];
  return pick(random, candidates);
}

/** One message: an event name and its arguments (socket.io lets a client send any number). */
export function randomMessage(random: Random, room: string, peerIds: string[]): { event: string; args: unknown[] } {
  const roll = random();
  if (roll < 0.5) {
    const [event, payload] = nearMiss(random, room, peerIds);
    return { event, args: [payload, ...(random() < 0.3 ? [randomValue(random)] : [])] };
  }
  const event = roll < 0.8 ? pick(random, ['join', 'signal']) : pick(random, [...NASTY_KEYS, 'made-up', randomString(random, 100)]);
  return { event, args: Array.from({ length: Math.floor(random() * 3) }, () => randomValue(random)) };
}
