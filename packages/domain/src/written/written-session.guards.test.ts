import { describe, expect, it } from 'vitest';
import type { EpochMs } from '../common/time.types.ts';
import type { ExamConfigInput } from '../exam/exam-config.defaults.ts';
import type {
  WrittenEvent,
  WrittenRefusalReason,
  WrittenSessionState,
  WrittenStatus,
} from './written-session.types.ts';
import { transition } from './written-session.machine.ts';
import { at, proctor, reach, step, student, system } from './written-session.fixtures.ts';

type Setup = () => WrittenSessionState;
const from =
  (status: WrittenStatus, overrides: Partial<ExamConfigInput> = {}): Setup =>
  () =>
    reach(status, overrides).state;

const warned: Setup = () => {
  const { state, now } = reach('in_progress');
  const event: WrittenEvent = {
    type: 'issue-warning',
    actor: proctor,
    warningId: 'w-1',
    category: 'speech',
  };
  return step(state, event, now);
};
const acknowledged: Setup = () =>
  step(warned(), { type: 'acknowledge-warning', actor: student, warningId: 'w-1' }, at(2));

const grant = (minutes: number, reason = 'power cut'): WrittenEvent => ({
  type: 'grant-compensation',
  actor: proctor,
  minutes,
  reason,
});

// [the rule, setup, event, minutes from opening, refusal]
const refusals: [string, Setup, WrittenEvent, number, WrittenRefusalReason][] = [
  [
    'check-in does not open before the lead (20 minutes)',
    from('scheduled'),
    { type: 'begin-check-in', actor: student },
    -21,
    'check-in-not-open',
  ],
  [
    'check-in is closed once the window has closed',
    from('scheduled'),
    { type: 'begin-check-in', actor: student },
    180,
    'window-closed',
  ],
  [
    'completing check-in needs the identity document',
    from('checking_in'),
    { type: 'complete-check-in', actor: student, idDocumentHash: ' ' },
    -5,
    'evidence-required',
  ],
  [
    'completing check-in after the window closed is refused',
    from('checking_in'),
    { type: 'complete-check-in', actor: student, idDocumentHash: 'd' },
    181,
    'window-closed',
  ],
  [
    'identity cannot be approved after the window closed',
    from('awaiting_approval'),
    { type: 'approve-identity', actor: proctor },
    180,
    'window-closed',
  ],
  [
    'rejecting identity needs a reason',
    from('awaiting_approval'),
    { type: 'reject-identity', actor: proctor, reason: '  ' },
    -4,
    'reason-required',
  ],
  [
    'check-in attempts are limited',
    from('rejected', { maxCheckInAttempts: 1 }),
    { type: 'retry-check-in', actor: student },
    -3,
    'check-in-attempts-exhausted',
  ],
  [
    'no retry after the window closed',
    from('rejected'),
    { type: 'retry-check-in', actor: student },
    180,
    'window-closed',
  ],
  [
    'a proctored session does not start without identity approval',
    from('awaiting_approval'),
    { type: 'auto-start', actor: system },
    0,
    'identity-not-approved',
  ],
  [
    'no session starts before the window opens',
    from('awaiting_approval', { liveProctoring: false }),
    { type: 'auto-start', actor: system },
    -1,
    'exam-not-open',
  ],
  [
    'no session starts after the window closed',
    from('awaiting_approval', { liveProctoring: false }),
    { type: 'auto-start', actor: system },
    180,
    'window-closed',
  ],
  [
    'no save at the deadline',
    from('in_progress'),
    { type: 'save-answer', actor: student, answerHash: 'h' },
    91,
    'deadline-passed',
  ],
  [
    'no submission at the deadline',
    from('in_progress'),
    { type: 'submit', actor: student, answerHash: 'h' },
    91,
    'deadline-passed',
  ],
  [
    'a submission needs the answer hash',
    from('in_progress'),
    { type: 'submit', actor: student, answerHash: '' },
    50,
    'evidence-required',
  ],
  [
    'a pause needs a known incident kind',
    from('in_progress'),
    { type: 'pause', actor: student, reason: 'bored' as never },
    20,
    'reason-required',
  ],
  [
    'no pause after the deadline',
    from('in_progress'),
    { type: 'pause', actor: student, reason: 'power-outage' },
    95,
    'deadline-passed',
  ],
  [
    'a student cannot resume when a proctor watches live',
    from('paused'),
    { type: 'resume', actor: student },
    35,
    'actor-not-allowed',
  ],
  [
    'only a proctor can ask for compensation on resume',
    from('paused', { liveProctoring: false }),
    { type: 'resume', actor: student, compensate: true },
    35,
    'actor-not-allowed',
  ],
  [
    'compensation must be a positive number of minutes',
    from('in_progress'),
    grant(0),
    10,
    'invalid-compensation',
  ],
  [
    'compensation of NaN minutes is refused',
    from('in_progress'),
    grant(Number.NaN),
    10,
    'invalid-compensation',
  ],
  ['compensation needs a reason', from('in_progress'), grant(5, ''), 10, 'reason-required'],
  [
    'no compensation for work past its deadline',
    from('in_progress'),
    grant(5),
    92,
    'deadline-passed',
  ],
  [
    'no compensation when the policy allows none',
    from('in_progress', { compensation: { maxMinutes: 0 } }),
    grant(5),
    10,
    'compensation-exhausted',
  ],
  [
    'a warning needs a known category',
    from('in_progress'),
    { type: 'issue-warning', actor: proctor, warningId: 'w', category: 'yawning' as never },
    10,
    'unknown-category',
  ],
  [
    'a warning id is used once',
    warned,
    { type: 'issue-warning', actor: proctor, warningId: 'w-1', category: 'speech' },
    10,
    'duplicate-warning',
  ],
  [
    'only an issued warning can be acknowledged',
    from('in_progress'),
    { type: 'acknowledge-warning', actor: student, warningId: 'nope' },
    10,
    'unknown-warning',
  ],
  [
    'a warning is acknowledged once',
    acknowledged,
    { type: 'acknowledge-warning', actor: student, warningId: 'w-1' },
    3,
    'warning-already-acknowledged',
  ],
  [
    'the deadline is not reached before it',
    from('in_progress'),
    { type: 'deadline-reached', actor: system },
    90,
    'deadline-not-reached',
  ],
  [
    'a paused session waits while a grant could still help',
    from('paused'),
    { type: 'deadline-reached', actor: system },
    100,
    'deadline-not-reached',
  ],
  [
    'termination needs a reason',
    from('in_progress'),
    { type: 'terminate', actor: proctor, reason: '' },
    45,
    'reason-required',
  ],
  [
    'annulment needs a reason',
    from('submitted'),
    { type: 'annul', actor: proctor, reason: '' },
    130,
    'reason-required',
  ],
];

