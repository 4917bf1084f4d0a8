import type { EpochMs } from '../common/time.types.ts';
import type { SessionEffect } from '../common/effect.types.ts';
import type { JsonValue } from '../common/json.types.ts';
import type {
  WrittenEventOf,
  WrittenSessionState,
  WrittenTransitionResult,
} from './written-session.types.ts';
import { acknowledge, addWarning } from '../policy/warning.rules.ts';
import { isNonEmptyText, refuse } from '../common/result.types.ts';
import { MINUTE_MS, minutesToMs } from '../common/time.types.ts';
import { incidentKinds } from './written-session.types.ts';
import {
  accommodationOf,
  breakEndsAt,
  breakLeftMs,
  breaksOf,
  compensationLeftMs,
  deadlineFor,
  freeMs,
  graceMs,
  liveDeadline,
  openBreak,
  timesOutAt,
} from './written-session.deadline.ts';
import {
  closeIncident,
  endWork,
  notifyProctors,
  notifyStudent,
  succeed,
  timeOut,
} from './written-session.effects.ts';

/** The nominal deadline is reached (a grace period may follow); a break holds it back. */
const pastDeadline = (s: WrittenSessionState, now: EpochMs): boolean => {
  const deadline = liveDeadline(s, now);
  return deadline !== null && now >= deadline;
};

/** No answer is taken any more: the deadline, and the grace period if the exam gives one, are over. */
const pastHandIn = (s: WrittenSessionState, now: EpochMs): boolean => {
  const deadline = liveDeadline(s, now);
  return deadline !== null && now >= deadline + graceMs(s.terms);
};

/** The deadline with `compensationMs` in all; never earlier than the one already granted. */
const extendedDeadline = (s: WrittenSessionState, compensationMs: number): EpochMs =>
  Math.max(s.deadline ?? 0, deadlineFor(s.terms, s.workStartedAt ?? 0, compensationMs, freeMs(s)));

/**
 * The open break ended at `now` (or when its allowance ran out, if earlier): the break is
 * closed and the deadline moves by its length. Unchanged when the student is not on a break.
 */
export function closeBreak(
  s: WrittenSessionState,
  now: EpochMs,
): Pick<WrittenSessionState, 'breaks' | 'deadline'> {
  const open = openBreak(s);
  const until = breakEndsAt(s);
  if (open === null || until === null) return { breaks: s.breaks ?? [], deadline: s.deadline };
  const endedAt = Math.max(open.startedAt, Math.min(now, until));
  const breaks = breaksOf(s).map((b) => (b === open ? { ...b, endedAt } : b));
  const deadline = s.deadline === null ? null : s.deadline + (endedAt - open.startedAt);
  return { breaks, deadline };
}

export function saveAnswer(
  s: WrittenSessionState,
  e: WrittenEventOf<'save-answer'>,
  now: EpochMs,
): WrittenTransitionResult {
  if (!isNonEmptyText(e.answerHash)) return refuse('evidence-required');
  if (pastHandIn(s, now)) return refuse('deadline-passed');
  // The time an answer was first saved decides whether it is late (a repeat keeps it).
  const changed = e.answerHash !== s.lastSavedAnswerHash;
  const lastSavedAt = changed ? now : (s.lastSavedAt ?? null);
  const extra: Record<string, JsonValue> = pastDeadline(s, now) ? { late: true } : {};
  return succeed(s, { lastSavedAnswerHash: e.answerHash, lastSavedAt }, e, now, [], extra);
}

export function submit(
  s: WrittenSessionState,
  e: WrittenEventOf<'submit'>,
  now: EpochMs,
): WrittenTransitionResult {
  if (!isNonEmptyText(e.answerHash)) return refuse('evidence-required');
  if (openBreak(s) !== null) return refuse('on-break');
  if (pastHandIn(s, now)) return refuse('deadline-passed');
  // Only possible in a grace period: handed in after the deadline.
  const late = pastDeadline(s, now);
  const patch = {
    status: 'submitted' as const,
    lastSavedAnswerHash: e.answerHash,
    lastSavedAt: e.answerHash === s.lastSavedAnswerHash ? (s.lastSavedAt ?? null) : now,
    finalAnswerHash: e.answerHash,
    endedAt: now,
    late,
    notSubmitted: false,
  };
  const notice = notifyStudent('session.submitted', late ? { late: 1 } : {});
  return succeed(s, patch, e, now, [notice], { late });
}

