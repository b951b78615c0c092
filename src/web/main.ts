/**
 * The call page: camera → join the room → one PeerLink per other person.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, JoinReply, ServerToClientEvents } from '../shared/protocol.js';
import { PeerLink } from './call.js';
import { createControls } from './controls.js';
import { showInvite } from './invite.js';
import { getLocalMedia, serverUnreachableProblem } from './media.js';
import { reportConnection } from './reporter.js';
import { createCallView } from './ui.js';

type CallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const JOIN_TIMEOUT_MS = 10_000;
const view = createCallView(document);
const room = decodeURIComponent(location.pathname.split('/').filter(Boolean).at(-1) ?? '');
const tokenKey = `webrtc-call:${room}`;
const links = new Map<string, PeerLink>();
let currentStream: MediaStream | undefined;
const controls = createControls(document, {
  senders: () => [...links.values()].flatMap((link) => link.pc.getSenders()),
  hangUp: () => {
    for (const peerId of [...links.keys()]) closeLink(peerId);
    leave('ended', 'You left the call. Reload the page to join again.');
  },
  showProblem: (text) => view.showProblem(text),
});
void showInvite(document, location.pathname);

// Start the camera and the connection at once, and join without waiting for the camera: the
// call is negotiated while the camera starts and its tracks join the connection when ready.
// tryAllTransports: where a WebSocket cannot open (e.g. iOS with a self-signed certificate), fall back to polling.
const socket: CallSocket = io({ transports: ['websocket', 'polling'], tryAllTransports: true });
const media = getLocalMedia().then((result) => {
  if (result.stream) view.showLocal(result.stream);
  if (result.problem) view.showProblem(result.problem);
  currentStream = result.stream;
  if (result.stream) for (const link of links.values()) link.useLocalStream(result.stream);
  controls.setStream(result.stream);
  return result.stream;
});

let unreachable = false;
socket.on('connect', () => {
  if (unreachable) view.clearProblem();
  unreachable = false;
  void join();
});
socket.on('connect_error', () => {
  unreachable = true;
  view.showProblem(serverUnreachableProblem(location));
});
socket.on('disconnect', (reason) => {
  // "io client disconnect" is us leaving on purpose (full room, page closing).
  if (reason !== 'io client disconnect') view.setState('connecting', 'Lost the server, reconnecting…');
});
socket.on('peer-joined', ({ peerId }) => {
  openLink(peerId, true);
  view.setState('connecting', 'Someone is joining…');
});
socket.on('peer-left', ({ peerId }) => closeLink(peerId));
socket.on('signal', ({ from, signal }) => {
  const link = links.get(from) ?? openLink(from, true);
  void link.handle(signal);
});
socket.on('rejected', ({ message }) => view.showProblem(message));
// Tell the server right away when this tab goes, so the other side sees it without waiting for a timeout.
addEventListener('pagehide', () => socket.disconnect());

async function join(): Promise<void> {
  let reply: JoinReply;
  try {
    reply = await socket
      .timeout(JOIN_TIMEOUT_MS)
      .emitWithAck('join', { room, resumeToken: sessionStorage.getItem(tokenKey) ?? undefined });
  } catch {
    view.showProblem('The server did not answer. Is "webrtc-call start" still running?');
    return;
  }
  if (!reply.ok) {
    if (reply.reason === 'room-full') leave('full', 'This call is full. Ask to be let in, then reload.');
    else leave('ended', capitalize(reply.message));
    return;
  }
  sessionStorage.setItem(tokenKey, reply.resumeToken);
  // A (re)join starts every connection afresh: the others were told we joined and reset too.
  for (const peerId of [...links.keys()]) closeLink(peerId);
  for (const { peerId } of reply.peers) openLink(peerId, false).start();
  if (reply.peers.length === 0) waitForOthers();
  else view.setState('connecting', 'Connecting…');
}

function openLink(peerId: string, polite: boolean): PeerLink {
  links.get(peerId)?.close();
  const link = new PeerLink({
    remotePeerId: peerId,
    polite,
    localStream: currentStream,
    send: (signal) => socket.emit('signal', { to: peerId, signal }),
    onRemoteStream: (stream) => view.showRemote(peerId, stream),
    onStateChange: (state) => onLinkState(link, state),
    onError: (message) => view.showProblem(message),
  });
  links.set(peerId, link);
  reportConnection(link.pc, peerId, (report) => socket.emit('report', report));
  return link;
}

function closeLink(peerId: string): void {
  links.get(peerId)?.close();
  links.delete(peerId);
  view.removeRemote(peerId);
  if (links.size === 0) waitForOthers();
}

function onLinkState(link: PeerLink, state: RTCPeerConnectionState): void {
  if (state === 'connected') view.setState('connected', 'In the call');
  else if (state === 'disconnected') view.setState('connecting', 'The connection is interrupted, waiting for it to come back…');
  else if (state === 'failed') {
    view.setState('connecting', 'The connection failed, trying again…');
    link.pc.restartIce();
  }
}

function waitForOthers(): void {
  view.setState('waiting', 'Waiting for someone to join…');
}

function leave(state: 'full' | 'ended', message: string): void {
  // The camera may still be starting: stop it whenever it arrives.
  void media.then((stream) => {
    for (const track of stream?.getTracks() ?? []) track.stop();
  });
  socket.disconnect();
  view.setState(state, message);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
