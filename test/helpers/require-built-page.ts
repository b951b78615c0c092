import { existsSync } from 'node:fs';
import { DEFAULT_WEB_ROOT } from '../../src/server/web-root.js';

/** The server serves the bundled page; testing a stale or missing bundle would prove nothing. */
export default function requireBuiltPage(): void {
  if (!existsSync(`${DEFAULT_WEB_ROOT}/index.html`)) {
    throw new Error(`the call page is not built (${DEFAULT_WEB_ROOT}); run "npm test", which builds first, or "npm run build"`);
  }
}