export function pause(
  s: WrittenSessionState,
  e: WrittenEventOf<'pause'>,
  now: EpochMs,
): WrittenTransitionResult {
  if (!incidentKinds.includes(e.reason)) return refuse('reason-required');
  if (pastDeadline(s, now)) return refuse('deadline-passed');
  // A pause ends a break: its time so far is given back, the rest of the allowance is kept.
  const rested = { ...s, ...closeBreak(s, now) };
  const incident = {
    kind: e.reason,
    reportedBy: e.actor.role,
    note: e.note ?? null,
    startedAt: now,
    endedAt: null,
    compensatedMs: 0,
  };
  const paused: WrittenSessionState = {
    ...rested,
    status: 'paused',
    pausedAt: now,
    incidents: [...s.incidents, incident],
  };
  // While paused only a grant can move the deadline; re-arm the timer for the latest one possible.
  const effects: SessionEffect[] = [
    { type: 'schedule-deadline', at: timesOutAt(paused) ?? s.terms.window.closesAt },
    notifyStudent('session.paused', { reason: e.reason }),
  ];
  if (e.actor.role !== 'proctor') {
    effects.push(
      notifyProctors('session.incident-reported', { sessionId: s.sessionId, kind: e.reason }),
    );
  }
  const { status, pausedAt, incidents, breaks, deadline } = paused;
  return succeed(s, { status, pausedAt, incidents, breaks, deadline }, e, now, effects);
}

export function resume(
  s: WrittenSessionState,
  e: WrittenEventOf<'resume'>,
  now: EpochMs,
): WrittenTransitionResult {
  // Without a live proctor nobody else could resume; with one, the proctor decides.
  if (e.actor.role === 'student' && s.terms.liveProctoring) return refuse('actor-not-allowed');
  if (e.compensate === true && e.actor.role !== 'proctor') return refuse('actor-not-allowed');
  const pausedMs = now - (s.pausedAt ?? now);
  const compensate = s.terms.compensation.automatic || e.compensate === true;
  const grantedMs = compensate ? Math.min(pausedMs, compensationLeftMs(s)) : 0;
  const compensationGrantedMs = s.compensationGrantedMs + grantedMs;
  const deadline = extendedDeadline(s, compensationGrantedMs);
  const incidents = closeIncident(s.incidents, now, grantedMs);
  const extra = { grantedMs, deadline };
  // Past the deadline, a grace period (if the exam gives one) still lets the student finish.
  if (now >= deadline + graceMs(s.terms)) {
    const out = timeOut({ ...s, deadline }, now);
    const patch = { ...out.patch, compensationGrantedMs, deadline, incidents };
    return succeed(s, patch, e, now, out.effects, { ...extra, ...out.audit });
  }
  return succeed(
    s,
    { status: 'in_progress', pausedAt: null, compensationGrantedMs, deadline, incidents },
    e,
    now,
    [
      { type: 'schedule-deadline', at: deadline + graceMs(s.terms) },
      notifyStudent('session.resumed', { deadline, compensatedMinutes: grantedMs / MINUTE_MS }),
    ],
    extra,
  );
}

export function grantCompensation(
  s: WrittenSessionState,
  e: WrittenEventOf<'grant-compensation'>,
  now: EpochMs,
): WrittenTransitionResult {
  if (!(Number.isFinite(e.minutes) && e.minutes > 0)) return refuse('invalid-compensation');
  if (s.status === 'in_progress' && pastDeadline(s, now)) return refuse('deadline-passed');
  const left = compensationLeftMs(s);
  if (left <= 0) return refuse('compensation-exhausted');
  const grantedMs = Math.min(minutesToMs(e.minutes), left);
  const compensationGrantedMs = s.compensationGrantedMs + grantedMs;
  const deadline = extendedDeadline(s, compensationGrantedMs);
  const effects: SessionEffect[] = [
    notifyStudent('session.compensation-granted', { minutes: grantedMs / MINUTE_MS, deadline }),
  ];
  if (s.status === 'in_progress') {
    effects.unshift({ type: 'schedule-deadline', at: deadline + graceMs(s.terms) });
  }
  return succeed(s, { compensationGrantedMs, deadline }, e, now, effects, { grantedMs, deadline });
}

export function issueWarning(
  s: WrittenSessionState,
  e: WrittenEventOf<'issue-warning'>,
  now: EpochMs,
): WrittenTransitionResult {
  const r = addWarning(s.warnings, e, now, s.terms.warningAckLimitSeconds);
  if (!r.ok) return r;
  return succeed(s, { warnings: r.warnings }, e, now, [
    notifyStudent(`warning.${e.category}`, { warningId: e.warningId }),
    r.check,
  ]);
}

