import type { EpochMs } from '../common/time.types.ts';
import type { TimeOutPolicy } from '../exam/exam-config.defaults.ts';
import type { SessionTerms, WrittenSessionState, WrittenStatus } from './written-session.types.ts';
import { minutesToMs } from '../common/time.types.ts';

/** Check-in opens the lead before the window opens (the seed: 15-20 minutes before). */
export const checkInOpensAt = (terms: SessionTerms): EpochMs =>
  terms.window.opensAt - minutesToMs(terms.checkInLeadMinutes);

/** Deadline = min(start of work + duration + granted compensation, end of the exam window). */
export const deadlineFor = (
  terms: SessionTerms,
  workStartedAt: EpochMs,
  compensationMs: number,
): EpochMs =>
  Math.min(
    workStartedAt + minutesToMs(terms.durationMinutes) + compensationMs,
    terms.window.closesAt,
  );

/** Compensation the policy still allows this session. */
export const compensationLeftMs = (state: WrittenSessionState): number =>
  Math.max(0, minutesToMs(state.terms.compensation.maxMinutes) - state.compensationGrantedMs);

/** The latest deadline any further compensation could give; null before work starts. */
export function latestPossibleDeadline(state: WrittenSessionState): EpochMs | null {
  if (state.workStartedAt === null || state.deadline === null) return null;
  const possible = deadlineFor(
    state.terms,
    state.workStartedAt,
    state.compensationGrantedMs + compensationLeftMs(state),
  );
  return Math.max(possible, state.deadline);
}

/** How the sitting's time runs out; states stored before the setting existed ran under `submit`. */
export function timeOutOf(terms: SessionTerms): TimeOutPolicy {
  const t = terms.timeOut as Partial<TimeOutPolicy> | null | undefined;
  const mode = t?.mode === 'grace' || t?.mode === 'refuse' ? t.mode : 'submit';
  const minutes = t?.graceMinutes;
  return {
    mode,
    graceMinutes:
      typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0 ? minutes : 0,
  };
}

/** The grace period after the deadline: only in the `grace` mode. */
export function graceMs(terms: SessionTerms): number {
  const t = timeOutOf(terms);
  return t.mode === 'grace' ? minutesToMs(t.graceMinutes) : 0;
}

/**
 * Until when an answer is taken (saved or submitted): the deadline, plus the grace period in the
 * `grace` mode. The grace period may run past the window's close: the close caps the deadline,
 * and the grace period is the time after it. Null before work starts.
 */
export function handInUntil(state: WrittenSessionState): EpochMs | null {
  return state.deadline === null ? null : state.deadline + graceMs(state.terms);
}

/**
 * When time ends the sitting (`deadline-reached`): in progress, at the end of the grace period
 * (the deadline without one); paused, the same after the latest deadline any grant could give.
 * Null when the sitting is not at work. The server's sweeper wakes the sitting then.
 */
export function timesOutAt(state: WrittenSessionState): EpochMs | null {
  if (state.status !== 'in_progress' && state.status !== 'paused') return null;
  const limit = state.status === 'paused' ? latestPossibleDeadline(state) : state.deadline;
  return limit === null ? null : limit + graceMs(state.terms);
}

/** Milliseconds of work left at `now`, or null when the session is not at work. */
export function remainingMs(state: WrittenSessionState, now: EpochMs): number | null {
  if (state.deadline === null || (state.status !== 'in_progress' && state.status !== 'paused')) {
    return null;
  }
  return Math.max(0, state.deadline - now);
}

const NOT_STARTED: readonly WrittenStatus[] = [
  'scheduled',
  'checking_in',
  'awaiting_approval',
  'rejected',
];

/** A session that never started work and whose window has closed: the student did not sit it. */
export const isNoShow = (state: WrittenSessionState, now: EpochMs): boolean =>
  now >= state.terms.window.closesAt && NOT_STARTED.includes(state.status);
