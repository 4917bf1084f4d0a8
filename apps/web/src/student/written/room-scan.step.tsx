// Oral step 4 of the seed: "if asked, show the desk and the room". A guided recording of the
// camera turned slowly around the desk and the room: at check-in, and again at work when the
// proctor asks (room-scan-request.tsx, which starts it at once).
import { Alert, Button, Group, List, RingProgress, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCameraOn, useMedia } from '../../media/media.context';
import { recordClip } from '../../media/media.devices';
import { VideoPreview } from '../../media/video-preview';

export function RoomScanStep({
  seconds,
  clip,
  onClip,
  autoStart = false,
}: {
  seconds: number;
  clip: Blob | null;
  onClip: (clip: Blob | null) => void;
  /** Starts recording as soon as the camera is there (the student already pressed start). */
  autoStart?: boolean;
}) {
  const { t } = useTranslation();
  const media = useMedia();
  const cameraFailed = useCameraOn();
  const [left, setLeft] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const cancel = useRef<(() => void) | null>(null);
  useEffect(() => () => cancel.current?.(), []);

  const start = () => {
    if (!media.camera) return;
    setFailed(false);
    onClip(null);
    const rec = recordClip(media.camera, seconds, setLeft);
    cancel.current = rec.cancel;
    rec.done.then(
      (blob) => {
        cancel.current = null;
        setLeft(null);
        onClip(blob);
      },
      () => {
        cancel.current = null;
        setLeft(null);
        setFailed(true);
      },
    );
  };

  // Once: a later "Record again" is the student's own.
  const autoStarted = useRef(false);
  const startRef = useRef(start);
  useEffect(() => {
    startRef.current = start;
  });
  useEffect(() => {
    if (!autoStart || autoStarted.current || !media.camera) return;
    autoStarted.current = true;
    startRef.current();
  }, [autoStart, media.camera]);

  const recording = left !== null;
  return (
    <Stack gap="md">
      <Text>{t('written.scan.intro', { seconds })}</Text>
      <List type="ordered" size="sm">
        <List.Item>{t('written.scan.step1')}</List.Item>
        <List.Item>{t('written.scan.step2')}</List.Item>
        <List.Item>{t('written.scan.step3')}</List.Item>
        <List.Item>{t('written.scan.step4')}</List.Item>
      </List>
      <Group align="center" gap="xl">
        <VideoPreview stream={media.camera} label={t('written.scan.preview')} height={240} />
        {recording ? (
          <RingProgress
            size={120}
            thickness={10}
            sections={[{ value: ((seconds - left) / seconds) * 100, color: 'red' }]}
            label={
              <Text ta="center" fw={700} size="xl" aria-hidden>
                {left}
              </Text>
            }
          />
        ) : null}
      </Group>
      <div role="status">
        {recording ? (
          <Text fw={600}>{t('written.scan.recording')}</Text>
        ) : clip ? (
          <Text fw={600}>{t('written.scan.done', { seconds })}</Text>
        ) : null}
      </div>
      {failed ? (
        <Alert color="red" variant="light" role="alert">
          {t('written.scan.failed')}
        </Alert>
      ) : null}
      {cameraFailed ? (
        <Alert color="red" variant="light" role="alert">
          {t('written.identity.noCamera')}
        </Alert>
      ) : null}
      <Group>
        <Button
          onClick={start}
          disabled={recording || !media.camera}
          variant={clip ? 'default' : 'filled'}
        >
          {clip ? t('written.scan.again') : t('written.scan.start')}
        </Button>
      </Group>
    </Stack>
  );
}
