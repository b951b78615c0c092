/**
 * Remote audio on phones: iOS Safari and Android Chrome may refuse to start a video with sound
 * before the user touches the page (autoplay policy). Then the video plays muted, so the
 * person is at least seen, and one tap on "Tap to hear" turns the sound on.
 */
export async function playWithSound(video: HTMLVideoElement, unmuteButton: HTMLButtonElement): Promise<void> {
  try {
    await video.play();
  } catch (error) {
    if (!(error instanceof DOMException) || error.name !== 'NotAllowedError') return;
    video.muted = true;
    await video.play().catch(() => undefined);
    unmuteButton.hidden = false;
    unmuteButton.onclick = () => {
      video.muted = false;
      unmuteButton.hidden = true;
      void video.play();
    };
  }
}
