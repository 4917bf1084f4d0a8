import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/status';

/** Refusals of the oral exam's rules, explained; other failures as everywhere else. */
export const ORAL_REASONS = [
  'too-early',
  'too-late',
  'not-your-slot',
  'already-examined',
  'room-busy',
  'invalid-grade',
  'identity-not-approved',
  'not-allowed-in-state',
  'no-tickets',
  'tickets-in-use',
  'slot-started',
  'student-in-other-slot',
  'already-drawn',
  'cannot-move',
  'in-room',
  'not-in-slot',
] as const;
type OralReason = (typeof ORAL_REASONS)[number];

export function OralError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const reason = error instanceof ApiError ? (error.reason ?? undefined) : undefined;
  if (reason && (ORAL_REASONS as readonly string[]).includes(reason)) {
    return (
      <Alert
        color="red"
        variant="light"
        role="alert"
        title={t(`oral.refused.${reason as OralReason}`)}
      >
        {null}
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}
