import { describe, expect, it } from 'vitest';
import type { EpochMs } from '../common/time.types.ts';
import type { ExamConfigInput } from '../exam/exam-config.defaults.ts';
import type { WrittenEvent, WrittenSessionState, WrittenStatus } from './written-session.types.ts';
import { writtenSessionTable } from './written-session.table.ts';
import { transition } from './written-session.machine.ts';
import { NO_ACCOMMODATION } from '../accommodation/accommodation.rules.ts';
import {
  admin,
  at,
  examiner,
  newSession,
  proctor,
  reach,
  step,
  student,
  system,
} from './written-session.fixtures.ts';

type Setup = () => { state: WrittenSessionState; now: EpochMs };

const from =
  (status: WrittenStatus, overrides: Partial<ExamConfigInput> = {}): Setup =>
  () =>
    reach(status, overrides);

const noLive = { liveProctoring: false };

/** awaiting_approval without live proctoring, reached before the window opens. */
const awaitingOpeningWithoutProctor: Setup = () => {
  const { state } = reach('checking_in', noLive);
  const next = step(
    state,
    { type: 'complete-check-in', actor: student, idDocumentHash: 'd' },
    at(-5),
  );
  return { state: next, now: at(-5) };
};

/** awaiting_approval, identity approved before the window opens. */
const approvedEarly: Setup = () => {
  const { state } = reach('awaiting_approval');
  return { state: step(state, { type: 'approve-identity', actor: proctor }, at(-3)), now: at(-3) };
};

const withWarning =
  (status: 'in_progress' | 'paused'): Setup =>
  () => {
    const { state, now } = reach(status);
    const warning: WrittenEvent = {
      type: 'issue-warning',
      actor: proctor,
      warningId: 'w-1',
      category: 'tab_switch',
    };
    return { state: step(state, warning, now), now };
  };

const askScan: WrittenEvent = {
  type: 'request-room-scan',
  actor: proctor,
  roomScanOnRequest: true,
};
const scanAsked =
  (status: 'in_progress' | 'paused'): Setup =>
  () => {
    const { state, now } = reach('in_progress');
    const asked = step(state, askScan, now);
    if (status === 'in_progress') return { state: asked, now };
    const pause: WrittenEvent = { type: 'pause', actor: student, reason: 'internet-lost' };
    return { state: step(asked, pause, at(30)), now: at(30) };
  };
const scan: WrittenEvent = { type: 'record-room-scan', actor: student, roomScanHash: 'scan' };

const warn: WrittenEvent = {
  type: 'issue-warning',
  actor: proctor,
  warningId: 'w-9',
  category: 'headphones',
};
const ack: WrittenEvent = { type: 'acknowledge-warning', actor: student, warningId: 'w-1' };
const grant: WrittenEvent = {
  type: 'grant-compensation',
  actor: proctor,
  minutes: 5,
  reason: 'power cut',
};
const annul: WrittenEvent = { type: 'annul', actor: proctor, reason: 'impersonation' };
const terminate: WrittenEvent = { type: 'terminate', actor: proctor, reason: 'third person' };
/** The examiner lengthens the exam from 90 to 120 minutes. */
const lengthen = (actor = examiner): WrittenEvent => ({
  type: 'amend-terms',
  actor,
  terms: { ...newSession().terms, durationMinutes: 120 },
});

/** in_progress under an accommodation with 15 minutes of rest breaks; on one from +20 if asked. */
const withBreaks =
  (onBreak = false): Setup =>
  () => {
    const { state: plain } = reach('in_progress');
    const accommodation = { ...NO_ACCOMMODATION, breakMinutes: 15 };
    const state = { ...plain, terms: { ...plain.terms, accommodation } };
    if (!onBreak) return { state, now: at(1) };
    return { state: step(state, { type: 'start-break', actor: student }, at(20)), now: at(20) };
  };

