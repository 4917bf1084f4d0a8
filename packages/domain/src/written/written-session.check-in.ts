import type { EpochMs } from '../common/time.types.ts';
import type {
  WrittenEventOf,
  WrittenSessionState,
  WrittenTransitionResult,
} from './written-session.types.ts';
import { isNonEmptyText, refuse } from '../common/result.types.ts';
import { checkInOpensAt } from './written-session.deadline.ts';
import { notifyProctors, notifyStudent, startWork, succeed } from './written-session.effects.ts';

export function beginCheckIn(
  s: WrittenSessionState,
  e: WrittenEventOf<'begin-check-in'>,
  now: EpochMs,
): WrittenTransitionResult {
  if (now < checkInOpensAt(s.terms)) return refuse('check-in-not-open');
  if (now >= s.terms.window.closesAt) return refuse('window-closed');
  return succeed(
    s,
    { status: 'checking_in', checkInAttempts: s.checkInAttempts + 1, checkInStartedAt: now },
    e,
    now,
  );
}

export function completeCheckIn(
  s: WrittenSessionState,
  e: WrittenEventOf<'complete-check-in'>,
  now: EpochMs,
): WrittenTransitionResult {
  const idDocumentHash = isNonEmptyText(e.idDocumentHash) ? e.idDocumentHash : null;
  if (idDocumentHash === null && e.idDocumentRequired !== false) return refuse('evidence-required');
  if (now >= s.terms.window.closesAt) return refuse('window-closed');
  const evidence = {
    checkInCompletedAt: now,
    idDocumentHash,
    roomScanHash: e.roomScanHash ?? null,
  };
  if (s.terms.liveProctoring) {
    return succeed(s, { ...evidence, status: 'awaiting_approval' }, e, now, [
      notifyProctors('session.awaiting-approval', {
        sessionId: s.sessionId,
        studentId: s.studentId,
      }),
    ]);
  }
  // No live proctor: nobody will press "start", so work starts at once (or at opening).
  if (now >= s.terms.window.opensAt) {
    const start = startWork(s, now);
    return succeed(s, { ...evidence, ...start.patch }, e, now, start.effects);
  }
  return succeed(s, { ...evidence, status: 'awaiting_approval' }, e, now, [
    { type: 'schedule-auto-start', at: s.terms.window.opensAt },
  ]);
}

export function approveIdentity(
  s: WrittenSessionState,
  e: WrittenEventOf<'approve-identity'>,
  now: EpochMs,
): WrittenTransitionResult {
  if (now >= s.terms.window.closesAt) return refuse('window-closed');
  if (now >= s.terms.window.opensAt) {
    const start = startWork(s, now);
    return succeed(s, { identityApprovedAt: now, ...start.patch }, e, now, start.effects);
  }
  return succeed(s, { identityApprovedAt: now }, e, now, [
    { type: 'schedule-auto-start', at: s.terms.window.opensAt },
    notifyStudent('session.identity-approved', { opensAt: s.terms.window.opensAt }),
  ]);
}

export function rejectIdentity(
  s: WrittenSessionState,
  e: WrittenEventOf<'reject-identity'>,
  now: EpochMs,
): WrittenTransitionResult {
  return succeed(
    s,
    { status: 'rejected', identityApprovedAt: null, lastRejectionReason: e.reason },
    e,
    now,
    [notifyStudent('session.identity-rejected', { reason: e.reason })],
  );
}

export function retryCheckIn(
  s: WrittenSessionState,
  e: WrittenEventOf<'retry-check-in'>,
  now: EpochMs,
): WrittenTransitionResult {
  if (now >= s.terms.window.closesAt) return refuse('window-closed');
  if (s.checkInAttempts >= s.terms.maxCheckInAttempts) {
    return refuse('check-in-attempts-exhausted');
  }
  return succeed(
    s,
    {
      status: 'checking_in',
      checkInAttempts: s.checkInAttempts + 1,
      checkInStartedAt: now,
      checkInCompletedAt: null,
    },
    e,
    now,
  );
}

export function autoStart(
  s: WrittenSessionState,
  e: WrittenEventOf<'auto-start'>,
  now: EpochMs,
): WrittenTransitionResult {
  if (s.terms.liveProctoring && s.identityApprovedAt === null) {
    return refuse('identity-not-approved');
  }
  if (now < s.terms.window.opensAt) return refuse('exam-not-open');
  if (now >= s.terms.window.closesAt) return refuse('window-closed');
  const start = startWork(s, now);
  return succeed(s, start.patch, e, now, start.effects);
}
