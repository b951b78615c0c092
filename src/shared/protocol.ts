/**
 * The signaling protocol, shared by the server (src/server/signaling.ts) and the page
 * (src/web). Every inbound message is parsed with these schemas before it is trusted.
 */
import * as v from 'valibot';

/** socket.io's own cap on one message; oversized frames are dropped before any handler runs. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;
const PEER_ID = /^[A-Za-z0-9_-]{1,32}$/;

export const RoomIdSchema = v.pipe(
  v.string(),
  v.regex(ROOM_ID, 'a room name is 1-64 letters, digits, "-" or "_"'),
);
export const PeerIdSchema = v.pipe(v.string(), v.regex(PEER_ID, 'not a peer id'));

/**
 * What a browser needs to take part in a call. A page that lacks one joins as a visitor that
 * cannot call (`unsupported` in its join): the terminal learns which browser came and what it
 * lacked; the room does not count it and nobody calls it.
 */
export const CALL_REQUIREMENTS = ['secure-context', 'getUserMedia', 'RTCPeerConnection'] as const;
export type CallRequirement = (typeof CALL_REQUIREMENTS)[number];

/**
 * A short BCP 47 language tag ("pt-BR", "es-419", "zh-Hant-TW"): the visitor's browser language,
 * shown in the host's terminal. 35 characters is RFC 5646's advice for a tag worth supporting.
 */
export const LanguageTagSchema = v.pipe(
  v.string(),
  v.maxLength(35),
  v.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/, 'not a short BCP 47 language tag (e.g. "pt-BR")'),
);

export const JoinRequestSchema = v.object({
  room: RoomIdSchema,
  /** Private token from an earlier join by the same tab: a reload takes its old place back. */
  resumeToken: v.optional(v.pipe(v.string(), v.maxLength(64))),
  /** The call's PIN when `start --pin` set one; not needed to resume with a valid token. */
  pin: v.optional(v.pipe(v.string(), v.maxLength(64))),
  /**
   * True when this page still holds its peer connections (a reconnect after a network blip or a
   * server restart), so the others keep theirs instead of starting over as after a reload.
   */
  keepConnections: v.optional(v.boolean()),
  /**
   * This page will probe once whether its UDP reaches the server, if the reply names a STUN
   * address for it (`udpProbe`): the diagnosis then tells "UDP blocked" from "every check failed".
   */
  udpProbe: v.optional(v.literal(true)),
  /** Set by a page that cannot call: what it lacks. It joins as a visitor (see CALL_REQUIREMENTS). */
  unsupported: v.optional(
    v.pipe(v.array(v.picklist(CALL_REQUIREMENTS)), v.minLength(1), v.maxLength(CALL_REQUIREMENTS.length)),
  ),
  /** The browser's preferred language (navigator.languages[0]), for the terminal's join line. */
  language: v.optional(LanguageTagSchema),
});

export const DESCRIPTION_TYPES = ['offer', 'answer', 'pranswer', 'rollback'] as const;

const SessionDescriptionSchema = v.object({
  type: v.picklist(DESCRIPTION_TYPES),
  // An SDP for audio and video with many codecs is a few kilobytes; leave room for simulcast.
  sdp: v.pipe(v.string(), v.maxLength(60_000)),
});

const IceCandidateSchema = v.object({
  candidate: v.pipe(v.string(), v.maxLength(1024)),
  sdpMid: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64)))),
  sdpMLineIndex: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0)))),
  usernameFragment: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(256)))),
});

export const SignalSchema = v.variant('kind', [
  v.object({ kind: v.literal('description'), description: SessionDescriptionSchema }),
  // candidate null is "end of candidates"
  v.object({ kind: v.literal('candidate'), candidate: v.nullable(IceCandidateSchema) }),
]);

export const OutboundSignalSchema = v.object({ to: PeerIdSchema, signal: SignalSchema });

// --- ICE servers (STUN/TURN) the pages use, as RTCIceServer. The server reads them from
// `start --ice-server`, WEBRTC_CALL_ICE_SERVERS or the API and hands them to each page in its join
// reply, with TURN credentials minted for that peer (src/server/ice-servers.ts).

/**
 * RFC 7064 / 7065 URLs, as browsers accept them: `stun:host[:port]`, `turn:` or `turns:`
 * `host[:port][?transport=udp|tcp]`; host a name, an IPv4 address or an [IPv6] one.
 */
