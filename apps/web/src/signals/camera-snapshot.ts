// A small JPEG of the camera at a moment worth keeping (the evidence of a flag). The camera's
// stream plays in a detached, muted video element; a frame is drawn at most 320 px wide.
import { useCallback, useEffect, useRef } from 'react';

const MAX_WIDTH = 320;

export function useCameraSnapshot(camera: MediaStream | null): () => Promise<Blob | null> {
  const video = useRef<HTMLVideoElement | null>(null);
  useEffect(() => {
    if (!camera) {
      video.current = null;
      return;
    }
    const v = document.createElement('video');
    v.muted = true;
    v.playsInline = true;
    v.srcObject = camera;
    void v.play().catch(() => {});
    video.current = v;
    return () => {
      v.pause();
      v.srcObject = null;
      if (video.current === v) video.current = null;
    };
  }, [camera]);

  return useCallback(async () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return null;
    const scale = Math.min(1, MAX_WIDTH / v.videoWidth);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(v.videoWidth * scale);
    canvas.height = Math.round(v.videoHeight * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
    return new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.7));
  }, []);
}
