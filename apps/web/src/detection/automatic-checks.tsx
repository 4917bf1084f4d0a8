// The student's view of the automatic checks: a small line saying they are on, starting, or
// partly off (a model failed to load: the exam goes on, the proctor is told). Calls
// useDetection, so the workspace adds one line.
import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { checksFor } from '@emtihan/domain';
import type { ExamView, SessionView } from '@emtihan/protocol';
import { useDetection } from './use-detection';

/** The checks that run for this student: the exam's, less those their accommodation skips. */
export const studentChecks = (exam: ExamView, view: SessionView) =>
  checksFor(exam.settings.checks, view.state.terms.accommodation?.skippedChecks ?? []);

/**
 * The check-in face photo, where the exam matches faces (not for a student whose accommodation
 * skips the face check: a face that cannot face the camera cannot be matched by it either).
 */
export function referencePhotoUrl(exam: ExamView, view: SessionView): string | null {
  if (!exam.settings.faceMatching || !studentChecks(exam, view).faces) return null;
  const face = [...view.files].reverse().find((f) => f.kind === 'face');
  return face ? `/api/sessions/${view.sessionId}/files/${face.id}` : null;
}

export function AutomaticChecks({
  exam,
  view,
  enabled,
}: {
  exam: ExamView;
  view: SessionView;
  enabled: boolean;
}) {
  const { t } = useTranslation();
  const status = useDetection({
    enabled,
    referencePhotoUrl: referencePhotoUrl(exam, view),
    checks: studentChecks(exam, view),
  });
  const running = status.vision === 'on' || status.speech === 'on';
  const starting = status.vision === 'starting' || status.speech === 'starting';
  const degraded =
    status.degraded.length > 0 || status.vision === 'failed' || status.speech === 'failed';
  const state = degraded ? 'degraded' : running ? 'on' : starting ? 'starting' : 'off';
  if (state === 'off') return null;
  const face =
    status.vision === 'on' && status.faces !== null
      ? status.faces === 1
        ? t('detection.face.one')
        : status.faces === 0
          ? t('detection.face.none')
          : t('detection.face.many', { count: status.faces })
      : null;
  return (
    <Group gap="xs" role="status" aria-live="polite" data-detection-state={state}>
      <Text size="sm" c={degraded ? 'orange.8' : 'dimmed'}>
        {t(`detection.status.${state}`)}
      </Text>
      {face ? (
        <Text size="sm" c={status.faces === 1 ? 'dimmed' : 'orange.8'}>
          {face}
        </Text>
      ) : null}
    </Group>
  );
}
