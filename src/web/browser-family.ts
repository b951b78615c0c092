/**
 * Which browser's menus the page describes (how to allow the camera); the rest get the generic
 * wording. The sentences themselves are in the catalogues (src/web/i18n).
 */
export type BrowserFamily = 'chrome' | 'firefox' | 'safari-ios' | 'safari' | 'other';

/** From the user agent: only to pick which menus to describe, never to decide what works. */
export function browserFamily(userAgent: string): BrowserFamily {
  if (/Firefox\/|FxiOS\//.test(userAgent)) return 'firefox';
  if (/Chrome\/|Chromium\/|CriOS\/|Edg\//.test(userAgent)) return 'chrome';
  // iPadOS asks for the desktop site with a Mac user agent; "Mobile/" still gives it away.
  if (/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && /Mobile\//.test(userAgent))) return 'safari-ios';
  if (/Safari\//.test(userAgent)) return 'safari';
  return 'other';
}
