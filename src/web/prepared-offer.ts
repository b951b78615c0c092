/**
 * The newcomer makes its offer while its socket connects and joins, before it knows whom it
 * will call: the connection, its audio and video slots (the camera joins them when it starts),
 * the offer and the first ICE candidates are ready when the join reply names the peer, and what
 * was held leaves at once. Making them after the reply put offer creation and candidate
 * gathering on the call's critical path, on top of the socket's three round trips.
 */
import type { Signal } from '../shared/protocol.js';
import type { PeerLink, RemoteMediaListener } from './call.js';

export interface PreparedOffer {
  readonly link: PeerLink;
  /** Sends what was held to this peer; from now on everything goes straight to it. */
  handTo(peerId: string): PeerLink;
}

export interface Addressing {
  send(peerId: string, signal: Signal): void;
  showRemote(peerId: string, stream: MediaStream, sendsVideo: boolean): void;
}

export function prepareOffer(
  createLink: (send: (signal: Signal) => void, onRemoteMedia: RemoteMediaListener) => PeerLink,
  to: Addressing,
): PreparedOffer {
  const held: Signal[] = [];
  let peer: string | undefined;
  const link = createLink(
    (signal) => (peer === undefined ? held.push(signal) : to.send(peer, signal)),
    (stream, sendsVideo) => peer !== undefined && to.showRemote(peer, stream, sendsVideo),
  );
  link.start();
  return {
    link,
    handTo(peerId) {
      peer = peerId;
      for (const signal of held.splice(0)) to.send(peerId, signal);
      return link;
    },
  };
}
