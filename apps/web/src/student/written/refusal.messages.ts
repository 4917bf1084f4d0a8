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
  'second-camera-missing',
  'second-camera-unconfirmed',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const isRefusalReason = (r: unknown): r is RefusalReason =>
  typeof r === 'string' && (REFUSAL_REASONS as readonly string[]).includes(r);

/** Refusals by the exam's own settings (word limit, attachment types): `examRules.refusal.*`. */
export const EXAM_RULE_REFUSALS = ['word-limit-exceeded', 'attachment-type-not-allowed'] as const;
const isExamRuleRefusal = (r: unknown): r is (typeof EXAM_RULE_REFUSALS)[number] =>
  typeof r === 'string' && (EXAM_RULE_REFUSALS as readonly string[]).includes(r);

/** Uploads whose bytes are not what they say (ADR 0019): `uploads.refusal.*`. */
export const UPLOAD_REFUSALS = ['not-a-picture', 'content-not-of-type'] as const;
const isUploadRefusal = (r: unknown): r is (typeof UPLOAD_REFUSALS)[number] =>
  typeof r === 'string' && (UPLOAD_REFUSALS as readonly string[]).includes(r);

export function refusalText(t: TFunction, reason: string): string {
  if (isUploadRefusal(reason)) return t(`uploads.refusal.${reason}`);
  if (isExamRuleRefusal(reason)) return t(`examRules.refusal.${reason}`);
  return isRefusalReason(reason) ? t(`written.refusal.${reason}`) : t('errors.refused');
}

/** One sentence for a failed call of the flow, with the domain's reason where there is one. */
export function flowErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && isUploadRefusal(error.reason)) {
    return t(`uploads.refusal.${error.reason}`);
  }
  if (error instanceof ApiError && isExamRuleRefusal(error.reason)) {
    return t(`examRules.refusal.${error.reason}`);
  }
  if (error instanceof ApiError && isRefusalReason(error.reason)) {
    return t(`written.refusal.${error.reason}`);
  }
  return errorMessage(t, error);
}
