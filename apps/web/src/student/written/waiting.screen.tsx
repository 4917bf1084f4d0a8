// Waiting for the proctor (status awaiting_approval): what happens next; the page follows the
// session over the socket, so it moves on by itself when the proctor decides.
import { Alert, Group, List, Loader, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '@emtihan/protocol';
import { useCameraOn, useMedia } from '../../media/media.context';
import { VideoPreview } from '../../media/video-preview';
import { useSession } from '../../session/session';
import { formatDateTime } from '../../ui/format';

export function WaitingScreen({
  view,
  connected,
  refresh,
}: {
  view: SessionView;
  connected: boolean;
  refresh?: () => Promise<void>;
}) {
  const { t } = useTranslation();
  // The place in line moves as the proctor approves others: read it again now and then.
  useEffect(() => {
    if (!refresh) return;
    const id = setInterval(() => void refresh(), 10_000);
    return () => clearInterval(id);
  }, [refresh]);
  const { language } = useSession();
  const media = useMedia();
  useCameraOn(media.needs.camera);
  const s = view.state;
  const approved = s.identityApprovedAt !== null;
  const opensAt = formatDateTime(new Date(s.terms.window.opensAt).toISOString(), language);
  return (
    <Stack gap="lg" maw={820}>
      <Group gap="sm" role="status">
        <Loader size="sm" aria-hidden />
        <Text fw={600}>
          {approved
            ? t('written.waiting.approved', { time: opensAt })
            : t('written.waiting.status')}
        </Text>
      </Group>
      {view.waitingPlace !== undefined ? (
        <Text fw={600}>
          {view.waitingPlace === 1
            ? t('written.waiting.placeFirst')
            : t('written.waiting.place', { n: view.waitingPlace })}
        </Text>
      ) : null}
      <Text>{t('written.waiting.intro')}</Text>
      <List type="ordered" spacing={4}>
        <List.Item>{t('written.waiting.next1')}</List.Item>
        <List.Item>{t('written.waiting.next2')}</List.Item>
        <List.Item>{t('written.waiting.next3')}</List.Item>
      </List>
      <VideoPreview stream={media.camera} label={t('written.check.camera.preview')} height={200} />
      {!connected ? (
        <Alert color="orange" variant="light">
          {t('written.waiting.reconnecting')}
        </Alert>
      ) : null}
    </Stack>
  );
}
