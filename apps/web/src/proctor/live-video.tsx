import { Center, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** A student's remote camera or screen; `audio` plays the microphone too (focus view only). */
export function LiveVideo({
  stream,
  audio,
  label,
  height,
}: {
  stream: MediaStream | null | undefined;
  audio?: MediaStream | null;
  label: string;
  height: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement | null>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    const tracks = [...(stream?.getTracks() ?? []), ...(audio?.getTracks() ?? [])];
    video.srcObject = tracks.length ? new MediaStream(tracks) : null;
    if (tracks.length) void video.play().catch(() => {});
  }, [stream, audio]);
  return (
    <div
      style={{
        position: 'relative',
        height,
        background: 'var(--mantine-color-dark-7)',
        borderRadius: 6,
      }}
    >
      <video
        ref={ref}
        aria-label={label}
        data-live={stream ? 'yes' : 'no'}
        muted={!audio}
        playsInline
        autoPlay
        style={{ width: '100%', height: '100%', objectFit: 'contain', display: 'block' }}
      />
      {!stream ? (
        <Center pos="absolute" inset={0}>
          <Text size="xs" c="gray.4">
            {t('live.noVideo')}
          </Text>
        </Center>
      ) : null}
    </div>
  );
}
