import type { EpochMs } from '../common/time.types.ts';
import type { SessionEffect } from '../common/effect.types.ts';
import type {
  OralEvent,
  OralEventOf,
  OralEventType,
  OralSessionState,
  OralTransitionResult,
} from './oral-session.types.ts';
import { guardTransition } from '../common/transition.guards.ts';
import { acknowledge, addWarning } from '../policy/warning.rules.ts';
import { isNonEmptyText, refuse } from '../common/result.types.ts';
import { oralRowFor } from './oral-session.table.ts';

export interface NewOralSession {
  sessionId: string;
  examId: string;
  slotId: string;
  studentId: string;
  warningAckLimitSeconds?: number;
}

/** The student has joined the slot's room and waits to be called in. */
export function createOralSession(input: NewOralSession, now: EpochMs): OralSessionState {
  return {
    sessionId: input.sessionId,
    examId: input.examId,
    slotId: input.slotId,
    studentId: input.studentId,
    status: 'waiting_room',
    warningAckLimitSeconds: input.warningAckLimitSeconds ?? 60,
    joinedAt: now,
    identityApprovedAt: null,
    lastRejectionReason: null,
    ticketId: null,
    drawSeed: null,
    drawNumber: null,
    answeringStartedAt: null,
    grade: null,
    gradeComment: null,
    gradedAt: null,
    endedAt: null,
    terminationReason: null,
    annulmentReason: null,
    warnings: [],
    lastEventAt: now,
  };
}

function succeed(
  before: OralSessionState,
  patch: Partial<OralSessionState>,
  event: OralEvent,
  now: EpochMs,
  effects: SessionEffect[] = [],
): OralTransitionResult {
  const state: OralSessionState = { ...before, ...patch, lastEventAt: now };
  const { type, actor, ...fields } = event;
  const audit: SessionEffect = {
    type: 'audit',
    entry: {
      at: now,
      actor: { ...actor },
      type: `oral.${type}`,
      payload: { sessionId: before.sessionId, from: before.status, to: state.status, ...fields },
    },
  };
  return { ok: true, state, effects: [audit, ...effects] };
}

const notify = (key: `oral.${string}` | `warning.${string}`, params = {}): SessionEffect => ({
  type: 'notify-student',
  key,
  params,
});

type Handlers = {
  [T in OralEventType]: (
    s: OralSessionState,
    e: OralEventOf<T>,
    now: EpochMs,
  ) => OralTransitionResult;
};

const handlers: Handlers = {
  'call-in': (s, e, now) =>
    succeed(s, { status: 'identity_check' }, e, now, [notify('oral.called-in')]),
  'approve-identity': (s, e, now) => succeed(s, { identityApprovedAt: now }, e, now),
  'reject-identity': (s, e, now) =>
    succeed(
      s,
      { status: 'waiting_room', identityApprovedAt: null, lastRejectionReason: e.reason },
      e,
      now,
      [notify('oral.identity-rejected', { reason: e.reason })],
    ),
  'draw-ticket': (s, e, now) => {
    if (s.identityApprovedAt === null) return refuse('identity-not-approved');
    if (e.draw.studentId !== s.studentId || !isNonEmptyText(e.draw.ticketId)) {
      return refuse('invalid-draw');
    }
    const patch = {
      status: 'ticket_drawn' as const,
      ticketId: e.draw.ticketId,
      drawSeed: e.seed,
      drawNumber: e.draw.drawNumber,
    };
    return succeed(s, patch, e, now, [notify('oral.ticket-drawn', { ticketId: e.draw.ticketId })]);
  },
  'start-answer': (s, e, now) =>
    succeed(s, { status: 'answering', answeringStartedAt: now }, e, now),
  grade: (s, e, now) => {
    if (!(Number.isInteger(e.score) && e.score >= 0 && e.score <= 100)) {
      return refuse('invalid-grade');
    }
    const patch = {
      status: 'graded' as const,
      grade: e.score,
      gradeComment: e.comment ?? null,
      gradedAt: now,
      endedAt: now,
    };
    return succeed(s, patch, e, now, [notify('oral.graded', { score: e.score })]);
  },
  'issue-warning': (s, e, now) => {
    const r = addWarning(s.warnings, e, now, s.warningAckLimitSeconds);
    if (!r.ok) return r;
    return succeed(s, { warnings: r.warnings }, e, now, [
      notify(`warning.${e.category}`, { warningId: e.warningId }),
      r.check,
    ]);
  },
  'acknowledge-warning': (s, e, now) => {
    const r = acknowledge(s.warnings, e.warningId, now, s.warningAckLimitSeconds);
    return r.ok ? succeed(s, { warnings: r.warnings }, e, now) : r;
  },
  terminate: (s, e, now) =>
    succeed(s, { status: 'terminated', endedAt: now, terminationReason: e.reason }, e, now, [
      notify('oral.terminated', { reason: e.reason }),
    ]),
  annul: (s, e, now) =>
    succeed(
      s,
      { status: 'annulled', endedAt: s.endedAt ?? now, annulmentReason: e.reason },
      e,
      now,
      [notify('oral.annulled', { reason: e.reason })],
    ),
};

/** The oral-exam session machine; same contract and order of checks as the written one. */
export function transitionOral(
  state: OralSessionState,
  event: OralEvent,
  now: EpochMs,
): OralTransitionResult {
  const refused = guardTransition(state, event, now, oralRowFor(event.type));
  if (refused) return refused;
  const handle = handlers[event.type] as (
    s: OralSessionState,
    e: OralEvent,
    now: EpochMs,
  ) => OralTransitionResult;
  return handle(state, event, now);
}
