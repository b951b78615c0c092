/**
 * The URLs block printed at start, with aligned labels as vite prints them.
 */
import type { ServerUrls } from '../server/network.js';

export function formatServerUrls(urls: ServerUrls): string[] {
  const lines = [
    ...urls.local.map((url) => `  ➜  Local:   ${url}`),
    ...urls.network.map((url) => `  ➜  Network: ${url}`),
  ];
  if (urls.network.length === 0) lines.push('  ➜  Network: none (no LAN address found, or bound to one host)');
  return lines;
}