export const ICE_SERVER_URL = /^(stun|turns?):(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(\?transport=(udp|tcp))?$/;

export const IceServerUrlSchema = v.pipe(
  v.string(),
  v.maxLength(256),
  v.regex(ICE_SERVER_URL, 'not a STUN/TURN URL: use stun:HOST[:PORT], turn:HOST[:PORT][?transport=udp|tcp] or turns:…'),
  v.check((url) => !url.startsWith('stun:') || !url.includes('?'), 'a stun: URL takes no ?transport='),
  v.check((url) => {
    const port = ICE_SERVER_URL.exec(url)?.[3];
    return port === undefined || (Number(port.slice(1)) >= 1 && Number(port.slice(1)) <= 65535);
  }, 'the port must be 1-65535'),
);

export const IceServerSchema = v.object({
  urls: v.union([IceServerUrlSchema, v.pipe(v.array(IceServerUrlSchema), v.minLength(1), v.maxLength(8))]),
  username: v.optional(v.pipe(v.string(), v.maxLength(512))),
  credential: v.optional(v.pipe(v.string(), v.maxLength(512))),
});

export const IceServersSchema = v.pipe(v.array(IceServerSchema), v.maxLength(8));

/** `all`: every candidate (the LAN first); `relay`: only the TURN relay's (start --relay-only). */
export const ICE_TRANSPORT_POLICIES = ['all', 'relay'] as const;

// --- Connection reports: the page tells the server how its connection to each peer is doing,
// so the terminal can show it. Every field is bounded: a report is a few hundred bytes.
export const CONNECTION_STATES = ['new', 'connecting', 'connected', 'disconnected', 'failed', 'closed'] as const;
export const ICE_STATES = ['new', 'checking', 'connected', 'completed', 'disconnected', 'failed', 'closed'] as const;
const CANDIDATE_TYPES = ['host', 'srflx', 'prflx', 'relay'] as const;

const Kbps = v.pipe(v.number(), v.minValue(0), v.maxValue(10_000_000));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
const ShortText = v.pipe(v.string(), v.maxLength(64));

/** The longest chat message a page sends (UTF-8 bytes): a long paste, far below a data channel's message limit. */
export const MAX_CHAT_BYTES = 16 * 1024;
/** Larger files are refused (500 MB as the page shows sizes, decimal): the receiving page holds a whole file in memory until it is saved. */
export const MAX_FILE_BYTES = 500 * 1000 * 1000;
/**
 * The oldest a held state report may be when sent (ageMs): a page away from the server longer
 * than its grace period joins afresh, and its held reports about the old call are dropped.
 */
export const MAX_REPORT_AGE_MS = 120_000;
export const FILE_OUTCOMES = ['verified', 'failed', 'cancelled'] as const;

const CandidateEndSchema = v.object({
  type: v.picklist(CANDIDATE_TYPES),
  protocol: v.picklist(['udp', 'tcp']),
  /** IP or mDNS name; absent when the browser hides it. */
  address: v.optional(v.pipe(v.string(), v.maxLength(256))),
  port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535))),
  /** TURN: how the browser reaches the relay (udp/tcp/tls). */
  relayProtocol: v.optional(ShortText),
  /** srflx/relay: the STUN/TURN server it came from ("turn:192.168.1.20:3478?transport=udp"). */
  url: v.optional(v.pipe(v.string(), v.maxLength(256))),
});

const MediaStatsSchema = v.object({
  /** Bitrates over the last interval. */
  inKbps: Kbps,
  outKbps: Kbps,
  /** Codec of what we receive / send ("opus", "VP8"); absent before media flows. */
  codecIn: v.optional(ShortText),
  codecOut: v.optional(ShortText),
  /** Cumulative since the connection started, as getStats() counts them. */
  packetsReceived: Count,
  packetsLost: Count,
});

const VideoStatsSchema = v.object({
  ...MediaStatsSchema.entries,
  /** The video we receive. */
  width: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(16_384))),
  height: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(16_384))),
  fps: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1_000))),
});

export const CallStatsSchema = v.object({
  /** The selected candidate pair: which path the call took. */
  path: v.optional(
    v.object({
      local: CandidateEndSchema,
      remote: CandidateEndSchema,
      rttMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(600_000))),
    }),
  ),
  audio: MediaStatsSchema,
  video: VideoStatsSchema,
});

