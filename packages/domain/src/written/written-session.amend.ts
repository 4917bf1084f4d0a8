// An exam changed after its sittings were created: `amend-terms` gives a sitting the new terms.
// A sitting copies its terms when created so that nothing moves under a running sitting by
// accident; an amendment is the deliberate way, and it may only give time, never take it.
import type { EpochMs } from '../common/time.types.ts';
import type { SessionEffect } from '../common/effect.types.ts';
import type {
  SessionTerms,
  WrittenEventOf,
  WrittenSessionState,
  WrittenStatus,
  WrittenTransitionResult,
} from './written-session.types.ts';
import { refuse } from '../common/result.types.ts';
import { timeOutModes } from '../exam/exam-config.defaults.ts';
import { deadlineFor, freeMs, timesOutAt } from './written-session.deadline.ts';
import { notifyStudent, succeed } from './written-session.effects.ts';

/** Sittings an amendment reaches: those not ended. */
export const amendableStatuses: readonly WrittenStatus[] = [
  'scheduled',
  'checking_in',
  'awaiting_approval',
  'rejected',
  'in_progress',
  'paused',
];

export type TermsChangeProblem = 'cuts-running-sitting';

const atWork = (s: WrittenSessionState): boolean =>
  s.status === 'in_progress' || s.status === 'paused';

const finiteAtLeast = (value: unknown, min: number): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value >= min;

/** The fields of new terms that cannot work, by path (empty: they can). */
export function sessionTermsProblems(t: SessionTerms): string[] {
  const problems: string[] = [];
  const w = t.window;
  if (!(Number.isFinite(w.opensAt) && Number.isFinite(w.closesAt) && w.closesAt > w.opensAt)) {
    problems.push('window');
  }
  if (!(finiteAtLeast(t.durationMinutes, 0) && t.durationMinutes > 0)) {
    problems.push('durationMinutes');
  }
  if (!finiteAtLeast(t.checkInLeadMinutes, 0)) problems.push('checkInLeadMinutes');
  if (!(Number.isInteger(t.maxCheckInAttempts) && t.maxCheckInAttempts >= 1)) {
    problems.push('maxCheckInAttempts');
  }
  if (!finiteAtLeast(t.compensation.maxMinutes, 0)) problems.push('compensation.maxMinutes');
  if (!(finiteAtLeast(t.warningAckLimitSeconds, 0) && t.warningAckLimitSeconds > 0)) {
    problems.push('warningAckLimitSeconds');
  }
  if (t.timeOut) {
    if (!timeOutModes.includes(t.timeOut.mode)) problems.push('timeOut.mode');
    if (!finiteAtLeast(t.timeOut.graceMinutes, 0)) problems.push('timeOut.graceMinutes');
  }
  return problems;
}

/**
 * The sitting under `next` terms: the terms copied in and, at work, the deadline recomputed
 * from the start of work, the compensation granted so far and the new duration and close.
 */
export function withTerms(state: WrittenSessionState, next: SessionTerms): WrittenSessionState {
  const terms: SessionTerms = {
    ...next,
    window: { ...next.window },
    compensation: { ...next.compensation },
    ...(next.timeOut ? { timeOut: { ...next.timeOut } } : {}),
    ...(next.accommodation
      ? {
          accommodation: {
            ...next.accommodation,
            skippedChecks: [...next.accommodation.skippedChecks],
          },
        }
      : {}),
  };
  const deadline =
    atWork(state) && state.workStartedAt !== null
      ? deadlineFor(terms, state.workStartedAt, state.compensationGrantedMs, freeMs(state))
      : state.deadline;
  return { ...state, terms, deadline };
}

const earlier = (before: EpochMs | null, after: EpochMs | null): boolean =>
  before !== null && (after === null || after < before);

/**
 * Whether giving the sitting `next` terms at `now` would take time from a student who has
 * begun: at work, a deadline, or the moment time ends the sitting (grace period, a paused
 * sitting's latest possible deadline), earlier than it is now — a shorter duration, an earlier
 * close, a smaller compensation cap while paused, less or no grace; in check-in, a window that
 * has closed by `now`. Sittings not begun, and ended ones, are never cut. Null: no problem.
 */
export function termsChangeProblem(
  state: WrittenSessionState,
  next: SessionTerms,
  now: EpochMs,
): TermsChangeProblem | null {
  if (atWork(state)) {
    const after = withTerms(state, next);
    return earlier(state.deadline, after.deadline) || earlier(timesOutAt(state), timesOutAt(after))
      ? 'cuts-running-sitting'
      : null;
  }
  const checkingIn = state.status === 'checking_in' || state.status === 'awaiting_approval';
  if (checkingIn && now < state.terms.window.closesAt && now >= next.window.closesAt) {
    return 'cuts-running-sitting';
  }
  return null;
}

export function amendTerms(
  s: WrittenSessionState,
  e: WrittenEventOf<'amend-terms'>,
  now: EpochMs,
): WrittenTransitionResult {
  if (sessionTermsProblems(e.terms).length > 0) return refuse('invalid-terms');
  if (termsChangeProblem(s, e.terms, now) !== null) return refuse('cuts-running-sitting');
  const after = withTerms(s, e.terms);
  const effects: SessionEffect[] = [];
  const endsAt = timesOutAt(after);
  if (endsAt !== null) effects.push({ type: 'schedule-deadline', at: endsAt });
  const waitsForOpening =
    s.status === 'awaiting_approval' &&
    (s.identityApprovedAt !== null || !after.terms.liveProctoring);
  if (waitsForOpening)
    effects.push({ type: 'schedule-auto-start', at: after.terms.window.opensAt });
  // The student is told only when their time changed; the page reloads the sitting anyway.
  if (after.deadline !== s.deadline || endsAt !== timesOutAt(s)) {
    effects.push(
      notifyStudent(
        'session.terms-amended',
        after.deadline !== null ? { deadline: after.deadline } : {},
      ),
    );
  }
  return succeed(s, { terms: after.terms, deadline: after.deadline }, e, now, effects, {
    previousDeadline: s.deadline,
    deadline: after.deadline,
  });
}
