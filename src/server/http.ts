/**
 * The express app: serves the built call page at /r/<room> and its assets.
 */
import { existsSync } from 'node:fs';
import express, { type Express } from 'express';
import { roomPath } from '../shared/protocol.js';
import { PageNotBuiltError } from './web-root.js';
import { securityHeaders } from './security-headers.js';
import { redirectNetworkPagesToHttps } from './https-redirect.js';
import { inviteRoutes, type InviteFor } from './invite.js';

export function createApp(options: {
  webRoot: string;
  defaultRoom: string;
  /** The Network URL of a room, for the page's invite; undefined when there is no LAN address. */
  inviteFor?: InviteFor;
  /** The port also speaks https: send network browsers to the page over https. */
  httpsOnNetwork?: boolean;
}): Express {
  if (!existsSync(`${options.webRoot}/index.html`)) throw new PageNotBuiltError(options.webRoot);
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.get('/', (_req, res) => {
    res.redirect(302, roomPath(options.defaultRoom));
  });
  if (options.inviteFor) app.use(inviteRoutes(options.inviteFor));
  const toHttps = options.httpsOnNetwork ? [redirectNetworkPagesToHttps()] : [];
  app.get('/r/:room', ...toHttps, (_req, res) => {
    // The page reads the room from its URL; whether it exists is for the join to say.
    res.sendFile('index.html', { root: options.webRoot, headers: { 'Cache-Control': 'no-store' } });
  });
  app.use('/assets', express.static(`${options.webRoot}/assets`, { fallthrough: false, index: false }));
  return app;
}
