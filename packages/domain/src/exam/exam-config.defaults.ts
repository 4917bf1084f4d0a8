import type { EpochMs } from '../common/time.types.ts';
import type { FlagThresholdOverrides, FlagThresholds } from '../signals/flag.thresholds.ts';
import { resolveFlagThresholds, thresholdProblems } from '../signals/flag.thresholds.ts';

/** When the exam may be taken. Work cannot go past `closesAt`, whatever the duration. */
export interface ExamWindow {
  opensAt: EpochMs;
  closesAt: EpochMs;
}

/**
 * Extra time for incidents. The seed lets a student report a technical failure; the clock stops
 * for it only when the policy is automatic or a proctor grants it, never beyond `maxMinutes`.
 */
export interface CompensationPolicy {
  /** Every pause (incident) is given back automatically, up to the cap. */
  automatic: boolean;
  /** Cap on all compensation of one session; 0 = none at all. */
  maxMinutes: number;
}

/**
 * What happens when a student's time runs out. `submit`: the last saved answer is handed in at
 * the deadline. `grace`: the student may go on saving and submit for `graceMinutes` more; what
 * comes in after the deadline is marked late, and the last saved answer is handed in at the end
 * of the grace period. `refuse`: work ends at the deadline and the sitting is recorded as not
 * handed in (the saved answer is kept as it was, for the examiner).
 */
export const timeOutModes = ['submit', 'grace', 'refuse'] as const;
export type TimeOutMode = (typeof timeOutModes)[number];

export interface TimeOutPolicy {
  mode: TimeOutMode;
  /** Used by `grace` only. The grace period may run past the window's close (ADR 0002). */
  graceMinutes: number;
}

/** When the system *proposes* termination. A proposal is never an action: a person decides. */
export interface ViolationPolicy {
  grossViolationsToProposeTermination: number;
  unacknowledgedWarningsToProposeTermination: number;
  /** A warning not acknowledged within this many seconds counts as not responded to. */
  warningAckLimitSeconds: number;
}

export interface ExamConfig {
  window: ExamWindow;
  durationMinutes: number;
  /** Check-in opens this long before `window.opensAt` (the seed: 15-20 minutes). */
  checkInLeadMinutes: number;
  /** Identity check-ins a student may make, the first one included. */
  maxCheckInAttempts: number;
  /** A proctor watches live and approves identity; without one, work starts after check-in. */
  liveProctoring: boolean;
  compensation: CompensationPolicy;
  timeOut: TimeOutPolicy;
  thresholds: FlagThresholds;
  violationPolicy: ViolationPolicy;
}

/** Everything but the window and duration, which every exam must state. */
export const defaultExamConfig: Omit<ExamConfig, 'window' | 'durationMinutes'> = {
  checkInLeadMinutes: 20,
  maxCheckInAttempts: 3,
  liveProctoring: true,
  compensation: { automatic: false, maxMinutes: 30 },
  timeOut: { mode: 'submit', graceMinutes: 0 },
  thresholds: resolveFlagThresholds(),
  violationPolicy: {
    // "Several gross violations": the smallest reading of "several", as a proposal only.
    grossViolationsToProposeTermination: 2,
    unacknowledgedWarningsToProposeTermination: 2,
    warningAckLimitSeconds: 60,
  },
};

export interface ExamConfigInput {
  window: ExamWindow;
  durationMinutes: number;
  checkInLeadMinutes?: number;
  maxCheckInAttempts?: number;
  liveProctoring?: boolean;
  compensation?: Partial<CompensationPolicy>;
  timeOut?: Partial<TimeOutPolicy>;
  thresholds?: FlagThresholdOverrides;
  violationPolicy?: Partial<ViolationPolicy>;
}

/** An exam's config: the defaults with what the examiner set laid over them. */
export function makeExamConfig(input: ExamConfigInput): ExamConfig {
  const d = defaultExamConfig;
  return {
    window: { ...input.window },
    durationMinutes: input.durationMinutes,
    checkInLeadMinutes: input.checkInLeadMinutes ?? d.checkInLeadMinutes,
    maxCheckInAttempts: input.maxCheckInAttempts ?? d.maxCheckInAttempts,
    liveProctoring: input.liveProctoring ?? d.liveProctoring,
    compensation: { ...d.compensation, ...input.compensation },
    timeOut: { ...d.timeOut, ...input.timeOut },
    thresholds: resolveFlagThresholds(input.thresholds),
    violationPolicy: { ...d.violationPolicy, ...input.violationPolicy },
  };
}

export type ExamConfigCheck =
  { ok: true } | { ok: false; reason: 'invalid-config'; problems: string[] };

const finiteAtLeast = (value: number, min: number): boolean =>
  Number.isFinite(value) && value >= min;

/** The fields of a config that cannot work, by path; an examiner's form shows them. */
export function validateExamConfig(config: ExamConfig): ExamConfigCheck {
  const problems: string[] = [];
  const { window: w, violationPolicy: v } = config;
  if (!Number.isFinite(w.opensAt) || !Number.isFinite(w.closesAt) || w.closesAt <= w.opensAt) {
    problems.push('window');
  }
  if (!(Number.isFinite(config.durationMinutes) && config.durationMinutes > 0)) {
    problems.push('durationMinutes');
  }
  if (!finiteAtLeast(config.checkInLeadMinutes, 0)) problems.push('checkInLeadMinutes');
  if (!(Number.isInteger(config.maxCheckInAttempts) && config.maxCheckInAttempts >= 1)) {
    problems.push('maxCheckInAttempts');
  }
  if (!finiteAtLeast(config.compensation.maxMinutes, 0)) problems.push('compensation.maxMinutes');
  if (!timeOutModes.includes(config.timeOut.mode)) problems.push('timeOut.mode');
  if (!finiteAtLeast(config.timeOut.graceMinutes, 0)) problems.push('timeOut.graceMinutes');
  if (!(
    Number.isInteger(v.grossViolationsToProposeTermination) &&
    v.grossViolationsToProposeTermination >= 1
  )) {
    problems.push('violationPolicy.grossViolationsToProposeTermination');
  }
  if (!(
    Number.isInteger(v.unacknowledgedWarningsToProposeTermination) &&
    v.unacknowledgedWarningsToProposeTermination >= 1
  )) {
    problems.push('violationPolicy.unacknowledgedWarningsToProposeTermination');
  }
  if (!(Number.isFinite(v.warningAckLimitSeconds) && v.warningAckLimitSeconds > 0)) {
    problems.push('violationPolicy.warningAckLimitSeconds');
  }
  problems.push(...thresholdProblems(config.thresholds));
  return problems.length === 0 ? { ok: true } : { ok: false, reason: 'invalid-config', problems };
}
