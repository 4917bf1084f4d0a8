import type { EpochMs } from '../common/time.types.ts';
import type {
  WrittenEventOf,
  WrittenSessionState,
  WrittenTransitionResult,
} from './written-session.types.ts';
import { endWork, notifyStudent, succeed } from './written-session.effects.ts';

export function beginReview(
  s: WrittenSessionState,
  e: WrittenEventOf<'begin-review'>,
  now: EpochMs,
): WrittenTransitionResult {
  return succeed(s, { status: 'under_review', reviewStartedAt: now }, e, now);
}

export function accept(
  s: WrittenSessionState,
  e: WrittenEventOf<'accept'>,
  now: EpochMs,
): WrittenTransitionResult {
  return succeed(s, { status: 'accepted', decidedAt: now }, e, now, [
    notifyStudent('session.accepted'),
  ]);
}

export function annul(
  s: WrittenSessionState,
  e: WrittenEventOf<'annul'>,
  now: EpochMs,
): WrittenTransitionResult {
  const atWork = s.status === 'in_progress' || s.status === 'paused';
  return succeed(
    s,
    {
      ...(atWork ? endWork(s, now) : {}),
      status: 'annulled',
      decidedAt: now,
      annulmentReason: e.reason,
    },
    e,
    now,
    [notifyStudent('session.annulled', { reason: e.reason })],
  );
}
