// A JPEG of a video stream's current frame, scaled down: the proctor grid's tile and the
// timeline's thumbnail. Drawn through an off-page <video> and a canvas.

/** Size and JPEG quality of the snapshots: a grid tile for the camera, readable text for the screen. */
export const SNAPSHOT_PROFILES = {
  camera: { maxWidth: 320, quality: 0.6 },
  screen: { maxWidth: 800, quality: 0.5 },
} as const;

export async function captureJpeg(
  stream: MediaStream,
  maxWidth: number,
  quality: number,
): Promise<Blob | null> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  try {
    await video.play();
    if (video.videoWidth === 0) {
      await new Promise<void>((resolve) => {
        video.addEventListener('loadeddata', () => resolve(), { once: true });
        setTimeout(resolve, 2000);
      });
    }
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (!w || !h) return null;
    const scale = Math.min(1, maxWidth / w);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob | null>((resolve) =>
      canvas.toBlob((b) => resolve(b), 'image/jpeg', quality),
    );
  } catch {
    return null;
  } finally {
    video.pause();
    video.srcObject = null;
  }
}
