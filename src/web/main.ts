/**
 * The call page: camera → join the room → one PeerLink per other person. Runs only in a
 * browser that can call (entry.ts checks first).
 */
import {
  CallEndedSchema,
  DiagnosisNoticeSchema,
  InboundSignalSchema,
  JoinReplySchema,
  parse,
  PeerInfoSchema,
  RejectionSchema,
  type JoinReply,
  type PeerReport,
  type Signal,
} from '../shared/protocol.js';
import { LAN_ONLY, PeerLink, type IceConfiguration, type LocalMedia, type RemoteMediaListener } from './call.js';
import { chatName, createChat } from './chat.js';
import { createFilesPanel } from './files-panel.js';
import { createScreenShare } from './screen-share.js';
import { createControls } from './controls.js';
import { t } from './i18n/index.js';
import { whenValid } from './inbound.js';
import { showInvite } from './invite.js';
import { getLocalMedia, serverUnreachableProblem } from './media.js';
import { capVideoSenders } from './mesh-send-caps.js';
import { askForPin } from './pin-prompt.js';
import { prepareOffer, type PreparedOffer } from './prepared-offer.js';
import { reportConnection } from './reporter.js';
import { createReportOutbox } from './report-outbox.js';
import { probeUdp } from './udp-probe.js';
import { browserLanguage, connectToCallServer, roomOfPage, type CallSocket } from './server-connection.js';
import { createCallView } from './ui.js';

const JOIN_TIMEOUT_MS = 10_000;
const view = createCallView(document);
const room = roomOfPage(location);
const tokenKey = `webrtc-call:${room}`;
const links = new Map<string, PeerLink>();
let localMedia: LocalMedia = 'starting';
/** Joined on the current socket: signals sent before (re)joining would be refused, so none are. */
let joined = false;
/** Kept in memory only, so a reconnect to a restarted server can join again without asking. */
let pin: string | undefined;
let inviteShown: Promise<void> | undefined;
/** Until the first join reply: the offer for whoever is already in the room, made meanwhile. */
let preparedOffer: PreparedOffer | undefined;
/**
 * The join reply's STUN/TURN configuration. The offer prepared before the reply has none: with
 * ICE servers it is dropped and the first offer is made with them (TURN credentials are minted
 * per join, so they cannot be known earlier).
 */
let ice: IceConfiguration = LAN_ONLY;
/** Refused, hung up or ended: the camera is off and no control is shown, whenever it answers. */
let left = false;
/** This page asked to probe whether its UDP reaches the server (udp-probe.ts); once is enough. */
let udpProbed = false;
/** Our peer id in the room, from the join reply: part of our name in the chat. */
let selfPeerId = '';
/** The host asked for chat text and file names in reports (`start --verbose`): join reply. */
let logContent = false;
const stateReports = createReportOutbox((report, received) => socket.emit('report', report, received));

const controls = createControls(document, {
  senders: () => allLinks().flatMap((link) => link.pc.getSenders()),
  hangUp: () => {
    for (const peerId of [...links.keys()]) closeLink(peerId);
    leave('ended', t.status.youLeft);
  },
  showProblem: (text) => view.showProblem(text),
});

const chat = createChat(document, {
  name: ownName,
  report: sendReport,
});

/** The peers a file is moving to or from now: their video gives way meanwhile (mesh-send-caps.ts). */
const movingFiles = new Set<string>();
const files = createFilesPanel(document, {
  name: ownName,
  report: sendReport,
  showProblem: (text) => view.showProblem(text),
  moving: (peerId, on) => {
    if (on) movingFiles.add(peerId);
    else movingFiles.delete(peerId);
    capMeshSenders();
  },
});
const screenShare = createScreenShare(document, {
  videoSenders: () => allLinks().flatMap((link) => link.pc.getTransceivers().filter((t) => t.receiver.track.kind === 'video').map((t) => t.sender)),
  stream: () => (localMedia instanceof MediaStream ? localMedia : undefined),
  report: (on) => {
    for (const peerId of links.keys()) sendReport({ kind: 'screen-share', about: peerId, on });
  },
  showRemoteScreen: (peerId, on) => view.showRemoteScreen(peerId, on),
  showProblem: (text) => view.showProblem(text),
});

