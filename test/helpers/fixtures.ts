import { readFileSync } from 'node:fs';
import type { CallEvent } from '../../src/server/events.js';
import type { IceCandidate } from '../../src/shared/protocol.js';
import type { StatsEntry } from '../../src/web/stats-summary.js';

const read = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

/** Captured from this suite's headless Chromium by test/fixtures/capture-chromium.ts. */
export const chromium = JSON.parse(read('chromium-call.json')) as {
  userAgent: string;
  offer: string;
  answer: string;
  candidates: Array<IceCandidate | null>;
  reports: CallEvent[];
  getStats: [StatsEntry[], StatsEntry[]];
};

export const firefoxOffer = read('firefox-offer.sdp');
export const safariOffer = read('safari-ios-offer.sdp');
