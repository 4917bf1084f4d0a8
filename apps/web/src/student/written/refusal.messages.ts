import type { TFunction } from 'i18next';
import { errorMessage } from '../../ui/errors';
import { ApiError } from '../../api/client';

/**
 * The reasons the server gives when it refuses a student's command, autosave or upload: the
 * domain's (`WrittenRefusalReason`, file rules) and the session service's own. Each has a
 * sentence in `written.refusal.<reason>`; an unknown one falls back to the error code's.
 */
export const REFUSAL_REASONS = [
  'name-mismatch',
  'id-document-missing',
  'face-photo-missing',
  'room-scan-missing',
  'answer-not-saved',
  'file-empty',
  'not-allowed-in-state',
  'check-in-not-open',
  'window-closed',
  'exam-not-open',
  'identity-not-approved',
  'check-in-attempts-exhausted',
  'deadline-passed',
  'not-your-session',
  'actor-not-allowed',
  'reason-required',
  'evidence-required',
  'unknown-warning',
  'warning-already-acknowledged',
  'invalid-time',
  'stale-time',
  'too-many-files',
  'file-not-removable',
  'file-too-large',
  'file-type-not-allowed',
  'task-not-started',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const isRefusalReason = (r: unknown): r is RefusalReason =>
  typeof r === 'string' && (REFUSAL_REASONS as readonly string[]).includes(r);

export function refusalText(t: TFunction, reason: string): string {
  return isRefusalReason(reason) ? t(`written.refusal.${reason}`) : t('errors.refused');
}

/** One sentence for a failed call of the flow, with the domain's reason where there is one. */
export function flowErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && isRefusalReason(error.reason)) {
    return t(`written.refusal.${error.reason}`);
  }
  return errorMessage(t, error);
}