// Start the camera and the connection at once, and join without waiting for the camera: the
// call is negotiated while the camera starts and its tracks join the connection when ready.
const socket: CallSocket = connectToCallServer();
const media = getLocalMedia().then((result) => {
  // The camera answered after the page was refused: leave() stops it, nothing is shown.
  if (left) return result.stream;
  view.showLocal(result.stream);
  if (result.problem) view.showProblem(result.problem);
  // Without a camera the call goes on receive-only; the links stop offering to send what is missing.
  localMedia = result.stream ?? 'none';
  for (const link of allLinks()) link.useLocalMedia(localMedia);
  capMeshSenders();
  controls.setStream(result.stream);
  return result.stream;
});

// Impolite, as the newcomer who offers; a page that finds the room empty drops it.
preparedOffer = prepareOffer((send, onRemoteStream) => createLink(false, send, onRemoteStream), {
  send: sendSignal,
  showRemote: (peerId, stream, sendsVideo) => view.showRemote(peerId, stream, sendsVideo),
});

let unreachable = false;
/** The problem line shows the server's diagnosis of a connection that did not connect. */
let diagnosisShown = false;
socket.on('connect', () => {
  if (unreachable) view.clearProblem();
  unreachable = false;
  void join();
});
// socket.io keeps retrying by itself; say so instead of sitting on "Starting…".
socket.on('connect_error', () => {
  unreachable = true;
  view.setState('connecting', t.status.serverUnreachable);
  view.showProblem(serverUnreachableProblem(location));
});
socket.on('disconnect', (reason) => {
  joined = false;
  // "io client disconnect" is us leaving on purpose (full room, page closing).
  if (reason !== 'io client disconnect') view.setState('connecting', t.status.serverLost);
});
socket.on('peer-joined', whenValid('peer-joined', PeerInfoSchema, ({ peerId }) => {
  openLink(peerId, true);
  view.setState('connecting', t.status.someoneJoining);
}));
socket.on('peer-left', whenValid('peer-left', PeerInfoSchema, ({ peerId }) => closeLink(peerId)));
socket.on('peer-reconnecting', whenValid('peer-reconnecting', PeerInfoSchema, ({ peerId }) => {
  if (links.has(peerId)) view.setState('connecting', t.status.peerReconnecting);
}));
socket.on('peer-reconnected', whenValid('peer-reconnected', PeerInfoSchema, ({ peerId }) => {
  const link = links.get(peerId);
  if (!link) return;
  link.recover();
  showLinkState(link.pc.connectionState);
}));
socket.on('signal', whenValid('signal', InboundSignalSchema, ({ from, signal }) => {
  const link = links.get(from) ?? openLink(from, true);
  void link.handle(signal);
}));
socket.on('rejected', whenValid('rejected', RejectionSchema, ({ reason, message, retryAfterSeconds }) => {
  // Signals to a peer that is reconnecting are resent when it is back (PeerLink.recover).
  if (reason !== 'peer-away') view.showProblem(t.problem.rejected(reason, message, retryAfterSeconds));
}));
// The server worked out why the connection to this peer did not connect: say it, with what to do,
// in this page's language by its cause code.
socket.on('diagnosis', whenValid('diagnosis', DiagnosisNoticeSchema, ({ about, cause, message }) => {
  if (!links.has(about)) return;
  view.showProblem(t.problem.diagnosis(cause, message));
  diagnosisShown = true;
}));
socket.on('ended', whenValid('ended', CallEndedSchema, ({ message }) => leave('ended', t.status.ended(message))));
// The device is back on a network (a phone's Wi-Fi returned): try the server now rather than
// at socket.io's next retry, up to a second away, so the call's recovery (PeerLink.recover)
// starts as soon as it can. Reconnecting this way is socket.io's own disconnect() + connect().
addEventListener('online', () => {
  if (left || socket.connected) return;
  socket.disconnect();
  socket.connect();
});
// Tell the server right away when this tab goes, so the other side sees it without waiting for a timeout.
addEventListener('pagehide', () => socket.disconnect());

