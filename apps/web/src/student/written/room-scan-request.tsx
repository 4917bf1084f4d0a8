// The proctor asked for a room scan during the exam (seed: "if asked, show the desk and the
// room"). Shown inside the workspace, not over it: the answer editor stays usable and the clock
// runs on. The check-in recorder records it; the upload answers the request, which clears it.
import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roomScanRequestedAt } from '@emtihan/domain';
import type { SessionView } from '@emtihan/protocol';
import { ApiError } from '../../api/client';
import { flowErrorMessage } from './refusal.messages';
import { RoomScanStep } from './room-scan.step';
import type { WrittenExam } from './use-written-exam';

const OWN_REFUSALS = [
  'room-scan-not-allowed',
  'room-scan-already-requested',
  'room-scan-not-requested',
] as const;
type OwnRefusal = (typeof OWN_REFUSALS)[number];
const isOwnRefusal = (r: unknown): r is OwnRefusal =>
  (OWN_REFUSALS as readonly unknown[]).includes(r);

export function RoomScanRequest({
  view,
  written,
  seconds,
}: {
  view: SessionView;
  written: WrittenExam;
  seconds: number;
}) {
  const { t } = useTranslation();
  const requestedAt = roomScanRequestedAt(view.state);
  const requested = requestedAt !== null;
  const [recording, setRecording] = useState(false);
  const [clip, setClip] = useState<Blob | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  // A new request starts afresh; a met one (here or in another tab) closes the recorder.
  const [seen, setSeen] = useState(requestedAt);
  if (seen !== requestedAt) {
    setSeen(requestedAt);
    if (requested) {
      setSent(false);
      setError(null);
    } else {
      setRecording(false);
      setClip(null);
    }
  }

  const send = async (blob: Blob) => {
    setError(null);
    setPercent(0);
    try {
      await written.api.upload(
        view.sessionId,
        { kind: 'room-scan', name: 'room-scan.webm', blob, contentType: 'video/webm' },
        (p) => setPercent(p.total > 0 ? (p.loaded / p.total) * 100 : 0),
      );
      setSent(true);
      setRecording(false);
      setClip(null);
      await written.refresh();
    } catch (e) {
      setError(
        e instanceof ApiError && isOwnRefusal(e.reason)
          ? t(`roomScanRequest.refusal.${e.reason}`)
          : flowErrorMessage(t, e),
      );
    } finally {
      setPercent(null);
    }
  };

  const onClip = (blob: Blob | null) => {
    setClip(blob);
    if (blob) void send(blob);
  };

  if (!requested) {
    return sent ? (
      <Alert color="green" variant="light" role="status">
        {t('roomScanRequest.sent')}
      </Alert>
    ) : null;
  }
  const sending = percent !== null;
  return (
    <Alert color="orange" variant="light" role="alert" title={t('roomScanRequest.title')}>
      <Stack gap="sm">
        <Text>{t('roomScanRequest.text', { seconds })}</Text>
        {recording ? (
          <RoomScanStep seconds={seconds} clip={clip} onClip={onClip} autoStart />
        ) : (
          <Group>
            <Button color="orange" onClick={() => setRecording(true)}>
              {t('roomScanRequest.start')}
            </Button>
          </Group>
        )}
        <Text size="sm" c="dimmed">
          {t('roomScanRequest.keepWriting')}
        </Text>
        {sending ? (
          <Stack gap={4}>
            <Text size="sm">{t('roomScanRequest.sending')}</Text>
            <Progress value={percent} aria-label={t('roomScanRequest.sending')} />
          </Stack>
        ) : null}
        {error ? (
          <Group>
            <Text c="red" size="sm">
              {error}
            </Text>
            {clip ? (
              <Button variant="default" size="xs" onClick={() => void send(clip)}>
                {t('roomScanRequest.sendAgain')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}
