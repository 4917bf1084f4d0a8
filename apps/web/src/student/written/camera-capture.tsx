import { Button, Group, Image, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { captureJpeg } from '../../media/media.devices';
import { VideoPreview } from '../../media/video-preview';

/** A live camera with a shutter: the taken JPEG is shown with a "Retake" button. */
export function CameraCapture({
  stream,
  photo,
  onPhoto,
  takeLabel,
  previewLabel,
  photoLabel,
}: {
  stream: MediaStream | null;
  photo: Blob | null;
  onPhoto: (photo: Blob | null) => void;
  takeLabel: string;
  previewLabel: string;
  photoLabel: string;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!photo) return;
    const u = URL.createObjectURL(photo);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the object URL lives with the photo
    setUrl(u);
    return () => {
      URL.revokeObjectURL(u);
      setUrl(null);
    };
  }, [photo]);

  const take = async () => {
    if (!video.current) return;
    try {
      setFailed(false);
      onPhoto(await captureJpeg(video.current));
    } catch {
      setFailed(true);
    }
  };

  return (
    <Stack gap="xs">
      {photo && url ? (
        <>
          <Image src={url} alt={photoLabel} h={240} w="auto" fit="contain" radius="md" />
          <Group>
            <Button variant="default" onClick={() => onPhoto(null)}>
              {t('written.identity.retake')}
            </Button>
          </Group>
        </>
      ) : (
        <>
          <VideoPreview
            stream={stream}
            label={previewLabel}
            onVideo={(el) => {
              video.current = el;
            }}
          />
          <Group>
            <Button onClick={() => void take()} disabled={!stream}>
              {takeLabel}
            </Button>
          </Group>
          {failed ? (
            <Text c="red" role="alert">
              {t('written.identity.captureFailed')}
            </Text>
          ) : null}
        </>
      )}
    </Stack>
  );
}
