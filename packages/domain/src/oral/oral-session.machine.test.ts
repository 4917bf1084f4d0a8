import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ActorRole } from '../common/actor.types.ts';
import type {
  OralEvent,
  OralEventType,
  OralRefusalReason,
  OralSessionState,
  OralStatus,
} from './oral-session.types.ts';
import { actorRoles } from '../common/actor.types.ts';
import { oralStatuses } from './oral-session.types.ts';
import { oralSessionTable } from './oral-session.table.ts';
import { transitionOral } from './oral-session.machine.ts';
import {
  draw,
  examiner,
  otherStudent,
  proctor,
  reachOral,
  student,
} from './oral-session.fixtures.ts';

type Setup = () => { state: OralSessionState; now: number };
const from =
  (status: OralStatus): Setup =>
  () =>
    reachOral(status);
const approved: Setup = () => {
  const { state, now } = reachOral('identity_check');
  const r = transitionOral(state, { type: 'approve-identity', actor: examiner }, now);
  if (!r.ok) throw new Error(r.reason);
  return { state: r.state, now };
};
const warnedIn =
  (status: OralStatus): Setup =>
  () => {
    const { state, now } = reachOral(status);
    const r = transitionOral(state, warning, now);
    if (!r.ok) throw new Error(r.reason);
    return { state: r.state, now };
  };

const warning: OralEvent = {
  type: 'issue-warning',
  actor: examiner,
  warningId: 'w-1',
  category: 'headphones',
};
const ack: OralEvent = { type: 'acknowledge-warning', actor: student, warningId: 'w-1' };
const terminate: OralEvent = {
  type: 'terminate',
  actor: proctor,
  reason: 'advice from a third person',
};
const annul: OralEvent = { type: 'annul', actor: examiner, reason: 'impersonation' };

const accepted: [string, Setup, OralEvent, OralStatus][] = [
  [
    'the examiner calls a waiting student in for the identity check',
    from('waiting_room'),
    { type: 'call-in', actor: examiner },
    'identity_check',
  ],
  [
    'the examiner approves the ID card shown to the camera',
    from('identity_check'),
    { type: 'approve-identity', actor: examiner },
    'identity_check',
  ],
  [
    'the proctor rejects the identity and sends the student back to wait',
    from('identity_check'),
    { type: 'reject-identity', actor: proctor, reason: 'no document' },
    'waiting_room',
  ],
  ['an approved student draws a ticket', approved, draw, 'ticket_drawn'],
  [
    'the student starts answering',
    from('ticket_drawn'),
    { type: 'start-answer', actor: student },
    'answering',
  ],
  [
    'the examiner grades the answer',
    from('answering'),
    { type: 'grade', actor: examiner, score: 91, comment: 'good' },
    'graded',
  ],
  [
    'the examiner warns during the identity check',
    from('identity_check'),
    warning,
    'identity_check',
  ],
  ['the examiner warns after the draw', from('ticket_drawn'), warning, 'ticket_drawn'],
  [
    'the proctor warns while the student answers',
    from('answering'),
    { ...warning, actor: proctor },
    'answering',
  ],
  [
    'the student acknowledges a warning during the identity check',
    warnedIn('identity_check'),
    ack,
    'identity_check',
  ],
  [
    'the student acknowledges a warning after the draw',
    warnedIn('ticket_drawn'),
    ack,
    'ticket_drawn',
  ],
  ['the student acknowledges a warning while answering', warnedIn('answering'), ack, 'answering'],
  ['the proctor stops the exam in the waiting room', from('waiting_room'), terminate, 'terminated'],
  [
    'the proctor stops the exam during the identity check',
    from('identity_check'),
    terminate,
    'terminated',
  ],
  ['the proctor stops the exam after the draw', from('ticket_drawn'), terminate, 'terminated'],
  [
    'the examiner stops the exam while the student answers',
    from('answering'),
    { ...terminate, actor: examiner },
    'terminated',
  ],
  ['the examiner annuls after the draw', from('ticket_drawn'), annul, 'annulled'],
  ['the examiner annuls while the student answers', from('answering'), annul, 'annulled'],
  ['the examiner annuls a graded exam', from('graded'), annul, 'annulled'],
  [
    'the proctor annuls a stopped exam',
    from('terminated'),
    { ...annul, actor: proctor },
    'annulled',
  ],
];

describe('oral session transitions', () => {
  it.each(accepted)('%s', (_name, setup, event, to) => {
    const { state, now } = setup();
    const result = transitionOral(state, event, now + 1000);
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.state.status).toBe(to);
    expect(result.effects[0]).toMatchObject({
      type: 'audit',
      entry: {
        actor: event.actor,
        type: `oral.${event.type}`,
        payload: { from: state.status, to },
      },
    });
  });

  it('has an example for every (event, from) pair of the table', () => {
    const covered = new Set(
      accepted.map(([, setup, event]) => `${event.type}@${setup().state.status}`),
    );
    for (const row of oralSessionTable) {
      for (const status of row.from) expect(covered).toContain(`${row.event}@${status}`);
    }
  });

  it('records the drawn ticket with the seed and draw number the audit needs to replay it', () => {
    const { state } = reachOral('ticket_drawn');
    expect(state).toMatchObject({ ticketId: 't-7', drawSeed: 42, drawNumber: 3 });
  });
});

