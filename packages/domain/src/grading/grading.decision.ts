// The examiner's decision on a finished sitting, checked: a score within the exam's maximum on a
// sitting that may be graded, or the zero an annulled sitting gets when the policy says so.
import { isNonEmptyText, type Refusal } from '../common/result.types.ts';
import type { EpochMs } from '../common/time.types.ts';
import type { GradingPolicy } from './grading.policy.ts';
import { gradeForScore, gradingScales } from './grading.scale.ts';

/** The sitting states (written and oral) in which the work is over and a grade may be given. */
export const gradableStatuses = [
  'submitted',
  'timed_out',
  'terminated',
  'under_review',
  'accepted',
  'graded',
] as const;

export type GradingRefusalReason =
  | 'invalid-time'
  | 'not-gradable-in-state'
  | 'score-not-a-number'
  | 'score-out-of-range'
  | 'score-too-precise'
  | 'comment-too-long'
  | 'reason-required'
  | 'not-annulled'
  | 'annulled-not-scored';

export type GradeOutcome = 'graded' | 'annulled';

/** A grade as recorded for a sitting and reported to the LMS. */
export interface SittingGrade {
  outcome: GradeOutcome;
  score: number;
  maxScore: number;
  percent: number;
  grade: string;
  points: number | null;
  passed: boolean;
  comment: string | null;
  gradedAt: EpochMs;
}

export const MAX_COMMENT_LENGTH = 2000;

export type GradeDecision = { ok: true; grade: SittingGrade } | Refusal<GradingRefusalReason>;

const refusal = (reason: GradingRefusalReason): Refusal<GradingRefusalReason> => ({
  ok: false,
  reason,
});

/** Scores are kept to two decimals (half points and quarter points are common). */
const twoDecimals = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

/** The examiner accepts the sitting with `score` points (and an optional comment). */
export function gradeSitting(input: {
  policy: GradingPolicy;
  status: string;
  score: number;
  comment?: string | null;
  now: EpochMs;
}): GradeDecision {
  const { policy, score, now } = input;
  if (!Number.isFinite(now)) return refusal('invalid-time');
  if (!(gradableStatuses as readonly string[]).includes(input.status))
    return refusal('not-gradable-in-state');
  if (typeof score !== 'number' || !Number.isFinite(score)) return refusal('score-not-a-number');
  if (score < 0 || score > policy.maxScore) return refusal('score-out-of-range');
  if (!twoDecimals(score)) return refusal('score-too-precise');
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > MAX_COMMENT_LENGTH) return refusal('comment-too-long');
  const scaled = gradeForScore(gradingScales[policy.scale], score, policy.maxScore);
  return {
    ok: true,
    grade: {
      outcome: 'graded',
      score,
      maxScore: policy.maxScore,
      ...scaled,
      comment,
      gradedAt: now,
    },
  };
}

/**
 * What an annulled sitting gets: zero with the reason as the comment when the policy scores
 * annulments, else a refusal (`annulled-not-scored`: record nothing, send nothing).
 */
export function gradeAnnulment(input: {
  policy: GradingPolicy;
  status: string;
  reason: string | null;
  /** The comment's first word in the student's language; the server translates it. */
  label?: string;
  now: EpochMs;
}): GradeDecision {
  const { policy, now } = input;
  if (!Number.isFinite(now)) return refusal('invalid-time');
  if (input.status !== 'annulled') return refusal('not-annulled');
  if (!isNonEmptyText(input.reason)) return refusal('reason-required');
  if (!policy.annulledScoresZero) return refusal('annulled-not-scored');
  const scaled = gradeForScore(gradingScales[policy.scale], 0, policy.maxScore);
  return {
    ok: true,
    grade: {
      outcome: 'annulled',
      score: 0,
      maxScore: policy.maxScore,
      ...scaled,
      comment: `${input.label ?? 'Annulled'}: ${input.reason.trim()}`.slice(0, MAX_COMMENT_LENGTH),
      gradedAt: now,
    },
  };
}
