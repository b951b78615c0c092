/**
 * Signaling orders that a slow device meets by chance, made certain, as init scripts for
 * openCallPage: each wraps what the page's code uses before that code runs.
 */

/**
 * The page is still applying the answer to its offer when the other side's next offer arrives:
 * the answer's setRemoteDescription starts only once the socket has received that offer, and
 * the page's own handler sees the offer while the answer is being applied (the WebSocket
 * listener added here runs before socket.io's `onmessage`). On a slow phone it takes a few ms
 * of setRemoteDescription for an offer sent right after the answer to arrive meanwhile.
 */
export const ANSWER_APPLIED_AS_NEXT_OFFER_ARRIVES = () => {
  let offerArrived: () => void = () => {};
  const nextOffer = new Promise<void>((resolve) => {
    offerArrived = resolve;
  });
  let answerPending = false;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', ({ data }) => {
        if (answerPending && typeof data === 'string' && data.includes('"type":"offer"')) offerArrived();
      });
    }
  };
  const setRemoteDescription = RTCPeerConnection.prototype.setRemoteDescription;
  RTCPeerConnection.prototype.setRemoteDescription = function (this: RTCPeerConnection, description: RTCSessionDescriptionInit) {
    if (description.type !== 'answer') return Reflect.apply(setRemoteDescription, this, [description]) as Promise<void>;
    answerPending = true;
    return nextOffer.then(() => Reflect.apply(setRemoteDescription, this, [description]) as Promise<void>);
  };
};