describe('written session guards', () => {
  it.each(refusals)('%s', (_rule, setup, event, minutes, reason) => {
    expect(transition(setup(), event, at(minutes))).toEqual({ ok: false, reason });
  });

  it('completes check-in without an ID photo only where the exam leaves it out', () => {
    const event: WrittenEvent = {
      type: 'complete-check-in',
      actor: student,
      idDocumentHash: null,
      idDocumentRequired: false,
    };
    const done = transition(from('checking_in')(), event, at(-5));
    expect(done.ok && done.state.status).toBe('awaiting_approval');
    expect(done.ok && done.state.idDocumentHash).toBe(null);
    expect(
      transition(from('checking_in')(), { ...event, idDocumentRequired: true }, at(-5)),
    ).toEqual({ ok: false, reason: 'evidence-required' });
    expect(
      transition(
        from('checking_in')(),
        { type: 'complete-check-in', actor: student, idDocumentHash: null },
        at(-5),
      ),
    ).toEqual({ ok: false, reason: 'evidence-required' });
  });

  it('opens check-in exactly at the lead before opening', () => {
    const result = transition(
      reach('scheduled').state,
      { type: 'begin-check-in', actor: student },
      at(-20),
    );
    expect(result.ok).toBe(true);
  });

  it('refuses a time earlier than the last event as stale-time', () => {
    const { state, now } = reach('in_progress');
    const event: WrittenEvent = { type: 'save-answer', actor: student, answerHash: 'h' };
    expect(transition(state, event, now - 1)).toEqual({ ok: false, reason: 'stale-time' });
  });

  it('refuses a time that is not a number as invalid-time', () => {
    const { state } = reach('in_progress');
    const event: WrittenEvent = { type: 'save-answer', actor: student, answerHash: 'h' };
    expect(transition(state, event, Number.NaN as EpochMs)).toEqual({
      ok: false,
      reason: 'invalid-time',
    });
  });

  it('refuses an unknown event type instead of throwing', () => {
    const { state, now } = reach('in_progress');
    const event = { type: 'teleport', actor: student } as unknown as WrittenEvent;
    expect(transition(state, event, now)).toEqual({ ok: false, reason: 'not-allowed-in-state' });
  });
});
