/**
 * Every string the chat, screen sharing and file panels show, in one object, so the page's
 * translation catalogues (issue 22) can take them over in one move.
 */
export const EXTRAS_TEXT = {
  chat: 'Chat',
  chatUnread: (count: number) => `Chat, ${count} unread`,
  closeChat: 'Close chat',
  message: 'Message',
  send: 'Send',
  you: 'You',
  laptop: 'Laptop',
  phone: 'Phone',
  nobodyToChat: 'Nobody is connected yet: the message was not sent.',
  messageTooLong: (maxKb: number) => `That message is too long to send (over ${maxKb} KB). Send it as a file instead.`,
} as const;
