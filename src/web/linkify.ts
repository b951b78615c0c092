/**
 * Chat text as DOM nodes: plain text stays text (textContent, never parsed as HTML), and only
 * http(s) addresses become links, opened without giving the new page a handle on this one.
 */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/gi;
// A sentence's closing punctuation belongs to the sentence, not to the address.
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const raw = match[0].replace(TRAILING_PUNCTUATION, '');
    const href = safeHref(raw);
    if (!href) continue;
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    parts.push({ kind: 'link', text: raw, href });
    last = match.index + raw.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

export function renderText(doc: Document, text: string): Node[] {
  return splitLinks(text).map((part) => {
    if (part.kind === 'text') return doc.createTextNode(part.text);
    const link = doc.createElement('a');
    link.href = part.href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.textContent = part.text;
    return link;
  });
}

function safeHref(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