export const PeerReportSchema = v.variant('kind', [
  v.object({
    kind: v.literal('state'),
    /** The other peer this connection goes to. */
    about: PeerIdSchema,
    connection: v.picklist(CONNECTION_STATES),
    ice: v.picklist(ICE_STATES),
    /**
     * How long ago the change happened, for a report the page held while it was away from the
     * server (its Wi-Fi dropped): sent again once it is back, so the log keeps the drop.
     */
    ageMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_REPORT_AGE_MS))),
  }),
  v.object({ kind: v.literal('stats'), about: PeerIdSchema, stats: CallStatsSchema }),
  /**
   * A chat message went to `about` over the data channel: its size, and its text only when the
   * join reply said the host logs content (`logContent`, `start --verbose`).
   */
  v.object({
    kind: v.literal('chat'),
    about: PeerIdSchema,
    bytes: v.pipe(Count, v.maxValue(MAX_CHAT_BYTES)),
    text: v.optional(v.pipe(v.string(), v.maxLength(MAX_CHAT_BYTES))),
  }),
  /** This page started (on) or stopped sending its screen instead of its camera to `about`. */
  v.object({ kind: v.literal('screen-share'), about: PeerIdSchema, on: v.boolean() }),
  /**
   * The receiving page's account of a file that `about` sent it over their data channel: size,
   * duration, and whether it arrived with the right SHA-256 (`verified`), failed that check, or
   * was cancelled by either side. The name only when the host logs content (`logContent`).
   */
  v.object({
    kind: v.literal('file'),
    about: PeerIdSchema,
    bytes: v.pipe(Count, v.maxValue(MAX_FILE_BYTES)),
    ms: v.pipe(v.number(), v.minValue(0), v.maxValue(86_400_000)),
    outcome: v.picklist(FILE_OUTCOMES),
    name: v.optional(v.pipe(v.string(), v.maxLength(255))),
  }),
]);

/** How often the page sends a stats report once connected. */
export const STATS_INTERVAL_MS = 2_000;

// --- What the server sends. The page parses it too before trusting it: a page must not throw on
// a malformed message, whoever sent it.

/** Why the server refused a join or a message; the page and the terminal tell them apart. */
export const REJECT_REASONS = [
  'room-full',
  'unknown-room',
  'invalid-message',
  'not-joined',
  'unknown-peer',
  'pin-required',
  'wrong-pin',
  'too-many-attempts',
  'rate-limited',
  'unknown-event',
  'forbidden-origin',
  'too-many-connections',
  'peer-away',
] as const;

const MessageTextSchema = v.pipe(v.string(), v.maxLength(1000));
export const PeerInfoSchema = v.object({ peerId: PeerIdSchema });
export const InboundSignalSchema = v.object({ from: PeerIdSchema, signal: SignalSchema });
export const RejectionSchema = v.object({
  reason: v.picklist(REJECT_REASONS),
  /** English, for the terminal and English pages; other pages word it from `reason`. */
  message: MessageTextSchema,
  /** too-many-attempts: seconds until a PIN is accepted again from this device. */
  retryAfterSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400))),
});
/** Sent to every page when the host stops `start` (Ctrl+C): the call is over, do not reconnect. */
export const CallEndedSchema = v.object({ message: MessageTextSchema });
export const JoinReplySchema = v.variant('ok', [
  v.object({
    ok: v.literal(true),
    room: RoomIdSchema,
    peerId: PeerIdSchema,
    resumeToken: v.pipe(v.string(), v.maxLength(64)),
    /** True when this join took back a place whose connections the others kept (keepConnections). */
    resumed: v.optional(v.boolean()),
    /** Peers already in the room. The newcomer offers to each; they answer (they are polite). */
    peers: v.pipe(v.array(PeerInfoSchema), v.maxLength(64)),
    /**
     * The RTCPeerConnection configuration for this page: STUN/TURN servers, TURN credentials
     * minted for this peer. Absent on a plain LAN call (host candidates only).
     */
    iceServers: v.optional(IceServersSchema),
    iceTransportPolicy: v.optional(v.picklist(ICE_TRANSPORT_POLICIES)),
    /**
     * The server's own STUN address, as this page reached it (LAN or loopback), for the UDP probe
     * only: never used for the call's connections.
     */
    udpProbe: v.optional(IceServerUrlSchema),
    /**
     * The host logs chat text and file names (`start --verbose`): only then does a page put
     * them in its reports. Absent: the server hears sizes only.
     */
    logContent: v.optional(v.boolean()),
  }),
  v.object({ ok: v.literal(false), ...RejectionSchema.entries }),
]);

/**
 * Why a connection between two peers did not connect (src/server/diagnosis.ts): stable codes,
 * shown in the terminal, `--json` and on both pages.
 */
