/**
 * A phone that types or scans the plain http:// address of this machine lands on a page where
 * the camera is refused (not a secure context). The same port speaks https, so send it there.
 * This machine's own browser keeps plain http://localhost, which is already a secure context.
 */
import type { RequestHandler } from 'express';

const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

export function redirectNetworkPagesToHttps(): RequestHandler {
  return (req, res, next) => {
    const host = req.headers.host;
    if (req.secure || req.method !== 'GET' || host === undefined || LOOPBACK_HOST.test(host)) return next();
    res.redirect(308, `https://${host}${req.originalUrl}`);
  };
}