export function acknowledgeWarning(
  s: WrittenSessionState,
  e: WrittenEventOf<'acknowledge-warning'>,
  now: EpochMs,
): WrittenTransitionResult {
  const r = acknowledge(s.warnings, e.warningId, now, s.terms.warningAckLimitSeconds);
  if (!r.ok) return r;
  return succeed(s, { warnings: r.warnings }, e, now, [], { withinLimit: r.withinLimit });
}

export function deadlineReached(
  s: WrittenSessionState,
  e: WrittenEventOf<'deadline-reached'>,
  now: EpochMs,
): WrittenTransitionResult {
  // While paused, a person may still give time back: wait until no grant could help. A grace
  // period comes after either.
  const limit = timesOutAt(s);
  if (limit === null || now < limit) return refuse('deadline-not-reached');
  const ended = { ...s, ...closeBreak(s, now) };
  const out = timeOut(ended, now);
  const { breaks, deadline } = ended;
  return succeed(s, { ...out.patch, breaks, deadline }, e, now, out.effects, out.audit);
}

export function terminate(
  s: WrittenSessionState,
  e: WrittenEventOf<'terminate'>,
  now: EpochMs,
): WrittenTransitionResult {
  return succeed(
    s,
    {
      ...endWork(s, now),
      ...closeBreak(s, now),
      status: 'terminated',
      terminationReason: e.reason,
    },
    e,
    now,
    [notifyStudent('session.terminated', { reason: e.reason })],
  );
}

/** Most minutes one `add-time` gives (8 hours). */
export const MAX_ADDED_MINUTES = 480;

export function addTime(
  s: WrittenSessionState,
  e: WrittenEventOf<'add-time'>,
  now: EpochMs,
): WrittenTransitionResult {
  const ok = Number.isInteger(e.minutes) && e.minutes > 0 && e.minutes <= MAX_ADDED_MINUTES;
  if (!ok) return refuse('invalid-minutes');
  // In a grace period time can still be added (the answer is not yet taken); after it, not.
  if (pastHandIn(s, now)) return refuse('deadline-passed');
  const addedMs = minutesToMs(e.minutes);
  const addedTimeMs = (s.addedTimeMs ?? 0) + addedMs;
  const deadline = (s.deadline ?? now) + addedMs;
  const after: WrittenSessionState = { ...s, addedTimeMs, deadline };
  const effects: SessionEffect[] = [
    { type: 'schedule-deadline', at: timesOutAt(after) ?? deadline },
    notifyStudent('session.time-added', { minutes: e.minutes, deadline }),
  ];
  return succeed(s, { addedTimeMs, deadline }, e, now, effects, { addedMs, deadline });
}

export function startBreak(
  s: WrittenSessionState,
  e: WrittenEventOf<'start-break'>,
  now: EpochMs,
): WrittenTransitionResult {
  if (accommodationOf(s.terms).breakMinutes <= 0) return refuse('no-breaks');
  if (openBreak(s) !== null) return refuse('on-break');
  if (breakLeftMs(s) <= 0) return refuse('breaks-used-up');
  if (pastDeadline(s, now)) return refuse('deadline-passed');
  const breaks = [...breaksOf(s), { startedAt: now, endedAt: null }];
  const endsAt = now + breakLeftMs(s);
  return succeed(
    s,
    { breaks },
    e,
    now,
    [
      { type: 'schedule-deadline', at: endsAt },
      notifyStudent('session.break-started', { endsAt }),
      notifyProctors('session.break-started', { sessionId: s.sessionId, endsAt }),
    ],
    { endsAt },
  );
}

export function endBreak(
  s: WrittenSessionState,
  e: WrittenEventOf<'end-break'>,
  now: EpochMs,
): WrittenTransitionResult {
  const endsAt = breakEndsAt(s);
  if (endsAt === null) return refuse('not-on-break');
  // The system ends a break only when its allowance has run out; the student, at any time.
  if (e.actor.role === 'system' && now < endsAt) return refuse('deadline-not-reached');
  const closed = closeBreak(s, now);
  const after: WrittenSessionState = { ...s, ...closed };
  const deadline = closed.deadline ?? now;
  const effects: SessionEffect[] = [
    { type: 'schedule-deadline', at: timesOutAt(after) ?? deadline },
    notifyStudent('session.break-ended', { deadline }),
    notifyProctors('session.break-ended', { sessionId: s.sessionId }),
  ];
  const tookMs = (closed.breaks?.at(-1)?.endedAt ?? now) - (openBreak(s)?.startedAt ?? now);
  return succeed(s, closed, e, now, effects, { tookMs, deadline });
}
