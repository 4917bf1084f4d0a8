import type { EpochMs } from '../common/time.types.ts';
import type {
  WrittenEvent,
  WrittenEventOf,
  WrittenEventType,
  WrittenSessionState,
  WrittenTransitionResult,
} from './written-session.types.ts';
import { isNonEmptyText, refuse } from '../common/result.types.ts';
import { writtenRowFor } from './written-session.table.ts';
import {
  approveIdentity,
  autoStart,
  beginCheckIn,
  completeCheckIn,
  rejectIdentity,
  retryCheckIn,
} from './written-session.check-in.ts';
import {
  acknowledgeWarning,
  deadlineReached,
  grantCompensation,
  issueWarning,
  pause,
  resume,
  saveAnswer,
  submit,
  terminate,
} from './written-session.work.ts';
import { accept, annul, beginReview } from './written-session.review.ts';

type Handlers = {
  [T in WrittenEventType]: (
    state: WrittenSessionState,
    event: WrittenEventOf<T>,
    now: EpochMs,
  ) => WrittenTransitionResult;
};

const handlers: Handlers = {
  'begin-check-in': beginCheckIn,
  'complete-check-in': completeCheckIn,
  'approve-identity': approveIdentity,
  'reject-identity': rejectIdentity,
  'retry-check-in': retryCheckIn,
  'auto-start': autoStart,
  'save-answer': saveAnswer,
  submit,
  pause,
  resume,
  'grant-compensation': grantCompensation,
  'issue-warning': issueWarning,
  'acknowledge-warning': acknowledgeWarning,
  'deadline-reached': deadlineReached,
  terminate,
  'begin-review': beginReview,
  accept,
  annul,
};

const hasReason = (event: WrittenEvent): boolean =>
  'reason' in event && isNonEmptyText(event.reason);

/**
 * The written-exam session machine: pure, no clock of its own (`now` is server time, epoch ms).
 * Checks, in order: time, who may send the event at all, a student's ownership, the state
 * (from `writtenSessionTable`), the reason, then the event's own conditions. Refusals are
 * values; the given state is never modified.
 */
export function transition(
  state: WrittenSessionState,
  event: WrittenEvent,
  now: EpochMs,
): WrittenTransitionResult {
  if (!Number.isFinite(now)) return refuse('invalid-time');
  if (state.lastEventAt !== null && now < state.lastEventAt) return refuse('stale-time');
  const row = writtenRowFor(event.type);
  if (!row) return refuse('not-allowed-in-state');
  if (!row.actors.includes(event.actor.role)) return refuse('actor-not-allowed');
  if (event.actor.role === 'student' && event.actor.userId !== state.studentId) {
    return refuse('not-your-session');
  }
  if (!row.from.includes(state.status)) return refuse('not-allowed-in-state');
  if (row.reasonRequired && !hasReason(event)) return refuse('reason-required');
  const handle = handlers[event.type] as (
    s: WrittenSessionState,
    e: WrittenEvent,
    now: EpochMs,
  ) => WrittenTransitionResult;
  return handle(state, event, now);
}