// [what happens, setup, event, minutes from opening, resulting status, effect types after audit]
const accepted: [string, Setup, WrittenEvent, number, WrittenStatus, string[]][] = [
  [
    'a proctor adds 10 minutes to a running sitting',
    from('in_progress'),
    { type: 'add-time', actor: proctor, minutes: 10, reason: 'reads slowly (accommodation)' },
    30,
    'in_progress',
    ['schedule-deadline', 'notify-student'],
  ],
  [
    'an examiner adds time while the sitting is paused',
    from('paused'),
    { type: 'add-time', actor: examiner, minutes: 15, reason: 'accommodation confirmed' },
    35,
    'paused',
    ['schedule-deadline', 'notify-student'],
  ],
  [
    'a student with rest breaks takes one',
    withBreaks(),
    { type: 'start-break', actor: student },
    20,
    'in_progress',
    ['schedule-deadline', 'notify-student', 'notify-proctors'],
  ],
  [
    'a student ends their break',
    withBreaks(true),
    { type: 'end-break', actor: student },
    25,
    'in_progress',
    ['schedule-deadline', 'notify-student', 'notify-proctors'],
  ],
  [
    'a student begins check-in 10 minutes early',
    from('scheduled'),
    { type: 'begin-check-in', actor: student },
    -10,
    'checking_in',
    [],
  ],
  [
    'a student completes check-in and waits for the proctor',
    from('checking_in'),
    { type: 'complete-check-in', actor: student, idDocumentHash: 'd' },
    -5,
    'awaiting_approval',
    ['notify-proctors'],
  ],
  [
    'without a live proctor, completing check-in in the window starts work at once',
    from('checking_in', noLive),
    { type: 'complete-check-in', actor: student, idDocumentHash: 'd' },
    2,
    'in_progress',
    ['schedule-deadline', 'notify-student'],
  ],
  [
    'without a live proctor, completing check-in early waits for the opening',
    from('checking_in', noLive),
    { type: 'complete-check-in', actor: student, idDocumentHash: 'd' },
    -5,
    'awaiting_approval',
    ['schedule-auto-start'],
  ],
  [
    'the proctor approves identity in the window and so starts the exam',
    from('awaiting_approval'),
    { type: 'approve-identity', actor: proctor },
    1,
    'in_progress',
    ['schedule-deadline', 'notify-student'],
  ],
  [
    'the proctor approves identity before opening; work starts at opening',
    from('awaiting_approval'),
    { type: 'approve-identity', actor: proctor },
    -3,
    'awaiting_approval',
    ['schedule-auto-start', 'notify-student'],
  ],
  [
    'the proctor rejects identity with a reason',
    from('awaiting_approval'),
    { type: 'reject-identity', actor: proctor, reason: 'face hidden' },
    -4,
    'rejected',
    ['notify-student'],
  ],
  [
    'a rejected student checks in again',
    from('rejected'),
    { type: 'retry-check-in', actor: student },
    -3,
    'checking_in',
    [],
  ],
  [
    'the system starts an approved session at opening',
    approvedEarly,
    { type: 'auto-start', actor: system },
    0,
    'in_progress',
    ['schedule-deadline', 'notify-student'],
  ],
  [
    'the system starts a session without live proctoring at opening',
    awaitingOpeningWithoutProctor,
    { type: 'auto-start', actor: system },
    0,
    'in_progress',
    ['schedule-deadline', 'notify-student'],
  ],
  [
    'a student saves an answer',
    from('in_progress'),
    { type: 'save-answer', actor: student, answerHash: 'h1' },
    10,
    'in_progress',
    [],
  ],
  [
    'a student submits the assignment',
    from('in_progress'),
    { type: 'submit', actor: student, answerHash: 'h2' },
    50,
    'submitted',
    ['notify-student'],
  ],
  [
    'a student reports that the internet was lost',
    from('in_progress'),
    { type: 'pause', actor: student, reason: 'internet-lost' },
    20,
    'paused',
    ['schedule-deadline', 'notify-student', 'notify-proctors'],
  ],
  [
    'a proctor pauses the exam',
    from('in_progress'),
    { type: 'pause', actor: proctor, reason: 'proctor-pause' },
    20,
    'paused',
    ['schedule-deadline', 'notify-student'],
  ],
  [
    'the proctor resumes a paused exam',
    from('paused'),
    { type: 'resume', actor: proctor },
    35,
    'in_progress',
    ['schedule-deadline', 'notify-student'],
  ],
  [
    'a resume after the deadline times the session out',
    from('paused'),
    { type: 'resume', actor: proctor },
    100,
    'timed_out',
    ['auto-submit', 'notify-student'],
  ],
  [
    'a student resumes on their own when there is no live proctor',
    from('paused', noLive),
    { type: 'resume', actor: student },
    35,
    'in_progress',
    ['schedule-deadline', 'notify-student'],
  ],
  [
    'the proctor grants extra time during work',
    from('in_progress'),
    grant,
    10,
    'in_progress',
    ['schedule-deadline', 'notify-student'],
  ],
  [
    'the proctor grants extra time during a pause',
    from('paused'),
    grant,
    35,
    'paused',
    ['notify-student'],
  ],
  [
    'a proctor writes a warning during work',
    from('in_progress'),
    warn,
    10,
    'in_progress',
    ['notify-student', 'schedule-warning-check'],
  ],
  [
    'an examiner writes a warning during a pause',
    from('paused'),
    { ...warn, actor: examiner },
    35,
    'paused',
    ['notify-student', 'schedule-warning-check'],
  ],
  [
    'a student acknowledges a warning during work',
    withWarning('in_progress'),
    ack,
    10,
    'in_progress',
    [],
  ],
  ['a student acknowledges a warning during a pause', withWarning('paused'), ack, 31, 'paused', []],
  [
    'the proctor asks for a room scan during work',
    from('in_progress'),
    askScan,
    10,
    'in_progress',
    ['notify-student'],
  ],
  [
    'the asked room scan arrives during work',
    scanAsked('in_progress'),
    scan,
    11,
    'in_progress',
    ['notify-proctors'],
  ],
  [
    'the asked room scan arrives during a pause',
    scanAsked('paused'),
    scan,
    31,
    'paused',
    ['notify-proctors'],
  ],
  [
    'the deadline times out a session at work and auto-submits',
    from('in_progress'),
    { type: 'deadline-reached', actor: system },
    91,
    'timed_out',
    ['auto-submit', 'notify-student'],
  ],
  [
    'the window close times out a paused session',
    from('paused'),
    { type: 'deadline-reached', actor: system },
    180,
    'timed_out',
    ['auto-submit', 'notify-student'],
  ],
  [
    'a proctor terminates a session at work',
    from('in_progress'),
    terminate,
    45,
    'terminated',
    ['notify-student'],
  ],
  [
    'a proctor terminates a paused session',
    from('paused'),
    terminate,
    45,
    'terminated',
    ['notify-student'],
  ],
  [
    'an examiner begins reviewing a submitted session',
    from('submitted'),
    { type: 'begin-review', actor: examiner },
    120,
    'under_review',
    [],
  ],
  [
    'an examiner begins reviewing a timed-out session',
    from('timed_out'),
    { type: 'begin-review', actor: examiner },
    120,
    'under_review',
    [],
  ],
  [
    'an examiner begins reviewing a terminated session',
    from('terminated'),
    { type: 'begin-review', actor: examiner },
    120,
    'under_review',
    [],
  ],
  [
    'an examiner accepts a reviewed session',
    from('under_review'),
    { type: 'accept', actor: examiner },
    130,
    'accepted',
    ['notify-student'],
  ],
  [
    'a proctor annuls a session at work',
    from('in_progress'),
    annul,
    30,
    'annulled',
    ['notify-student'],
  ],
  ['a proctor annuls a paused session', from('paused'), annul, 40, 'annulled', ['notify-student']],
  [
    'an examiner annuls a submitted session',
    from('submitted'),
    { ...annul, actor: examiner },
    130,
    'annulled',
    ['notify-student'],
  ],
  [
    'a proctor annuls a timed-out session',
    from('timed_out'),
    annul,
    130,
    'annulled',
    ['notify-student'],
  ],
  [
    'a proctor annuls a terminated session',
    from('terminated'),
    annul,
    130,
    'annulled',
    ['notify-student'],
  ],
  [
    'an examiner annuls a session under review',
    from('under_review'),
    { ...annul, actor: examiner },
    130,
    'annulled',
    ['notify-student'],
  ],
  [
    'an examiner lengthens the exam before the student opened it',
    from('scheduled'),
    lengthen(),
    -25,
    'scheduled',
    [],
  ],
  [
    'an admin lengthens the exam during check-in',
    from('checking_in'),
    lengthen(admin),
    -8,
    'checking_in',
    [],
  ],
  [
    'an examiner lengthens the exam while the student waits for the proctor',
    from('awaiting_approval'),
    lengthen(),
    -4,
    'awaiting_approval',
    [],
  ],
  [
    'an examiner lengthens the exam after a rejected identity check',
    from('rejected'),
    lengthen(),
    -3,
    'rejected',
    [],
  ],
  [
    'an examiner lengthens the exam while the student works: the deadline moves and the student is told',
    from('in_progress'),
    lengthen(),
    20,
    'in_progress',
    ['schedule-deadline', 'notify-student'],
  ],
  [
    'an examiner lengthens the exam while the sitting is paused',
    from('paused'),
    lengthen(),
    35,
    'paused',
    ['schedule-deadline', 'notify-student'],
  ],
];

