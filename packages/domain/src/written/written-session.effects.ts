import type { JsonValue } from '../common/json.types.ts';
import type { EpochMs } from '../common/time.types.ts';
import type { NotificationKey, NotificationParams, SessionEffect } from '../common/effect.types.ts';
import type {
  Incident,
  WrittenEvent,
  WrittenSessionState,
  WrittenTransitionResult,
} from './written-session.types.ts';
import { deadlineFor, timeOutOf, timesOutAt } from './written-session.deadline.ts';

type Patch = Partial<WrittenSessionState>;

/** The accepted transition: the patched state, its audit entry first, then the other effects. */
export function succeed(
  before: WrittenSessionState,
  patch: Patch,
  event: WrittenEvent,
  now: EpochMs,
  effects: SessionEffect[] = [],
  auditExtra: Record<string, JsonValue> = {},
): WrittenTransitionResult {
  const state: WrittenSessionState = { ...before, ...patch, lastEventAt: now };
  const { type, actor, ...fields } = event;
  const audit: SessionEffect = {
    type: 'audit',
    entry: {
      at: now,
      actor: { ...actor },
      type: `written.${type}`,
      payload: {
        sessionId: before.sessionId,
        from: before.status,
        to: state.status,
        // Events are plain JSON by construction (amended terms included), like the states.
        ...(fields as Record<string, JsonValue>),
        ...auditExtra,
      },
    },
  };
  return { ok: true, state, effects: [audit, ...effects] };
}

export const notifyStudent = (
  key: NotificationKey,
  params: NotificationParams = {},
): SessionEffect => ({ type: 'notify-student', key, params });

export const notifyProctors = (
  key: NotificationKey,
  params: NotificationParams = {},
): SessionEffect => ({ type: 'notify-proctors', key, params });

/** Work begins now: the deadline is set and armed. */
export function startWork(
  state: WrittenSessionState,
  now: EpochMs,
): { patch: Patch; effects: SessionEffect[] } {
  const deadline = deadlineFor(state.terms, now, state.compensationGrantedMs);
  const patch: Patch = { status: 'in_progress', workStartedAt: now, deadline };
  return {
    patch,
    effects: [
      { type: 'schedule-deadline', at: timesOutAt({ ...state, ...patch }) ?? deadline },
      notifyStudent('session.started', { deadline }),
    ],
  };
}

/** Closes the open incident (if any) at `now`, recording the time given back for it. */
export function closeIncident(
  incidents: readonly Incident[],
  now: EpochMs,
  compensatedMs = 0,
): Incident[] {
  return incidents.map((incident) =>
    incident.endedAt === null ? { ...incident, endedAt: now, compensatedMs } : incident,
  );
}

/** Work ends now; the last saved answer is frozen as the final one. */
export const endWork = (state: WrittenSessionState, now: EpochMs): Patch => ({
  finalAnswerHash: state.lastSavedAnswerHash,
  endedAt: now,
  pausedAt: null,
  incidents: closeIncident(state.incidents, now),
});

/**
 * Time is up: the last saved answer is frozen. Under `submit` and `grace` it is handed in (late
 * if it was saved in the grace period); under `refuse` it is kept but recorded as not handed in.
 */
export function timeOut(
  state: WrittenSessionState,
  now: EpochMs,
): { patch: Patch; effects: SessionEffect[]; audit: Record<string, JsonValue> } {
  const { mode } = timeOutOf(state.terms);
  const ended: Patch = { ...endWork(state, now), status: 'timed_out' };
  if (mode === 'refuse') {
    return {
      patch: { ...ended, late: false, notSubmitted: true },
      effects: [notifyStudent('session.timed-out', { notSubmitted: 1 })],
      audit: { timeOut: mode, notSubmitted: true },
    };
  }
  const savedAt = state.lastSavedAt ?? null;
  const late =
    mode === 'grace' && state.deadline !== null && savedAt !== null && savedAt >= state.deadline;
  return {
    patch: { ...ended, late, notSubmitted: false },
    effects: [
      { type: 'auto-submit', answerHash: state.lastSavedAnswerHash },
      notifyStudent('session.timed-out', late ? { late: 1 } : {}),
    ],
    audit: { timeOut: mode, late },
  };
}
