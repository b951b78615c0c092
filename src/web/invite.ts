/**
 * "Join from a phone": while waiting, the page shows the room's Network URL and its QR code
 * (rendered by the server as SVG, so no QR encoder ships in this bundle), so the person at the
 * laptop can hand the call to a phone without the terminal.
 */
import { byId } from './ui.js';

export async function showInvite(doc: Document, pagePath: string): Promise<void> {
  const panel = byId<HTMLElement>(doc, 'invite');
  // No invite is not worth a problem message: the call itself still works.
  const url = await fetchInviteUrl(pagePath);
  if (!url) return;
  const link = byId<HTMLAnchorElement>(doc, 'invite-link');
  link.href = url;
  link.textContent = url;
  byId<HTMLImageElement>(doc, 'invite-qr').src = `${pagePath}/invite.svg`;
  // The certificate step only concerns other devices opening the https link.
  byId<HTMLElement>(doc, 'invite-certificate').hidden = !url.startsWith('https:');
  panel.hidden = false;
}

/** The room's Network URL as the terminal's QR code carries it (https when the server has it), if any. */
export async function fetchInviteUrl(pagePath: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${pagePath}/invite`, { cache: 'no-store' });
    if (!response.ok) return undefined;
    const { url } = (await response.json()) as { url: unknown };
    return typeof url === 'string' ? url : undefined;
  } catch {
    return undefined;
  }
}
