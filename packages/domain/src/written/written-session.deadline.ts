import type { EpochMs } from '../common/time.types.ts';
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
