// How an exam is graded: its maximum, its scale, and what an annulled sitting gets.
import { gradingScaleIds, type GradingScaleId } from './grading.scale.ts';

export interface GradingPolicy {
  /** The most points a sitting can get (also the LMS grade column's maximum). */
  maxScore: number;
  scale: GradingScaleId;
  /**
   * An annulled sitting is graded zero (with the annulment's reason as the comment) and that
   * zero is reported to the LMS. Off: an annulled sitting gets no grade and nothing is sent.
   */
  annulledScoresZero: boolean;
}

export const defaultGradingPolicy: GradingPolicy = {
  maxScore: 100,
  scale: 'kz-letter-100',
  annulledScoresZero: true,
};

/** Upper bound of any exam's maximum: a typo guard, not a rule of the seed. */
export const MAX_SCORE_LIMIT = 1000;

export function makeGradingPolicy(input: Partial<GradingPolicy> = {}): GradingPolicy {
  return { ...defaultGradingPolicy, ...input };
}

export type GradingPolicyCheck = { ok: true } | { ok: false; problems: string[] };

export function validateGradingPolicy(p: GradingPolicy): GradingPolicyCheck {
  const problems: string[] = [];
  if (!(Number.isFinite(p.maxScore) && p.maxScore > 0 && p.maxScore <= MAX_SCORE_LIMIT))
    problems.push('maxScore');
  if (!gradingScaleIds.includes(p.scale)) problems.push('scale');
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
