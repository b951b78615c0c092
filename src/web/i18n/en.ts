/**
 * English: the page's reference catalogue. Its shape is the type every other catalogue must
 * match exactly (Catalogue), so a sentence added here is missing elsewhere until translated.
 * Where the server sends English text with a code (rejections, diagnoses, the end of the call),
 * English shows the server's own words, which carry details (names, networks, seconds) a
 * translation keyed by the code leaves out.
 */
import type { CallRequirement, DiagnosisCause, RejectReason } from '../../shared/protocol.js';
import type { BrowserFamily } from '../browser-family.js';
import { formatters } from './format.js';

const f = formatters('en');

/** A sentence with emphasised parts (the certificate hint's button names). */
export type RichText = ReadonlyArray<string | { strong: string }>;

export const en = {
  page: {
    title: 'Video call · webrtc-call',
    peopleLabel: 'People in the call',
    yourCamera: 'Your camera',
    remoteCamera: 'Remote camera',
    /** On the tile of someone who sends no video (camera refused, missing or busy on their side). */
    remoteNoCamera: 'No camera',
    tapToHear: 'Tap to hear the call',
  },
  status: {
    starting: 'Starting…',
    waiting: 'Waiting for someone to join…',
    someoneJoining: 'Someone is joining…',
    connecting: 'Connecting…',
    /** `people` counts everyone, you included. */
    inCall: (people: number): string => `In the call · ${f.plural(people, { one: '# person', other: '# people' })}`,
    interrupted: 'The connection is interrupted, waiting for it to come back…',
    failedRetrying: 'The connection failed, trying again…',
    peerReconnecting: 'The other person is reconnecting…',
    serverUnreachable: 'Cannot reach the call server, retrying…',
    serverLost: 'Lost the server, reconnecting…',
    youLeft: 'You left the call. Reload the page to join again.',
    full: 'This call is full. Ask to be let in, then reload.',
    ended: (serverMessage: string): string => `${capitalize(serverMessage)}.`,
  },
  problem: {
    unreachableHttps:
      'Cannot reach the call server. If your browser warned about this site\'s certificate, open the link again, accept the certificate ("Advanced" → "Proceed", or "Show Details" → "visit this website"), then reload.',
    unreachableHttp: 'Cannot reach the call server. Is "webrtc-call start" still running on the computer, and are you on the same Wi-Fi?',
    noAnswer: 'The server did not answer. Is "webrtc-call start" still running?',
    unreadableReply: (detail: string): string => `The server sent a reply this page does not understand (${detail}).`,
    negotiationFailed: (detail: string): string => `Negotiation failed: ${detail}`,
    offerFailed: (detail: string): string => `Could not make an offer: ${detail}`,
    sendCameraFailed: (detail: string): string => `Could not send the camera: ${detail}`,
    switchCameraFailed: (detail: string): string => `Could not switch the camera (${detail}).`,
    /** A join or a message the server refused. */
    rejected: (_reason: RejectReason, serverMessage: string, _retryAfterSeconds?: number): string => capitalize(serverMessage),
    /** Why the connection to the other device did not connect (src/server/diagnosis.ts). */
    diagnosis: (_cause: DiagnosisCause, serverMessage: string): string => serverMessage,
  },
  camera: {
    denied: (browser: BrowserFamily): string =>
      `Camera and microphone access was blocked. ${
        {
          chrome: 'To allow it, click the icon at the left of the address bar (or the blocked-camera icon at its right), set Camera and Microphone to Allow, then reload.',
          firefox: 'To allow it, click the crossed-out camera icon at the left of the address bar, remove the "Blocked" permissions, then reload.',
          'safari-ios': 'To allow it, tap "aA" in the address bar, then Website Settings, set Camera and Microphone to Allow, then reload.',
          safari: 'To allow it, open Safari → Settings for This Website, set Camera and Microphone to Allow, then reload.',
          other: "Allow the camera and microphone for this site in the browser's settings, then reload.",
        }[browser]
      }`,
    notFound: 'No camera or microphone was found. Connect one and reload to be seen and heard.',
    busy: 'The camera or microphone is in use by another app (or blocked by the system). Close that app, then reload.',
    failed: (name: string): string => `The camera could not start (${name}).`,
    audioOnly: 'Joining with audio only.',
    receiveOnly: 'You can still see and hear the others.',
  },
  /** A browser that cannot call (cannot-call.ts). */
  cannotCall: {
    label: 'This browser cannot call',
    status: "Can't call from this browser",
    /** The one sentence: what is missing, and what to do. */
    headline: (missing: readonly CallRequirement[]): string =>
      missing.includes('secure-context')
        ? "This page was opened over plain http://, so the browser gives it no camera: it can't make calls. Open the secure https:// link instead."
        : `This browser can't make calls: it has no ${missing.map((m) => REQUIREMENTS[m]).join(' and no ')}. Open the link in Safari, Chrome or Firefox.`,
    inAppHint: 'If a scanner or chat app opened this page in its own browser, use its menu ("Open in browser", "Open in Safari") or copy the link.',
    httpsLink: 'The secure link:',
    noHttpsLink: 'This call runs without https (started with --no-https). Ask whoever started it to start it again without that flag, then open the https:// link it prints.',
    copy: 'Copy link',
    copied: 'Link copied. Paste it into Safari, Chrome or Firefox.',
    copyFailed: 'Could not copy: press and hold the link above, then choose "Copy".',
  },
  controls: {
    label: 'Call controls',
    mute: 'Mute',
    unmute: 'Unmute',
    cameraOff: 'Camera off',
    cameraOn: 'Camera on',
    switchCamera: 'Switch camera',
    hangUp: 'Hang up',
  },
  chat: {
    title: 'Chat',
    /** The Chat button's name while messages wait unread (the badge shows the number). */
    unread: (count: number): string => `Chat, ${f.plural(count, { other: '# unread' })}`,
    close: 'Close chat',
    message: 'Message',
    send: 'Send',
    /** Who wrote a message: this page itself. */
    you: 'You',
    /** This page's name in the others' chat: its kind of device, then a few letters of its id. */
    laptop: 'Laptop',
    phone: 'Phone',
    nobodyToChat: 'Nobody is connected yet: the message was not sent.',
    tooLong: (maxBytes: number): string => `That message is too long to send (over ${f.size(maxBytes)}). Send it as a file instead.`,
  },
  screen: {
    share: 'Share screen',
    stop: 'Stop sharing',
    failed: (reason: string): string => `Could not share the screen (${reason}). Try again, or pick a window instead.`,
    /** The label of a tile that shows someone's shared screen (whole, not cropped). */
    remoteScreen: 'Remote screen',
  },
  files: {
    send: 'Send file',
    transfersLabel: 'File transfers',
    cancel: 'Cancel',
    sending: (name: string, bytes: number): string => `Sending ${name} (${f.size(bytes)})`,
    receiving: (name: string, bytes: number, from: string): string => `Receiving ${name} (${f.size(bytes)}) from ${from}`,
    /** The link that downloads a received file that passed its SHA-256 check. */
    save: (name: string, bytes: number): string => `Save ${name}, ${f.size(bytes)}`,
    /** How a transfer ended: on the sender "verified" means the receiver checked it. */
    verified: 'Sent, checked',
    failed: 'Failed its check: not saved',
    cancelled: 'Cancelled',
    tooLarge: (name: string, bytes: number, maxBytes: number): string => `${name} is ${f.size(bytes)}: files over ${f.size(maxBytes)} cannot be sent. Send a smaller file.`,
    nobody: 'Nobody is connected yet: wait for someone to join, then send the file.',
  },
  pin: {
    label: 'This call needs a PIN',
    join: 'Join',
  },
  invite: {
    label: 'Invite a phone',
    title: 'Join from a phone',
    scan: 'On the same Wi-Fi, scan this code or open:',
    qrAlt: 'QR code of the invite link',
    certificate: [
      'The phone warns once that the connection is not private: the certificate was made by this computer. Tap ',
      { strong: 'Advanced → Proceed' },
      ' (Android) or ',
      { strong: 'Show Details → visit this website' },
      ' (iPhone).',
    ] as RichText,
  },
};

export type Catalogue = typeof en;

const REQUIREMENTS: Record<CallRequirement, string> = {
  'secure-context': 'secure connection',
  getUserMedia: 'camera access (getUserMedia)',
  RTCPeerConnection: 'WebRTC (RTCPeerConnection)',
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
