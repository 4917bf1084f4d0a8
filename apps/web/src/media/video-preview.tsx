import { useEffect, useRef } from 'react';

/** A muted live preview of a stream (camera or screen). */
export function VideoPreview({
  stream,
  label,
  onVideo,
  height = 240,
  mirror = true,
}: {
  stream: MediaStream | null;
  label: string;
  /** Gets the video element (to capture a frame from it). */
  onVideo?: (video: HTMLVideoElement | null) => void;
  height?: number;
  /** A camera preview reads like a mirror; a screen preview does not. */
  mirror?: boolean;
}) {
  const own = useRef<HTMLVideoElement | null>(null);
  useEffect(() => {
    const video = own.current;
    if (!video) return;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => {});
  }, [stream]);
  return (
    <video
      ref={(el) => {
        own.current = el;
        onVideo?.(el);
      }}
      aria-label={label}
      muted
      playsInline
      autoPlay
      style={{
        height,
        maxWidth: '100%',
        background: 'var(--mantine-color-dark-7)',
        borderRadius: 'var(--mantine-radius-md)',
        transform: mirror ? 'scaleX(-1)' : undefined,
      }}
    />
  );
}
