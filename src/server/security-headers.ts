/**
 * HTTP security headers for every response, via helmet (maintained, tracks browser changes)
 * rather than a hand-kept list. The CSP allows exactly what the call page loads: its own
 * script and stylesheet, the socket.io connection back to this server, and camera streams.
 */
import type { IncomingMessage } from 'node:http';
import helmet from 'helmet';
import type { RequestHandler } from 'express';

// What a Host header may look like before it is copied into the CSP (no spaces, quotes, ;).
const SAFE_HOST = /^[A-Za-z0-9.:[\]-]{1,255}$/;

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        // the socket.io websocket; old Safari does not count ws: as 'self', so name it
        'connect-src': ["'self'", (req) => websocketOrigin(req as IncomingMessage)],
        // camera and remote videos are MediaStreams (srcObject); blob:/mediastream: cover
        // browsers that still route them through URLs
        'media-src': ["'self'", 'blob:', 'mediastream:'],
        // the invite QR code is an SVG the server renders (/r/<room>/invite.svg)
        'img-src': ["'self'"],
        'base-uri': ["'none'"],
        'form-action': ["'none'"],
        'frame-ancestors': ["'none'"],
        'object-src': ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // The call runs on http:// LAN addresses: HSTS would pin an IP to https for a year and
    // upgrade-insecure-requests (omitted above) would break every asset on http.
    strictTransportSecurity: false,
  });
}

function websocketOrigin(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  if (!SAFE_HOST.test(host)) return "'self'";
  const secure = 'encrypted' in req.socket && req.socket.encrypted === true;
  return `${secure ? 'wss' : 'ws'}://${host}`;
}
