import type { EpochMs } from '../common/time.types.ts';
import type {
  WrittenEvent,
  WrittenEventOf,
  WrittenEventType,
  WrittenSessionState,
  WrittenTransitionResult,
} from './written-session.types.ts';
import { guardTransition } from '../common/transition.guards.ts';
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
  addTime,
  deadlineReached,
  endBreak,
  grantCompensation,
  issueWarning,
  pause,
  resume,
  saveAnswer,
  startBreak,
  submit,
  terminate,
} from './written-session.work.ts';
import { accept, annul, beginReview } from './written-session.review.ts';
import { amendTerms } from './written-session.amend.ts';
import { recordRoomScan, requestRoomScan } from './written-session.room-scan.ts';

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
  'add-time': addTime,
  'start-break': startBreak,
  'end-break': endBreak,
  'issue-warning': issueWarning,
  'acknowledge-warning': acknowledgeWarning,
  'request-room-scan': requestRoomScan,
  'record-room-scan': recordRoomScan,
  'deadline-reached': deadlineReached,
  terminate,
  'begin-review': beginReview,
  accept,
  annul,
  'amend-terms': amendTerms,
};

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
  const refused = guardTransition(state, event, now, writtenRowFor(event.type));
  if (refused) return refused;
  const handle = handlers[event.type] as (
    s: WrittenSessionState,
    e: WrittenEvent,
    now: EpochMs,
  ) => WrittenTransitionResult;
  return handle(state, event, now);
}
