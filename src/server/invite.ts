/**
 * The invite on the page: the Network URL of a room (what the terminal's QR code carries) as
 * JSON, and as a QR code image, so a person at the laptop can hand the call to a phone without
 * looking at the terminal. The QR is rendered here as SVG (uqr: small, no dependencies) and
 * not in the page, which keeps a QR encoder out of the page's JavaScript.
 */
import { Router } from 'express';
import { renderSVG } from 'uqr';
import { parse, RoomIdSchema } from '../shared/protocol.js';

export type InviteFor = (room: string) => string | undefined;

export function inviteRoutes(inviteFor: InviteFor): Router {
  const router = Router();
  router.get('/r/:room/invite', (req, res) => {
    const room = parse(RoomIdSchema, req.params.room);
    if (!room.ok) return void res.status(404).json({ error: room.message });
    res.set('Cache-Control', 'no-store').json({ url: inviteFor(room.value) ?? null });
  });
  router.get('/r/:room/invite.svg', (req, res) => {
    const room = parse(RoomIdSchema, req.params.room);
    const url = room.ok ? inviteFor(room.value) : undefined;
    if (url === undefined) return void res.status(404).type('text/plain').send('no network address to invite to');
    res.set('Cache-Control', 'no-store').type('image/svg+xml').send(renderInviteQr(url));
  });
  return router;
}

export function renderInviteQr(url: string): string {
  // ECC "M" survives a phone camera's glare on a laptop screen; border 4 is the quiet zone the QR spec asks for.
  return renderSVG(url, { ecc: 'M', border: 4, pixelSize: 8 });
}
