/**
 * Which browser pages may open a socket: only the call's own page. A page elsewhere (another
 * site, another port on this machine, a DNS-rebinding name) gets a refused handshake.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * Browsers always send Origin on websocket handshakes and cross-origin requests; its absence
 * means a same-origin polling GET or a non-browser client, which CORS never restricted anyway.
 *
 * A present Origin must name the host the request was sent to (same scheme, host and port), by
 * an address or a name the server itself printed. Requiring an IP literal or a known name is
 * what stops DNS rebinding, where a hostile name resolves to this machine and Host matches it.
 */
export function isSameOriginRequest(request: IncomingMessage, knownHostnames: ReadonlySet<string>): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  const scheme = 'encrypted' in request.socket && request.socket.encrypted === true ? 'https:' : 'http:';
  if (parsed.protocol !== scheme || parsed.host !== request.headers.host) return false;
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(hostname) !== 0 || hostname === 'localhost' || knownHostnames.has(hostname);
}

/** Hostnames in the URLs the server printed (e.g. a .local name); IPs are accepted anyway. */
export function hostnamesOf(urls: string[]): Set<string> {
  return new Set(urls.map((url) => new URL(url).hostname));
}
