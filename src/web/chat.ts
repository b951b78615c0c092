/**
 * The chat panel: messages go to everyone in the call over each connection's `chat` data
 * channel (channels.ts), never through the server; the server only hears that a message of so
 * many bytes went from one peer to another (the `chat` report), for the terminal.
 */
import * as v from 'valibot';
import { MAX_CHAT_BYTES, type PeerReport } from '../shared/protocol.js';
import { parseMessage, type PeerChannels } from './channels.js';
import { language, t } from './i18n/index.js';
import { renderText } from './linkify.js';
import { byId } from './ui.js';

/** One message on the wire, JSON over the data channel; parsed like any input from outside. */
const ChatMessageSchema = v.object({
  name: v.pipe(v.string(), v.maxLength(64)),
  sentAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_CHAT_BYTES)),
});
type ChatMessage = v.InferOutput<typeof ChatMessageSchema>;

export interface ChatOptions {
  /** This page's name as the others see it. */
  name: () => string;
  report: (report: PeerReport) => void;
}

export interface Chat {
  attach(peerId: string, channels: PeerChannels): void;
  detach(peerId: string): void;
}

export function createChat(doc: Document, options: ChatOptions): Chat {
  const toggle = byId<HTMLButtonElement>(doc, 'chat-toggle');
  const unread = byId<HTMLElement>(doc, 'chat-unread');
  const panel = byId<HTMLElement>(doc, 'chat');
  const close = byId<HTMLButtonElement>(doc, 'chat-close');
  const list = byId<HTMLOListElement>(doc, 'chat-messages');
  const form = byId<HTMLFormElement>(doc, 'chat-form');
  const input = byId<HTMLInputElement>(doc, 'chat-input');
  const notice = byId<HTMLElement>(doc, 'chat-notice');
  const channels = new Map<string, RTCDataChannel>();
  let unreadCount = 0;

  const setUnread = (count: number) => {
    unreadCount = count;
    unread.textContent = count > 0 ? String(count) : '';
    unread.hidden = count === 0;
    toggle.setAttribute('aria-label', count > 0 ? t.chat.unread(count) : t.chat.title);
  };
  const setOpen = (open: boolean) => {
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) {
      setUnread(0);
      input.focus();
    }
  };
  const show = (from: string, message: ChatMessage) => {
    const item = doc.createElement('li');
    const who = doc.createElement('span');
    who.className = 'chat-from';
    who.textContent = from;
    const time = doc.createElement('time');
    time.dateTime = new Date(message.sentAt).toISOString();
    time.textContent = new Date(message.sentAt).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });
    const text = doc.createElement('p');
    text.className = 'chat-text';
    text.append(...renderText(doc, message.text));
    item.append(who, ' ', time, text);
    list.append(item);
    item.scrollIntoView({ block: 'end' });
  };

  toggle.onclick = () => setOpen(panel.hidden);
  close.onclick = () => setOpen(false);
  form.onsubmit = (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    const bytes = new TextEncoder().encode(text).length;
    if (bytes > MAX_CHAT_BYTES) return say(t.chat.tooLong(MAX_CHAT_BYTES));
    const open = [...channels].filter(([, channel]) => channel.readyState === 'open');
    if (open.length === 0) return say(t.chat.nobodyToChat);
    const message: ChatMessage = { name: options.name(), sentAt: Date.now(), text };
    const wire = JSON.stringify(message);
    for (const [peerId, channel] of open) {
      channel.send(wire);
      options.report({ kind: 'chat', about: peerId, bytes, text });
    }
    say('');
    input.value = '';
    show(t.chat.you, message);
  };
  const say = (text: string) => {
    notice.textContent = text;
    notice.hidden = text === '';
  };

  return {
    attach(peerId, { chat }) {
      channels.set(peerId, chat);
      chat.onmessage = ({ data }) => {
        const message = parseMessage(ChatMessageSchema, data);
        if (!message) return;
        show(message.name, message);
        if (panel.hidden) setUnread(unreadCount + 1);
      };
    },
    detach(peerId) {
      channels.delete(peerId);
    },
  };
}

/** How this page introduces itself in the chat: its kind of device and a few letters of its peer id. */
export function chatName(userAgent: string, peerId: string): string {
  const device = /Mobi|Android|iPhone|iPad/.test(userAgent) ? t.chat.phone : t.chat.laptop;
  return `${device} ${peerId.slice(0, 4)}`;
}
