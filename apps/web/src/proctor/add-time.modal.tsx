// More time for a running sitting (ADR 0018): a proctor or an examiner gives minutes with a
// reason; the audit keeps who, when and why, and the student's page shows the new end at once.
import { Button, Group, Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterEntry } from '@emtihan/protocol';
import { useSession } from '../session/session';
import { formatTime } from '../ui/format';
import { ErrorAlert } from '../ui/status';

/** The most one `add-time` gives (the command's own limit). */
export const MAX_ADD_MINUTES = 480;
const MIN_REASON = 3;

export function AddTimeModal({
  entry,
  onClose,
  onDone,
}: {
  entry: RosterEntry & { sessionId: string };
  onClose(): void;
  onDone(message: string): void;
}) {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const [minutes, setMinutes] = useState<number | string>(10);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const who = { name: entry.fullName };

  const n = typeof minutes === 'number' ? minutes : Number.NaN;
  const minutesOk = Number.isInteger(n) && n >= 1 && n <= MAX_ADD_MINUTES;
  const reasonOk = reason.trim().length >= MIN_REASON;
  const time = (ms: number) => formatTime(new Date(ms).toISOString(), language);

  const send = async () => {
    setTried(true);
    if (!minutesOk || !reasonOk) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('sessionCommand', {
        params: { sessionId: entry.sessionId },
        body: { type: 'add-time', minutes: n, reason: reason.trim() },
      });
      onDone(t('accommodationsLive.addTime.done', { minutes: n, ...who }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('accommodationsLive.addTime.title', who)} size="md">
      <Stack>
        {entry.deadline !== null ? (
          <Text size="sm">
            {t('accommodationsLive.addTime.endsNow', { time: time(entry.deadline) })}
            {minutesOk
              ? ` ${t('accommodationsLive.addTime.endsAfter', { time: time(entry.deadline + n * 60_000) })}`
              : ''}
          </Text>
        ) : null}
        <NumberInput
          label={t('accommodationsLive.addTime.minutes')}
          value={minutes}
          onChange={setMinutes}
          min={1}
          max={MAX_ADD_MINUTES}
          step={5}
          allowDecimal={false}
          allowNegative={false}
          required
          error={tried && !minutesOk ? t('accommodationsLive.addTime.minutesError') : undefined}
        />
        <Textarea
          label={t('accommodationsLive.addTime.reason')}
          description={t('accommodationsLive.addTime.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
          required
          error={tried && !reasonOk ? t('accommodationsLive.addTime.reasonError') : undefined}
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} onClick={() => void send()}>
            {minutesOk
              ? t('accommodationsLive.addTime.submit', { minutes: n })
              : t('accommodationsLive.addTime.submitPlain')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
