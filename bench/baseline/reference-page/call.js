// The reference page of `npm run bench` (bench/lib/reference-call.ts): the original tiny
// demo's call page, with one fix only. getUserMedia, one RTCPeerConnection, and every offer,
// answer and candidate broadcast through bench/baseline/broadcast-server.ts to whoever else is
// connected. The fix: it offers after adding its tracks (an offer made before them carries no
// media, see shared/E2E.md). Plain JavaScript served as written: no build, no framework.
/* global io */
const socket = io();
const pc = new RTCPeerConnection();
const status = document.getElementById('status');

pc.ontrack = ({ streams }) => {
  document.getElementById('remote').srcObject = streams[0];
};
pc.onicecandidate = ({ candidate }) => {
  if (candidate) socket.emit('signal', { candidate });
};
pc.onconnectionstatechange = () => {
  if (pc.connectionState === 'connected') status.textContent = 'In the call';
};

// The page that loads first has offered to nobody; the newcomer's offer rolls that one back
// (setRemoteDescription's implicit rollback) and is answered.
socket.on('signal', async ({ description, candidate }) => {
  if (description) {
    await pc.setRemoteDescription(description);
    if (description.type === 'offer') {
      await pc.setLocalDescription(await pc.createAnswer());
      socket.emit('signal', { description: pc.localDescription });
    }
  } else if (candidate) {
    await pc.addIceCandidate(candidate);
  }
});

const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
document.getElementById('local').srcObject = stream;
for (const track of stream.getTracks()) pc.addTrack(track, stream);
await pc.setLocalDescription(await pc.createOffer());
socket.emit('signal', { description: pc.localDescription });
if (pc.connectionState !== 'connected') status.textContent = 'Waiting for someone to join…';