describe('written session transitions', () => {
  it.each(accepted)('%s', (_name, setup, event, minutes, to, effectTypes) => {
    const { state } = setup();
    const before = JSON.parse(JSON.stringify(state)) as typeof state;
    const result = transition(state, event, at(minutes));
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.state.status).toBe(to);
    expect(result.effects.map((e) => e.type)).toEqual(['audit', ...effectTypes]);
    expect(state).toEqual(before);
    const row = writtenSessionTable.find((r) => r.event === event.type)!;
    expect(row.from).toContain(state.status);
    expect(row.to).toContain(to);
  });

  it('has an accepted-transition example for every (event, from) pair of the table', () => {
    const covered = new Set(
      accepted.map(([, setup, event]) => `${event.type}@${setup().state.status}`),
    );
    for (const row of writtenSessionTable) {
      for (const status of row.from) expect(covered).toContain(`${row.event}@${status}`);
    }
  });

  it('audits every accepted transition with its actor, time, and from and to states', () => {
    for (const [, setup, event, minutes, to] of accepted) {
      const { state } = setup();
      const result = transition(state, event, at(minutes));
      if (!result.ok) throw new Error(result.reason);
      const audit = result.effects[0];
      expect(audit).toMatchObject({
        type: 'audit',
        entry: {
          at: at(minutes),
          actor: event.actor,
          type: `written.${event.type}`,
          payload: { sessionId: 'ses-1', from: state.status, to },
        },
      });
    }
  });
});
