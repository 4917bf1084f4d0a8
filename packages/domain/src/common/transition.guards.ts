// The checks every session machine makes before its handler runs, in this order: a sane
// clock, the event's row in the table, the actor, ownership, the state, a reason if required.
import type { Actor } from './actor.types.ts';
import { isNonEmptyText, refuse, type Refusal } from './result.types.ts';
import type { EpochMs } from './time.types.ts';
import type { TransitionRow } from './transition.types.ts';

export type GuardRefusal =
  | 'invalid-time'
  | 'stale-time'
  | 'not-allowed-in-state'
  | 'actor-not-allowed'
  | 'not-your-session'
  | 'reason-required';

/** A refusal, or null when the handler may run. */
export function guardTransition<S extends string, E extends string>(
  state: { status: S; lastEventAt: EpochMs | null; studentId: string },
  event: { type: E; actor: Actor },
  now: EpochMs,
  row: TransitionRow<S, E> | undefined,
): Refusal<GuardRefusal> | null {
  if (!Number.isFinite(now)) return refuse('invalid-time');
  if (state.lastEventAt !== null && now < state.lastEventAt) return refuse('stale-time');
  if (!row) return refuse('not-allowed-in-state');
  if (!row.actors.includes(event.actor.role)) return refuse('actor-not-allowed');
  if (event.actor.role === 'student' && event.actor.userId !== state.studentId) {
    return refuse('not-your-session');
  }
  if (!row.from.includes(state.status)) return refuse('not-allowed-in-state');
  if (row.reasonRequired && !hasReason(event)) return refuse('reason-required');
  return null;
}

const hasReason = (event: object): boolean =>
  'reason' in event && isNonEmptyText((event as { reason: unknown }).reason);