async function join(): Promise<void> {
  const reply = await requestJoin();
  if (!reply) return;
  if (!reply.ok) {
    if (reply.reason === 'pin-required' || reply.reason === 'wrong-pin' || reply.reason === 'too-many-attempts') {
      pin = await askForPin(document, t.problem.rejected(reply.reason, reply.message, reply.retryAfterSeconds));
      if (socket.connected) await join();
    } else if (reply.reason === 'room-full') leave('full', t.status.full);
    else leave('ended', t.problem.rejected(reply.reason, reply.message, reply.retryAfterSeconds));
    return;
  }
  sessionStorage.setItem(tokenKey, reply.resumeToken);
  selfPeerId = reply.peerId;
  logContent = reply.logContent === true;
  joined = true;
  ice = reply.iceServers ? { iceServers: reply.iceServers, iceTransportPolicy: reply.iceTransportPolicy ?? 'all' } : LAN_ONLY;
  if (ice !== LAN_ONLY) takePreparedOffer()?.link.close();
  const peerIds = reply.peers.map((p) => p.peerId);
  if (reply.resumed) {
    resumeLinks(peerIds);
    stateReports.resend(peerIds);
  } else {
    stateReports.clear();
    restartLinks(peerIds);
  }
  // After the call's own offers are on their way: the probe is never on the call's critical path.
  if (reply.udpProbe && !udpProbed) probeUdp(reply.udpProbe);
  udpProbed = true;
}

async function requestJoin(): Promise<JoinReply | undefined> {
  try {
    const reply: unknown = await socket.timeout(JOIN_TIMEOUT_MS).emitWithAck('join', {
      room,
      resumeToken: sessionStorage.getItem(tokenKey) ?? undefined,
      pin,
      keepConnections: links.size > 0,
      // Once per page: a reconnect keeps what the first probe found.
      udpProbe: udpProbed ? undefined : true,
      // Shown in the host's terminal: who joined, in which language. The first preferred one, not ?lang=.
      language: browserLanguage(),
    });
    const parsed = parse(JoinReplySchema, reply);
    if (parsed.ok) return parsed.value;
    view.showProblem(t.problem.unreadableReply(parsed.message));
  } catch {
    view.showProblem(t.problem.noAnswer);
  }
  return undefined;
}

/** A fresh join: the others were told we joined and start over too. */
function restartLinks(peerIds: string[]): void {
  const prepared = takePreparedOffer();
  for (const peerId of [...links.keys()]) closeLink(peerId);
  for (const [index, peerId] of peerIds.entries()) {
    if (index === 0 && prepared) addLink(peerId, prepared.handTo(peerId));
    else openLink(peerId, false).start();
  }
  if (prepared && peerIds.length === 0) prepared.link.close();
  if (peerIds.length === 0) waitForOthers();
  else view.setState('connecting', t.status.connecting);
}

/**
 * Back on the server as the same peer, connections kept. Whoever left meanwhile is dropped;
 * whoever joined meanwhile offered to us while we were away and will resend that offer.
 */
function resumeLinks(peerIds: string[]): void {
  takePreparedOffer()?.link.close();
  for (const peerId of [...links.keys()]) if (!peerIds.includes(peerId)) closeLink(peerId);
  for (const peerId of peerIds) {
    const link = links.get(peerId) ?? openLink(peerId, true);
    link.recover();
  }
  if (peerIds.length === 0) waitForOthers();
  else showLinkState([...links.values()].some((l) => l.pc.connectionState === 'connected') ? 'connected' : 'connecting');
}

function openLink(peerId: string, polite: boolean): PeerLink {
  return addLink(peerId, createLink(polite, (signal) => sendSignal(peerId, signal), (stream, sendsVideo) => view.showRemote(peerId, stream, sendsVideo)));
}

function createLink(polite: boolean, send: (signal: Signal) => void, onRemoteMedia: RemoteMediaListener): PeerLink {
  return new PeerLink({
    polite,
    ice,
    localMedia,
    send,
    onRemoteMedia,
    onStateChange: (state) => {
      showLinkState(state);
      if (state === 'connected') capMeshSenders();
    },
    onError: (message) => view.showProblem(message),
  });
}

