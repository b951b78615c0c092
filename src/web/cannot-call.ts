/**
 * The page a browser that cannot call gets instead of the call: one sentence naming what is
 * missing and what to do, the link to copy into another browser (the https one when plain http
 * was the problem), and a join as a visitor, so the terminal shows which browser came and what
 * it lacked. No camera is asked for, no call control is shown, nobody calls it.
 */
import { CallEndedSchema, JoinReplySchema, parse, type CallRequirement } from '../shared/protocol.js';
import { whenValid } from './inbound.js';
import { fetchInviteUrl } from './invite.js';
import { t } from './i18n/index.js';
import { browserLanguage, connectToCallServer, roomOfPage } from './server-connection.js';
import { byId, createCallView } from './ui.js';

const JOIN_TIMEOUT_MS = 10_000;

export function showCannotCall(doc: Document, page: Location, missing: CallRequirement[]): void {
  const view = createCallView(doc);
  const text = t.cannotCall;
  view.setState('unsupported', text.status);
  byId(doc, 'cannot-call-headline').textContent = text.headline(missing);
  byId(doc, 'cannot-call-hint').textContent = text.inAppHint;
  const link = byId<HTMLInputElement>(doc, 'cannot-call-link');
  link.value = page.href;
  const copy = byId<HTMLButtonElement>(doc, 'copy-link');
  copy.textContent = text.copy;
  const copied = byId(doc, 'copy-result');
  copy.onclick = async () => {
    copied.textContent = (await copyText(doc, link)) ? text.copied : text.copyFailed;
  };
  byId(doc, 'cannot-call').hidden = false;
  if (missing.includes('secure-context')) void offerSecureLink(doc, page, link);
  joinAsVisitor(view, page, missing);
}

/** On plain http the way out is the https link; the server knows it when it serves https at all. */
async function offerSecureLink(doc: Document, page: Location, link: HTMLInputElement): Promise<void> {
  const invite = await fetchInviteUrl(page.pathname);
  const label = byId(doc, 'cannot-call-link-label');
  if (invite?.startsWith('https:')) {
    link.value = invite;
    label.textContent = t.cannotCall.httpsLink;
  } else {
    byId(doc, 'cannot-call-hint').textContent = t.cannotCall.noHttpsLink;
  }
}

/**
 * The Clipboard API exists only in secure contexts and may be refused without a fresh tap; the
 * selected field with execCommand('copy') is the fallback in-app browsers still honour.
 */
async function copyText(doc: Document, field: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch {
    field.select();
    try {
      return doc.execCommand('copy');
    } catch {
      return false;
    }
  }
}

function joinAsVisitor(view: ReturnType<typeof createCallView>, page: Location, missing: CallRequirement[]): void {
  const socket = connectToCallServer();
  const room = roomOfPage(page);
  socket.on('connect', async () => {
    try {
      const reply = parse(JoinReplySchema, await socket.timeout(JOIN_TIMEOUT_MS).emitWithAck('join', { room, unsupported: missing, language: browserLanguage() }));
      if (reply.ok && !reply.value.ok) view.showProblem(t.problem.rejected(reply.value.reason, reply.value.message, reply.value.retryAfterSeconds));
    } catch {
      // The terminal only misses a line; the page already says what to do.
    }
  });
  socket.on('ended', whenValid('ended', CallEndedSchema, ({ message }) => {
    socket.disconnect();
    view.showProblem(t.status.ended(message));
  }));
  addEventListener('pagehide', () => socket.disconnect());
}
