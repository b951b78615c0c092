/**
 * Every default of the call server, in one place: the commands' flags (and so `--help`), the
 * API (`startCallServer`) and the server itself read them from here.
 */
import type { RateLimit } from './rate-limit.js';

/** The port `start` tries first; when it is busy and was not asked for, the next free one. */
export const DEFAULT_PORT = 3000;

/** People per call: a 1:1 call unless `--max-peers` says otherwise. */
export const DEFAULT_MAX_PEERS = 2;
/** A mesh call sends every stream to every other person, so a laptop's uplink caps it. */
export const MAX_PEERS_LIMIT = 16;

/**
 * Visitors whose browser cannot call (an in-app browser, WebKit without WebRTC), per room. They
 * take no place in the call; this only bounds what a room keeps for the terminal to show.
 */
export const DEFAULT_MAX_VISITORS = 8;

/**
 * How long a peer whose connection dropped keeps its place. socket.io notices a dead socket after
 * its ping interval and timeout (signaling.ts); this is added on top, so the others learn that a
 * peer is gone within ten seconds, while a phone back from a short Wi-Fi drop still finds its place.
 */
export const DEFAULT_GRACE_MS = 4_500;

/**
 * Setting up a call sends an offer or answer and a few dozen candidates within a second, and an
 * ICE restart does it again: the burst leaves room for both, the steady rate still stops a flood.
 */
export const DEFAULT_RATE_LIMIT: RateLimit = { messagesPerSecond: 20, burst: 100 };

/**
 * A page holds one socket, a reconnect briefly overlaps the old one, and a few tabs of the same
 * device are legitimate: this leaves room for that and stops one machine opening thousands.
 */
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 16;

/**
 * How long a connection may take after its offer before the server says why it does not connect
 * (`start --diagnose-after`). On a LAN a call connects within a second or two of its offer, and
 * ICE would keep checking for 30 s before giving up: 10 s leaves room for a slow phone.
 */
export const DEFAULT_DIAGNOSIS_DELAY_MS = 10_000;

/**
 * How long a TURN credential minted for a page (`--turn-secret`) stays valid. The TURN server
 * checks it when the relay is made and at each refresh, so it must outlast the call: a working
 * day of calls is under 12 hours, and a page that rejoins (a reload, a reconnect) gets a new one.
 * Short enough that a credential copied out of a page is useless by the next day.
 */
export const DEFAULT_TURN_CREDENTIAL_TTL_S = 12 * 60 * 60;
