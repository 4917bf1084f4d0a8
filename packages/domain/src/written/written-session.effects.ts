import type { JsonValue } from '../common/json.types.ts';
import type { EpochMs } from '../common/time.types.ts';
import type { NotificationKey, NotificationParams, SessionEffect } from '../common/effect.types.ts';
import type {
  Incident,
  WrittenEvent,
  WrittenSessionState,
  WrittenTransitionResult,
} from './written-session.types.ts';
import { deadlineFor } from './written-session.deadline.ts';

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
        ...fields,
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
  return {
    patch: { status: 'in_progress', workStartedAt: now, deadline },
    effects: [
      { type: 'schedule-deadline', at: deadline },
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

/** Time is up: frozen and auto-submitted. */
export const timeOut = (
  state: WrittenSessionState,
  now: EpochMs,
): { patch: Patch; effects: SessionEffect[] } => ({
  patch: { ...endWork(state, now), status: 'timed_out' },
  effects: [
    { type: 'auto-submit', answerHash: state.lastSavedAnswerHash },
    notifyStudent('session.timed-out'),
  ],
});
