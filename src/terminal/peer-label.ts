/**
 * Who a peer is, in words a person recognises, from its browser's user agent:
 * "Chrome 131 · macOS", "Safari 17 · iPhone", and a device word for arrows ("laptop → phone").
 * A client that is no browser on a known device (a script's socket.io client, a WebRTC peer in
 * Node or Python) is a "peer": calling it a browser would send a developer looking for one.
 * bowser does the user-agent parsing: the rules for hundreds of browsers are its job, not ours.
 */
import type * as Bowser from 'bowser';
import { loadOnFirstUse } from './load-on-first-use.js';

export type Device = 'laptop' | 'phone' | 'tablet' | 'tv' | 'peer';

export interface PeerLabel {
  /** "Chrome 131 · macOS" */
  label: string;
  device: Device;
}

// Needed when a peer joins, not on the way to the URL: bowser's large rule set loads on first
// use (its CommonJS build: the same parser).
const loadBowser = loadOnFirstUse<typeof Bowser>('bowser');

const DEVICES: Record<string, Device> = { desktop: 'laptop', mobile: 'phone', tablet: 'tablet', tv: 'tv' };

export function describeUserAgent(userAgent: string | undefined): PeerLabel {
  if (!userAgent) return { label: 'unknown client', device: 'peer' };
  const { browser, os, platform } = loadBowser().parse(userAgent);
  const major = browser.version?.split('.')[0];
  const name = browser.name ? [browser.name, major].filter(Boolean).join(' ') : 'unknown client';
  // "iPhone"/"iPad" says more than "iOS"; elsewhere the OS is what people know their device by.
  const where = platform.model && /^i(Phone|Pad|Pod)/.test(platform.model) ? platform.model : os.name;
  return {
    label: where ? `${name} · ${where}` : name,
    device: (platform.type && DEVICES[platform.type]) || 'peer',
  };
}

/**
 * A short name for each peer of a room: its device word, numbered when two peers share one
 * ("laptop", "laptop 2"), so arrows stay readable when both ends are the same kind of device.
 */
export function namePeer(device: Device, namesInRoom: string[]): string {
  if (!namesInRoom.includes(device)) return device;
  for (let n = 2; ; n++) if (!namesInRoom.includes(`${device} ${n}`)) return `${device} ${n}`;
}
