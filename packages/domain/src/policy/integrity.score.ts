import type { EpochMs } from '../common/time.types.ts';
import type { Flag, FlagCategory, Severity } from '../signals/flag.types.ts';
import type { Incident, Warning } from '../written/written-session.types.ts';
import { flagCategories } from '../signals/flag.types.ts';
import { isWarningUnacknowledged } from './violation.policy.ts';

/** Points deducted from 100. See README, "Integrity score", for the formula in words. */
export interface IntegrityWeights {
  grossFlag: number;
  minorFlag: number;
  /** Many minor flags of one category (a noisy detector) cost at most this much. */
  minorFlagCapPerCategory: number;
  warning: number;
  /** Added on top of `warning` when the warning was not acknowledged in time. */
  unacknowledgedWarning: number;
  incident: number;
  incidentCap: number;
}

export const defaultIntegrityWeights: IntegrityWeights = {
  grossFlag: 15,
  minorFlag: 2,
  minorFlagCapPerCategory: 10,
  warning: 5,
  unacknowledgedWarning: 5,
  incident: 2,
  incidentCap: 10,
};

/** One line of the explanation: what, how many, how many points it cost. */
export type IntegrityContribution =
  | { source: 'flags'; category: FlagCategory; severity: Severity; count: number; points: number }
  | { source: 'warnings'; count: number; points: number }
  | { source: 'unacknowledged-warnings'; count: number; points: number }
  | { source: 'incidents'; count: number; points: number };

export type IntegrityBand = 'high' | 'medium' | 'low';

export interface IntegrityReport {
  /** 0..100; 100 = nothing observed against the student. */
  score: number;
  band: IntegrityBand;
  /** Sorted by points, largest first; their points add up to 100 - score (before the floor at 0). */
  contributions: IntegrityContribution[];
}

export interface IntegrityInput {
  flags: readonly Flag[];
  warnings: readonly Warning[];
  incidents: readonly Incident[];
  now: EpochMs;
  warningAckLimitSeconds: number;
}

export const integrityBand = (score: number): IntegrityBand =>
  score >= 80 ? 'high' : score >= 50 ? 'medium' : 'low';

/** An aid for the reviewing examiner, never a verdict on its own. */
export function integrityScore(
  input: IntegrityInput,
  weights: IntegrityWeights = defaultIntegrityWeights,
): IntegrityReport {
  const contributions: IntegrityContribution[] = [];
  for (const category of flagCategories) {
    const ofCategory = input.flags.filter((f) => f.category === category);
    const gross = ofCategory.filter((f) => f.severity === 'gross').length;
    const minor = ofCategory.length - gross;
    if (gross > 0) {
      contributions.push({
        source: 'flags',
        category,
        severity: 'gross',
        count: gross,
        points: gross * weights.grossFlag,
      });
    }
    if (minor > 0) {
      const points = Math.min(minor * weights.minorFlag, weights.minorFlagCapPerCategory);
      contributions.push({ source: 'flags', category, severity: 'minor', count: minor, points });
    }
  }
  const warned = input.warnings.length;
  if (warned > 0) {
    contributions.push({ source: 'warnings', count: warned, points: warned * weights.warning });
  }
  const silent = input.warnings.filter((w) =>
    isWarningUnacknowledged(w, input.now, input.warningAckLimitSeconds),
  ).length;
  if (silent > 0) {
    contributions.push({
      source: 'unacknowledged-warnings',
      count: silent,
      points: silent * weights.unacknowledgedWarning,
    });
  }
  // A proctor's own pause is not the student's doing; failures on the student's side are.
  const incidents = input.incidents.filter((i) => i.reportedBy !== 'proctor').length;
  if (incidents > 0) {
    contributions.push({
      source: 'incidents',
      count: incidents,
      points: Math.min(incidents * weights.incident, weights.incidentCap),
    });
  }
  contributions.sort((a, b) => b.points - a.points);
  const deducted = contributions.reduce((sum, c) => sum + c.points, 0);
  const score = Math.max(0, 100 - deducted);
  return { score, band: integrityBand(score), contributions };
}
