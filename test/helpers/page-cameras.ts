/**
 * Cameras with the timings real ones have, as init scripts for openCallPage: each wraps the
 * page's getUserMedia (and what it needs to know when to answer) before the page's code runs.
 */
/** A camera that takes 2 s to start, as some phones' do (or a person slow to allow it). */
export const SLOW_CAMERA = () => {
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return getUserMedia(constraints);
  };
};

/**
 * A camera that starts at the very moment the other side's offer is being applied: the race
 * behind the remote video that sometimes never appeared when both pages loaded together.
 */
export const CAMERA_DURING_OFFER = () => {
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  let offerArrived: () => void = () => {};
  const offer = new Promise<void>((resolve) => {
    offerArrived = resolve;
  });
  const setRemoteDescription = RTCPeerConnection.prototype.setRemoteDescription;
  RTCPeerConnection.prototype.setRemoteDescription = function (this: RTCPeerConnection, description: RTCSessionDescriptionInit) {
    const applied: Promise<void> = Reflect.apply(setRemoteDescription, this, [description]);
    if (description.type === 'offer') offerArrived();
    return applied;
  };
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    await offer;
    return stream;
  };
};

/** A camera that starts only once the page's call is connected, so the page then offers again to send it. */
export const CAMERA_ONCE_CONNECTED = () => {
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  let connected: () => void = () => {};
  const callConnected = new Promise<void>((resolve) => {
    connected = resolve;
  });
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState === 'connected') connected();
      });
    }
  };
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    await callConnected;
    return stream;
  };
};

/**
 * A camera that starts just after the page answered the newcomer's offer, so the page offers
 * again at once to send it: that offer reaches the newcomer right behind the answer.
 */
export const CAMERA_ONCE_ANSWERED = () => {
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  let answered: () => void = () => {};
  const offerAnswered = new Promise<void>((resolve) => {
    answered = resolve;
  });
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      let previous: RTCSignalingState = this.signalingState;
      this.addEventListener('signalingstatechange', () => {
        if (previous === 'have-remote-offer' && this.signalingState === 'stable') answered();
        previous = this.signalingState;
      });
    }
  };
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    await offerAnswered;
    return stream;
  };
};

/** Keeps every track the camera gave the page, to check from outside that each was stopped. */
export const RECORD_CAMERA_TRACKS = () => {
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  const tracks: MediaStreamTrack[] = [];
  (window as unknown as { __cameraTracks: MediaStreamTrack[] }).__cameraTracks = tracks;
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    tracks.push(...stream.getTracks());
    return stream;
  };
};
