// The student in focus: camera and screen at full quality with sound, next to the decisions
// (and the chat). The grid's connection is reused and raised to full quality while open.
import { Badge, Grid, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterEntry } from '@emtihan/protocol';
import { LiveVideo } from './live-video';
import { SideCamera } from '../second-camera/side-camera';
import type { SecondCameraStatus } from '@emtihan/protocol';
import { useLiveMedia } from './use-live-media';

export function FocusView({
  entry,
  statusText,
  actions,
  side,
  below,
  onClose,
  camera,
}: {
  /** The student's phone camera, where the exam uses one (ADR 0023). */
  camera?: SecondCameraStatus;
  entry: RosterEntry & { sessionId: string };
  statusText: string;
  actions: ReactNode;
  side?: ReactNode;
  /** Under the actions: e.g. the latest room scan. */
  below?: ReactNode;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const media = useLiveMedia(entry.sessionId, 'full');
  const who = { name: entry.fullName };
  return (
    <Modal opened onClose={onClose} title={t('console.focusTitle', who)} size="90%" centered>
      <Grid>
        <Grid.Col span={{ base: 12, md: side ? 8 : 12 }}>
          <Stack gap="xs">
            {entry.onBreakSince !== null ? (
              // A rest break (ADR 0018) is said plainly: the student may be away on purpose.
              <Badge color="teal" variant="filled" size="lg" tt="none" w="fit-content">
                {statusText}
              </Badge>
            ) : (
              <Text c="dimmed" size="sm">
                {statusText}
              </Text>
            )}
            <Grid gap="xs">
              <Grid.Col span={5}>
                <LiveVideo
                  stream={media?.streams.camera}
                  audio={media?.streams.microphone}
                  label={t('live.camera', who)}
                  height={300}
                />
              </Grid.Col>
              <Grid.Col span={7}>
                <LiveVideo
                  stream={media?.streams.screen}
                  label={t('live.screen', who)}
                  height={300}
                />
              </Grid.Col>
            </Grid>
            <SideCamera camera={camera} stream={media?.side} name={entry.fullName} height={200} />
            <Group gap="xs">{actions}</Group>
            {below}
          </Stack>
        </Grid.Col>
        {side ? <Grid.Col span={{ base: 12, md: 4 }}>{side}</Grid.Col> : null}
      </Grid>
    </Modal>
  );
}
