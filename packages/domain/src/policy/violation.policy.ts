import type { EpochMs } from '../common/time.types.ts';
import type { ViolationPolicy } from '../exam/exam-config.defaults.ts';
import type { Flag, FlagCategory } from '../signals/flag.types.ts';
import type { Warning } from '../written/written-session.types.ts';
import { SECOND_MS } from '../common/time.types.ts';

/**
 * Not responded to: not acknowledged within the limit. A late acknowledgement is recorded but
 * does not undo the silence (seed: "does not respond to warnings").
 */
export function isWarningUnacknowledged(
  warning: Warning,
  now: EpochMs,
  limitSeconds: number,
): boolean {
  const dueAt = warning.issuedAt + limitSeconds * SECOND_MS;
  if (warning.acknowledgedAt !== null) return warning.acknowledgedAt > dueAt;
  return now > dueAt;
}

export type TerminationGround = 'gross-violations' | 'unacknowledged-warnings';

export interface ViolationAssessment {
  grossViolations: number;
  unacknowledgedWarnings: number;
  /** A proposal shown to the proctor. Never an action: a person decides. */
  proposeTermination: boolean;
  grounds: TerminationGround[];
}

/** Seed: "if there are several gross violations, or the student does not respond to warnings". */
export function assessViolations(
  input: { flags: readonly Flag[]; warnings: readonly Warning[]; now: EpochMs },
  policy: ViolationPolicy,
): ViolationAssessment {
  const grossViolations = input.flags.filter((f) => f.severity === 'gross').length;
  const unacknowledgedWarnings = input.warnings.filter((w) =>
    isWarningUnacknowledged(w, input.now, policy.warningAckLimitSeconds),
  ).length;
  const grounds: TerminationGround[] = [];
  if (grossViolations >= policy.grossViolationsToProposeTermination) {
    grounds.push('gross-violations');
  }
  if (unacknowledgedWarnings >= policy.unacknowledgedWarningsToProposeTermination) {
    grounds.push('unacknowledged-warnings');
  }
  return {
    grossViolations,
    unacknowledgedWarnings,
    proposeTermination: grounds.length > 0,
    grounds,
  };
}

export interface WarningProposal {
  category: FlagCategory;
  flagStartAt: EpochMs;
  templateKey: `warning.${FlagCategory}`;
}

/**
 * Gross flags the proctor has not yet answered with a warning of the same category (issued at or
 * after the flag began): suggestions for the proctor's queue, one per category.
 */
export function proposeWarnings(
  flags: readonly Flag[],
  warnings: readonly Warning[],
): WarningProposal[] {
  const proposals = new Map<FlagCategory, WarningProposal>();
  for (const flag of flags) {
    if (flag.severity !== 'gross' || proposals.has(flag.category)) continue;
    const answered = warnings.some(
      (w) => w.category === flag.category && w.issuedAt >= flag.startAt,
    );
    if (!answered) {
      proposals.set(flag.category, {
        category: flag.category,
        flagStartAt: flag.startAt,
        templateKey: `warning.${flag.category}`,
      });
    }
  }
  return [...proposals.values()];
}
