/**
 * "Join from a phone": while waiting, the page shows the room's Network URL and its QR code
 * (rendered by the server as SVG, so no QR encoder ships in this bundle), so the person at the
 * laptop can hand the call to a phone without the terminal.
 */
import { byId } from './ui.js';

export async function showInvite(doc: Document, pagePath: string): Promise<void> {
  const panel = byId<HTMLElement>(doc, 'invite');
  let url: string | null = null;
  try {
    const response = await fetch(`${pagePath}/invite`, { cache: 'no-store' });
    if (response.ok) url = ((await response.json()) as { url: string | null }).url;
  } catch {
    return; // no invite is not worth a problem message: the call itself still works
  }
  if (!url) return;
  const link = byId<HTMLAnchorElement>(doc, 'invite-link');
  link.href = url;
  link.textContent = url;
  byId<HTMLImageElement>(doc, 'invite-qr').src = `${pagePath}/invite.svg`;
  // The certificate step only concerns other devices opening the https link.
  byId<HTMLElement>(doc, 'invite-certificate').hidden = !url.startsWith('https:');
  panel.hidden = false;
}