function addLink(peerId: string, link: PeerLink): PeerLink {
  links.get(peerId)?.close();
  links.set(peerId, link);
  reportConnection(link.pc, peerId, sendReport);
  link.onChannels((channels) => {
    chat.attach(peerId, channels);
    screenShare.attach(peerId, channels.screen);
    files.attach(peerId, channels.files);
  });
  // A sender has encodings to cap only once a negotiation gave it some (the camera started after
  // connecting), and setParameters is refused while one is under way: each finished negotiation
  // applies the caps again, so none is left uncapped by the order things happened in.
  link.pc.addEventListener('signalingstatechange', () => {
    if (link.pc.signalingState === 'stable') capMeshSenders();
  });
  capMeshSenders();
  return link;
}

/** How this page introduces itself to the others, in the chat and with files. */
function ownName(): string {
  return chatName(navigator.userAgent, selfPeerId);
}

/**
 * For the terminal. State changes are held while not joined (report-outbox.ts); the rest is
 * dropped then, like signals. The one place content is let out: chat text and file names go
 * only to a host that asked for them (logContent), else sizes only.
 */
function sendReport(report: PeerReport): void {
  if (report.kind === 'state') return stateReports.sendState(report, joined);
  if (!joined) return;
  if (!logContent && report.kind === 'chat') socket.emit('report', { kind: 'chat', about: report.about, bytes: report.bytes });
  else if (!logContent && report.kind === 'file') socket.emit('report', { kind: 'file', about: report.about, bytes: report.bytes, ms: report.ms, outcome: report.outcome });
  else socket.emit('report', report);
}

function sendSignal(to: string, signal: Signal): void {
  // While reconnecting, socket.io would buffer this and send it before our join, where it is
  // refused; PeerLink.recover() resends what matters once we are back.
  if (joined) socket.emit('signal', { to, signal });
}

function closeLink(peerId: string): void {
  links.get(peerId)?.close();
  links.delete(peerId);
  chat.detach(peerId);
  screenShare.detach(peerId);
  files.detach(peerId);
  movingFiles.delete(peerId);
  view.removeRemote(peerId);
  capMeshSenders();
  if (links.size === 0 && !left) waitForOthers();
  // One fewer in the call: the status counts people.
  else if (!left && connectedLinks() > 0) showLinkState('connected');
}

/** The more people in the call, the less video this page sends each of them, and less still while a file moves (mesh-send-caps.ts). */
function capMeshSenders(): void {
  const moving = new Set([...movingFiles].flatMap((peerId) => links.get(peerId)?.pc ?? []));
  void capVideoSenders([...links.values()].map((link) => link.pc), (pc) => moving.has(pc));
}

function showLinkState(state: RTCPeerConnectionState): void {
  if (state === 'connected') {
    view.setState('connected', t.status.inCall(connectedLinks() + 1));
    // A slow connection can be diagnosed and still connect (the cause was fixed, or it was only slow).
    if (diagnosisShown) view.clearProblem();
    diagnosisShown = false;
  } else if (state === 'connecting' || state === 'new') view.setState('connecting', t.status.connecting);
  else if (state === 'disconnected') view.setState('connecting', t.status.interrupted);
  else if (state === 'failed') view.setState('connecting', t.status.failedRetrying);
}

function waitForOthers(): void {
  view.setState('waiting', t.status.waiting);
  // Fetched only now: a page joining someone never shows the invite, and its load is the
  // call set-up the other person waits through.
  inviteShown ??= showInvite(document, location.pathname);
}

function connectedLinks(): number {
  return [...links.values()].filter((link) => link.pc.connectionState === 'connected').length;
}

function takePreparedOffer(): PreparedOffer | undefined {
  const prepared = preparedOffer;
  preparedOffer = undefined;
  return prepared;
}

function allLinks(): PeerLink[] {
  return preparedOffer ? [...links.values(), preparedOffer.link] : [...links.values()];
}

function leave(state: 'full' | 'ended', message: string): void {
  left = true;
  void screenShare.stop();
  controls.hide();
  view.hideLocal();
  takePreparedOffer()?.link.close();
  // The camera may still be starting: stop it whenever it arrives.
  void media.then((stream) => {
    for (const track of stream?.getTracks() ?? []) track.stop();
  });
  for (const peerId of [...links.keys()]) closeLink(peerId);
  socket.disconnect();
  view.setState(state, message);
}
