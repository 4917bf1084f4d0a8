import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '@emtihan/protocol';
import { flowErrorMessage } from './refusal.messages';
import type { WrittenExam } from './use-written-exam';

/** The proctor did not accept the identity check: the reason, and another try if any are left. */
export function RejectedScreen({
  view,
  written,
  onRetry,
}: {
  view: SessionView;
  written: WrittenExam;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const s = view.state;
  const left = Math.max(0, s.terms.maxCheckInAttempts - s.checkInAttempts);
  const retry = async () => {
    setBusy(true);
    setError(null);
    try {
      onRetry();
      await written.command({ type: 'retry-check-in' });
    } catch (e) {
      setError(flowErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="md" maw={760}>
      <Alert color="red" variant="light" title={t('written.rejected.title')} role="alert">
        <Stack gap={4}>
          <Text>{t('written.rejected.reason', { reason: s.lastRejectionReason ?? '—' })}</Text>
          <Text>
            {left > 0
              ? t('written.rejected.attemptsLeft', { n: left })
              : t('written.rejected.noAttempts')}
          </Text>
        </Stack>
      </Alert>
      {error ? (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      ) : null}
      {left > 0 ? (
        <Group>
          <Button size="md" onClick={() => void retry()} loading={busy}>
            {t('written.rejected.retry')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
