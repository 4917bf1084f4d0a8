import type { EpochMs } from '../common/time.types.ts';
import type { TimeOutPolicy } from '../exam/exam-config.defaults.ts';
import type {
  RestBreak,
  SessionTerms,
  WrittenSessionState,
  WrittenStatus,
} from './written-session.types.ts';
import type { Accommodation } from '../accommodation/accommodation.rules.ts';
import { NO_ACCOMMODATION } from '../accommodation/accommodation.rules.ts';
import { minutesToMs } from '../common/time.types.ts';

/** Check-in opens the lead before the window opens (the seed: 15-20 minutes before). */
export const checkInOpensAt = (terms: SessionTerms): EpochMs =>
  terms.window.opensAt - minutesToMs(terms.checkInLeadMinutes);

/** The student's accommodation in these terms (none: factor 1, nothing extra). */
export const accommodationOf = (terms: Pick<SessionTerms, 'accommodation'>): Accommodation =>
  terms.accommodation ?? NO_ACCOMMODATION;

/**
 * What the break helpers read of a sitting: its breaks and its accommodation (a whole state
 * will do; the signal service reads only these two).
 */
export interface BreakState {
  breaks?: WrittenSessionState['breaks'];
  terms: Pick<SessionTerms, 'accommodation'>;
}

/** The student's work time: the exam's duration × their factor + their extra minutes. */
export const workMs = (terms: SessionTerms): number => {
  const a = accommodationOf(terms);
  return minutesToMs(terms.durationMinutes * a.timeFactor + a.extraMinutes);
};

/** What the accommodation adds to the exam's duration (0 without one); never negative. */
export const extraWorkMs = (terms: SessionTerms): number =>
  Math.max(0, workMs(terms) - minutesToMs(terms.durationMinutes));

/**
 * The close for this student: their window's close moved by their extra time, so a student
 * who starts when everyone may start still gets all of it.
 */
export const closeFor = (terms: SessionTerms): EpochMs =>
  terms.window.closesAt + extraWorkMs(terms);

/**
 * Deadline = min(start of work + work time + granted compensation, the student's close), then
 * `freeMs` on top: time added during the sitting and rest breaks taken, which no close caps.
 */
export const deadlineFor = (
  terms: SessionTerms,
  workStartedAt: EpochMs,
  compensationMs: number,
  freeMs = 0,
): EpochMs => Math.min(workStartedAt + workMs(terms) + compensationMs, closeFor(terms)) + freeMs;

/** Rest breaks taken so far (states stored before breaks existed have none). */
export const breaksOf = (state: BreakState): readonly RestBreak[] => state.breaks ?? [];

/** The break the student is on now, if any. */
export const openBreak = (state: BreakState): RestBreak | null => {
  const last = breaksOf(state).at(-1);
  return last && last.endedAt === null ? last : null;
};

/** Break time used by the breaks that have ended. */
export const breakTakenMs = (state: BreakState): number =>
  breaksOf(state).reduce((sum, b) => sum + (b.endedAt === null ? 0 : b.endedAt - b.startedAt), 0);

/** Break time the accommodation still allows (the open break not counted). */
export const breakLeftMs = (state: BreakState): number =>
  Math.max(0, minutesToMs(accommodationOf(state.terms).breakMinutes) - breakTakenMs(state));

/** When the open break runs out of allowance; null when not on one. */
export function breakEndsAt(state: BreakState): EpochMs | null {
  const open = openBreak(state);
  return open === null ? null : open.startedAt + breakLeftMs(state);
}

/** Time outside the close's cap: added by people during the sitting, and breaks taken. */
export const freeMs = (state: WrittenSessionState): number =>
  (state.addedTimeMs ?? 0) + breakTakenMs(state);

/**
 * The deadline as it stands at `now`: on a break the clock stops, so the stored deadline moves
 * with the break (up to its allowance); otherwise the stored one.
 */
export function liveDeadline(state: WrittenSessionState, now: EpochMs): EpochMs | null {
  const open = openBreak(state);
  if (state.deadline === null || open === null) return state.deadline;
  return state.deadline + Math.max(0, Math.min(now, breakEndsAt(state)!) - open.startedAt);
}

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
    freeMs(state),
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

/** The grace period after the deadline: only in the `grace` mode; stretched by the time factor. */
export function graceMs(terms: SessionTerms): number {
  const t = timeOutOf(terms);
  return t.mode === 'grace' ? minutesToMs(t.graceMinutes * accommodationOf(terms).timeFactor) : 0;
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
  if (limit === null) return null;
  // On a break that runs to the end of its allowance, the clock resumes with all of it added.
  const onBreak = breakEndsAt(state);
  const breakRest = onBreak === null ? 0 : onBreak - openBreak(state)!.startedAt;
  return limit + breakRest + graceMs(state.terms);
}

/** When time should next act on the sitting: the end of a break's allowance, else `timesOutAt`. */
export const wakesAt = (state: WrittenSessionState): EpochMs | null =>
  breakEndsAt(state) ?? timesOutAt(state);

/** Milliseconds of work left at `now` (frozen on a break), or null when not at work. */
export function remainingMs(state: WrittenSessionState, now: EpochMs): number | null {
  if (state.deadline === null || (state.status !== 'in_progress' && state.status !== 'paused')) {
    return null;
  }
  const open = openBreak(state);
  return Math.max(0, state.deadline - (open === null ? now : Math.min(now, open.startedAt)));
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
