/**
 * The URLs block printed at start, with aligned labels as vite prints them; the Network URL the
 * QR code carries is marked.
 */
import type { ServerUrls } from '../server/network.js';

export const QR_MARK = '← QR code';

export function formatServerUrls(urls: ServerUrls): string[] {
  const lines = [
    ...urls.local.map((url) => `  ➜  Local:   ${url}`),
    ...urls.network.map((url) => `  ➜  Network: ${url}${url === urls.invite ? `  ${QR_MARK}` : ''}`),
  ];
  if (urls.network.length === 0) {
    lines.push('  ➜  Network: none: other devices cannot reach this computer (no Wi-Fi/Ethernet address, or --host keeps it local; "webrtc-call doctor" says which)');
  }
  return lines;
}
