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

/** Captured from this suite's Firefox ESR by test/fixtures/capture-firefox.ts. */
export const firefox = JSON.parse(read('firefox-call.json')) as {
  userAgent: string;
  /** Its offer to Chromium, and its answer to Chromium's offer, as relayed in a real call. */
  offer: string;
  answer: string;
  /** Offers other clients make, from the same Firefox: a data channel alone; simulcast video beside inactive audio. */
  dataChannelOffer: string;
  simulcastOffer: string;
};

export const safariOffer = read('safari-ios-offer.sdp');
export const safariAnswer = read('safari-ios-answer.sdp');