const sampleEvent: Record<OralEventType, OralEvent> = {
  'call-in': { type: 'call-in', actor: examiner },
  'approve-identity': { type: 'approve-identity', actor: examiner },
  'reject-identity': { type: 'reject-identity', actor: examiner, reason: 'r' },
  'draw-ticket': draw,
  'start-answer': { type: 'start-answer', actor: student },
  grade: { type: 'grade', actor: examiner, score: 50 },
  'issue-warning': warning,
  'acknowledge-warning': ack,
  terminate,
  annul,
};

describe('oral session refusals', () => {
  const outOfState = oralStatuses.flatMap((status) =>
    oralSessionTable.filter((r) => !r.from.includes(status)).map((r) => [r.event, status] as const),
  );
  it.each(outOfState)('refuses %s in %s as not-allowed-in-state', (type, status) => {
    const { state, now } = reachOral(status);
    expect(transitionOral(state, sampleEvent[type], now)).toEqual({
      ok: false,
      reason: 'not-allowed-in-state',
    });
  });

  const wrongActors = oralSessionTable.flatMap((row) =>
    actorRoles
      .filter((role) => !row.actors.includes(role))
      .map((role) => [row.event, role] as const),
  );
  it.each(wrongActors)('refuses %s sent by a %s as actor-not-allowed', (type, role: ActorRole) => {
    const { state, now } = reachOral(oralSessionTable.find((r) => r.event === type)!.from[0]!);
    const actor = role === 'student' ? student : { role };
    expect(transitionOral(state, { ...sampleEvent[type], actor } as OralEvent, now)).toEqual({
      ok: false,
      reason: 'actor-not-allowed',
    });
  });

  const guards: [string, Setup, OralEvent, OralRefusalReason][] = [
    [
      'a student acting on someone else’s session',
      from('ticket_drawn'),
      { type: 'start-answer', actor: otherStudent },
      'not-your-session',
    ],
    [
      'a ticket drawn before the identity is approved',
      from('identity_check'),
      draw,
      'identity-not-approved',
    ],
    [
      'a ticket drawn for another student',
      approved,
      { ...draw, draw: { studentId: 'stu-2', ticketId: 't-1', drawNumber: 1 } },
      'invalid-draw',
    ],
    [
      'a grade above 100',
      from('answering'),
      { type: 'grade', actor: examiner, score: 101 },
      'invalid-grade',
    ],
    [
      'a fractional grade',
      from('answering'),
      { type: 'grade', actor: examiner, score: 70.5 },
      'invalid-grade',
    ],
    [
      'a termination without reason',
      from('answering'),
      { ...terminate, reason: ' ' },
      'reason-required',
    ],
    ['an annulment without reason', from('graded'), { ...annul, reason: '' }, 'reason-required'],
    [
      'an identity rejection without reason',
      from('identity_check'),
      { type: 'reject-identity', actor: examiner, reason: '' },
      'reason-required',
    ],
    [
      'a warning of an unknown category',
      from('answering'),
      { ...warning, category: 'nap' as never },
      'unknown-category',
    ],
    ['a warning id used twice', warnedIn('answering'), warning, 'duplicate-warning'],
    ['an acknowledgement of an unknown warning', from('answering'), ack, 'unknown-warning'],
  ];
  it.each(guards)('refuses %s', (_name, setup, event, reason) => {
    const { state, now } = setup();
    expect(transitionOral(state, event, now)).toEqual({ ok: false, reason });
  });

  it('refuses a second acknowledgement and a stale time', () => {
    const { state, now } = warnedIn('answering')();
    const once = transitionOral(state, ack, now);
    if (!once.ok) throw new Error(once.reason);
    expect(transitionOral(once.state, ack, now)).toEqual({
      ok: false,
      reason: 'warning-already-acknowledged',
    });
    expect(transitionOral(state, ack, now - 1)).toEqual({ ok: false, reason: 'stale-time' });
    expect(transitionOral(state, ack, Number.NaN)).toEqual({ ok: false, reason: 'invalid-time' });
  });
});

describe('oral session properties', () => {
  it('never brings a terminated or annulled session back, and never changes a grade except by annulment', () => {
    const events = Object.values(sampleEvent);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (picks) => {
        let { state, now } = reachOral('waiting_room');
        let ended = false;
        let grade: number | null = null;
        for (const pick of picks) {
          now += 1000;
          const result = transitionOral(state, events[pick % events.length]!, now);
          if (!result.ok) continue;
          state = result.state;
          if (ended) expect(['terminated', 'annulled']).toContain(state.status);
          if (state.status === 'terminated' || state.status === 'annulled') ended = true;
          if (grade !== null) expect(state.grade).toBe(grade);
          grade = state.grade;
        }
      }),
    );
  });
});