export const DIAGNOSIS_CAUSES = [
  /** One side gathered no ICE candidate at all. */
  'no-candidates',
  /** No candidate of one side is on a network the other can reach (different subnets, mobile data). */
  'no-shared-network',
  /** Candidates could pair, but every connectivity check failed (firewall, Wi-Fi client isolation). */
  'checks-failed',
  /** A side offered only TCP candidates: UDP is unusable there. */
  'udp-blocked',
  /** A side offered only mDNS (.local) names, which the other could not resolve. */
  'mdns-unresolved',
  /** A TURN server is configured but a side got no relay candidate from it. */
  'turn-no-relay',
  /** Both sides got a relay candidate from the configured TURN server, yet nothing connected through it. */
  'relay-failed',
] as const;

/** The connection to `about` did not connect: its most likely cause, in plain words. */
export const DiagnosisNoticeSchema = v.object({
  /** The peer this page could not connect to. */
  about: PeerIdSchema,
  cause: v.picklist(DIAGNOSIS_CAUSES),
  message: MessageTextSchema,
});

export type JoinRequest = v.InferOutput<typeof JoinRequestSchema>;
export type Signal = v.InferOutput<typeof SignalSchema>;
export type OutboundSignal = v.InferOutput<typeof OutboundSignalSchema>;
export type SessionDescription = v.InferOutput<typeof SessionDescriptionSchema>;
export type IceCandidate = v.InferOutput<typeof IceCandidateSchema>;
export type PeerReport = v.InferOutput<typeof PeerReportSchema>;
export type CallStats = v.InferOutput<typeof CallStatsSchema>;
export type MediaStats = v.InferOutput<typeof MediaStatsSchema>;
export type CandidateEnd = v.InferOutput<typeof CandidateEndSchema>;
export type FileOutcome = (typeof FILE_OUTCOMES)[number];
export type ConnectionState = (typeof CONNECTION_STATES)[number];
export type IceState = (typeof ICE_STATES)[number];
export type DescriptionType = (typeof DESCRIPTION_TYPES)[number];
export type RejectReason = (typeof REJECT_REASONS)[number];
export type Rejection = v.InferOutput<typeof RejectionSchema>;
export type PeerInfo = v.InferOutput<typeof PeerInfoSchema>;
export type InboundSignal = v.InferOutput<typeof InboundSignalSchema>;
export type CallEnded = v.InferOutput<typeof CallEndedSchema>;
export type JoinReply = v.InferOutput<typeof JoinReplySchema>;
export type IceServer = v.InferOutput<typeof IceServerSchema>;
export type IceTransportPolicy = (typeof ICE_TRANSPORT_POLICIES)[number];
export type DiagnosisCause = (typeof DIAGNOSIS_CAUSES)[number];
export type DiagnosisNotice = v.InferOutput<typeof DiagnosisNoticeSchema>;

/** socket.io's typed events, built from the types above (Server<ClientToServerEvents, ServerToClientEvents>). */
export interface ClientToServerEvents {
  join: (request: JoinRequest, reply: (reply: JoinReply) => void) => void;
  signal: (message: OutboundSignal) => void;
  /**
   * Connection state and stats of the page's connection to one peer; shown in the terminal.
   * The server calls `received` (when given) once it has read the report.
   */
  report: (report: PeerReport, received?: () => void) => void;
}

export interface ServerToClientEvents {
  'peer-joined': (peer: PeerInfo) => void;
  'peer-left': (peer: PeerInfo) => void;
  /** The peer lost its connection to the server; its place is kept for a short grace period. */
  'peer-reconnecting': (peer: PeerInfo) => void;
  /** The peer came back within the grace period, with its connections kept. */
  'peer-reconnected': (peer: PeerInfo) => void;
  ended: (info: CallEnded) => void;
  signal: (message: InboundSignal) => void;
  /** A message the server refused; the connection stays open. */
  rejected: (rejection: Rejection) => void;
  /** The connection to `about` did not connect: the most likely cause, in plain words. */
  diagnosis: (notice: DiagnosisNotice) => void;
}

/** Parse untrusted input; the error text names the first problem so it can be logged and shown. */
export function parse<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): { ok: true; value: v.InferOutput<S> } | { ok: false; message: string } {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.');
  return { ok: false, message: path ? `${path}: ${issue.message}` : issue.message };
}

/** Room ids and the page route live here so the server and the page build the same URL. */
export const roomPath = (room: string): string => `/r/${encodeURIComponent(room)}`;
