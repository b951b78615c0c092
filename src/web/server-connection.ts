/**
 * The page's socket to the call server, and the room its URL names: the same for a page that
 * calls (main.ts) and one whose browser cannot (cannot-call.ts).
 */
import { io, type Socket } from 'socket.io-client';
import { LanguageTagSchema, parse, type ClientToServerEvents, type ServerToClientEvents } from '../shared/protocol.js';

export type CallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Retry every second at most: after a Wi-Fi drop the page must be back before the server's
 * grace period (server/grace.ts) gives its place away. tryAllTransports: where a WebSocket
 * cannot open (e.g. iOS with a self-signed certificate), fall back to polling.
 */
export function connectToCallServer(): CallSocket {
  return io({
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 1_000,
  });
}

/** The room id from /r/<room>. */
export function roomOfPage(page: Location): string {
  return decodeURIComponent(page.pathname.split('/').filter(Boolean).at(-1) ?? '');
}

/**
 * The browser's first preferred language, sent with `join` for the host's terminal (not the
 * page's own choice, which ?lang= may override). Only a tag the server's schema takes: an odd
 * one must never cost the join.
 */
export function browserLanguage(): string | undefined {
  const tag = navigator.languages?.[0] ?? navigator.language;
  return parse(LanguageTagSchema, tag).ok ? tag : undefined;
}
