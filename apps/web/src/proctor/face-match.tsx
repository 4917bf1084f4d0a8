// The check-in photo against the ID photo, as the server computed it: a help to the proctor's
// decision ("Face match: 87 %"), or why there is no figure. Never a decision of its own.
import { Loader, Stack, Text } from '@mantine/core';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentityMatchView } from '@emtihan/protocol';
import { useSession } from '../session/session';
import { useLoad } from '../ui/use-load';

/** How often the dialog asks again while the server is still comparing. */
const PENDING_RETRY_MS = 2_000;

export function FaceMatch({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const load = useCallback(
    (signal: AbortSignal): Promise<IdentityMatchView> =>
      api.call('identityMatch', { params: { sessionId }, signal }),
    [api, sessionId],
  );
  const match = useLoad(load);
  const pending = match.data?.status === 'pending';
  const { reload } = match;
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(reload, PENDING_RETRY_MS);
    return () => clearTimeout(timer);
  }, [pending, reload, match.data]);

  const view = match.data;
  // Where the exam does not match faces there is nothing to say.
  if (match.state === 'failed' || (view?.status === 'not-computed' && view.reason === 'off'))
    return null;
  if (!view || view.status === 'pending') {
    return (
      <Text size="sm" c="dimmed" role="status" aria-live="polite">
        <Loader size="xs" mr={6} />
        {t('console.faceMatch.title')}: {t('console.faceMatch.pending')}
      </Text>
    );
  }
  if (view.status === 'not-computed') {
    return (
      <Text size="sm" c="dimmed" role="status" data-face-match="not-computed">
        {t('console.faceMatch.title')}: {t('console.faceMatch.notComputed')} —{' '}
        {t(`console.faceMatch.gap.${view.reason}`)}
      </Text>
    );
  }
  const percent = Math.round(view.similarity * 100);
  return (
    <Stack gap={2} role="status" data-face-match={view.verdict}>
      <Text size="sm" fw={600} c={view.verdict === 'mismatch' ? 'orange.8' : undefined}>
        {t('console.faceMatch.title')}: {t('console.faceMatch.percent', { percent })}
      </Text>
      <Text size="sm" c="dimmed">
        {t(`console.faceMatch.verdict.${view.verdict}`)} {t('console.faceMatch.hint')}
      </Text>
      {view.notes.map((note) => (
        <Text key={note} size="sm" c="dimmed">
          {t(`console.faceMatch.note.${note}`, { width: view.idFaceWidth })}
        </Text>
      ))}
    </Stack>
  );
}
