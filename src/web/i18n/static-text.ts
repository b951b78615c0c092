/**
 * index.html carries no words of its own: its text, labels and the document's language are put
 * in here, from the chosen catalogue, before anything else runs.
 */
import type { Catalogue, RichText } from './en.js';
import type { Language } from './languages.js';
import { byId } from '../ui.js';

export function applyStaticText(doc: Document, language: Language, t: Catalogue): void {
  doc.documentElement.lang = language;
  doc.title = t.page.title;
  const text = (id: string, value: string) => byId(doc, id).replaceChildren(value);
  const attribute = (id: string, name: 'aria-label' | 'alt', value: string) => byId(doc, id).setAttribute(name, value);
  attribute('remotes', 'aria-label', t.page.peopleLabel);
  attribute('local', 'aria-label', t.page.yourCamera);
  attribute('invite', 'aria-label', t.invite.label);
  text('invite-title', t.invite.title);
  text('invite-scan', t.invite.scan);
  attribute('invite-qr', 'alt', t.invite.qrAlt);
  byId(doc, 'invite-certificate').replaceChildren(...rich(doc, t.invite.certificate));
  text('status', t.status.starting);
  attribute('cannot-call', 'aria-label', t.cannotCall.label);
  text('pin-label', t.pin.label);
  text('pin-join', t.pin.join);
  text('unmute', t.page.tapToHear);
  attribute('controls', 'aria-label', t.controls.label);
  text('mic', t.controls.mute);
  text('camera', t.controls.cameraOff);
  text('switch-camera', t.controls.switchCamera);
  text('hang-up', t.controls.hangUp);
  text('share-screen', t.screen.share);
  text('send-file', t.files.send);
  attribute('transfers', 'aria-label', t.files.transfersLabel);
  // The Chat button keeps its unread badge beside the word; chat.ts renames it while messages wait.
  text('chat-toggle-label', t.chat.title);
  attribute('chat-toggle', 'aria-label', t.chat.title);
  attribute('chat', 'aria-label', t.chat.title);
  text('chat-title', t.chat.title);
  text('chat-close', t.chat.close);
  text('chat-input-label', t.chat.message);
  text('chat-send', t.chat.send);
}

/** Text nodes and <b> elements: the catalogue's text is never parsed as HTML. */
export function rich(doc: Document, parts: RichText): Node[] {
  return parts.map((part) => {
    if (typeof part === 'string') return doc.createTextNode(part);
    const strong = doc.createElement('b');
    strong.textContent = part.strong;
    return strong;
  });
}
