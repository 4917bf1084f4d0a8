import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ExamConfigInput } from '../exam/exam-config.defaults.ts';
import type { SessionTerms, WrittenSessionState, WrittenStatus } from './written-session.types.ts';
import { MINUTE_MS } from '../common/time.types.ts';
import { timeOutModes } from '../exam/exam-config.defaults.ts';
import { transition } from './written-session.machine.ts';
import { timesOutAt } from './written-session.deadline.ts';
import { termsChangeProblem } from './written-session.amend.ts';
import {
  CLOSES,
  OPENS,
  admin,
  at,
  examiner,
  proctor,
  reach,
  step,
  student,
  system,
} from './written-session.fixtures.ts';

const grace10: Partial<ExamConfigInput> = { timeOut: { mode: 'grace', graceMinutes: 10 } };
type Change = (t: SessionTerms) => SessionTerms;
const duration =
  (minutes: number): Change =>
  (t) => ({ ...t, durationMinutes: minutes });
const closes =
  (at: number): Change =>
  (t) => ({ ...t, window: { ...t.window, closesAt: at } });
const opens =
  (at: number): Change =>
  (t) => ({ ...t, window: { ...t.window, opensAt: at } });
const timeOut =
  (mode: 'submit' | 'grace' | 'refuse', graceMinutes = 0): Change =>
  (t) => ({ ...t, timeOut: { mode, graceMinutes } });
const maxCompensation =
  (maxMinutes: number): Change =>
  (t) => ({ ...t, compensation: { ...t.compensation, maxMinutes } });
const amend = (terms: SessionTerms, actor = examiner) =>
  ({ type: 'amend-terms', actor, terms }) as const;

// [what, status, exam config, change, now (minutes from opening), problem]
// In progress: work started at +1, deadline +91. Paused at +30. Check-in began at -10.
const cases: [
  string,
  WrittenStatus,
  Partial<ExamConfigInput>,
  Change,
  number,
  'cuts-running-sitting' | null,
][] = [
  ['a longer duration', 'in_progress', {}, duration(120), 20, null],
  ['the same terms', 'in_progress', {}, (t) => t, 20, null],
  ['a shorter duration', 'in_progress', {}, duration(60), 20, 'cuts-running-sitting'],
  [
    'a duration below the time already spent',
    'in_progress',
    {},
    duration(10),
    20,
    'cuts-running-sitting',
  ],
  ['a close before the deadline', 'in_progress', {}, closes(at(60)), 20, 'cuts-running-sitting'],
  ['a later close', 'in_progress', {}, closes(CLOSES + 60 * MINUTE_MS), 20, null],
  ['an earlier close after the deadline', 'in_progress', {}, closes(at(100)), 20, null],
  ['a grace period added', 'in_progress', {}, timeOut('grace', 10), 20, null],
  [
    'the grace period taken away',
    'in_progress',
    grace10,
    timeOut('submit'),
    20,
    'cuts-running-sitting',
  ],
  [
    'a shorter grace period',
    'in_progress',
    grace10,
    timeOut('grace', 5),
    20,
    'cuts-running-sitting',
  ],
  [
    'the grace period taken away while it runs',
    'in_progress',
    grace10,
    timeOut('refuse'),
    95,
    'cuts-running-sitting',
  ],
  [
    'submit changed to refuse (the time is the same)',
    'in_progress',
    {},
    timeOut('refuse'),
    20,
    null,
  ],
  ['a smaller compensation cap at work', 'in_progress', {}, maxCompensation(0), 20, null],
  [
    'a smaller compensation cap while paused',
    'paused',
    {},
    maxCompensation(0),
    35,
    'cuts-running-sitting',
  ],
  ['a longer duration while paused', 'paused', {}, duration(120), 35, null],
  [
    'a window closed by now during check-in',
    'checking_in',
    {},
    closes(at(-15)),
    -8,
    'cuts-running-sitting',
  ],
  ['an earlier close still ahead during check-in', 'checking_in', {}, closes(at(30)), -8, null],
  [
    'a window closed by now while waiting for the proctor',
    'awaiting_approval',
    {},
    closes(at(-15)),
    -4,
    'cuts-running-sitting',
  ],
  ['any change before check-in', 'scheduled', {}, closes(at(-40)), -30, null],
  ['any change to a submitted sitting', 'submitted', {}, duration(10), 70, null],
  ['any change to a timed-out sitting', 'timed_out', {}, duration(10), 95, null],
];

describe('termsChangeProblem', () => {
  it.each(cases)('%s (%s): %s', (_name, status, config, change, minutes, problem) => {
    const { state } = reach(status, config);
    expect(termsChangeProblem(state, change(state.terms), at(minutes))).toBe(problem);
  });
});

describe('amend-terms', () => {
  it('recomputes a running deadline from the start of work, the compensation granted and the new terms', () => {
    const { state } = reach('in_progress');
    const granted = step(
      state,
      { type: 'grant-compensation', actor: proctor, minutes: 5, reason: 'power cut' },
      at(10),
    );
    expect(granted.deadline).toBe(at(96));
    const r = transition(granted, amend(duration(120)(granted.terms)), at(20));
    if (!r.ok) throw new Error(r.reason);
    expect(r.state.deadline).toBe(at(126));
    expect(r.state.terms.durationMinutes).toBe(120);
    expect(r.effects).toContainEqual({ type: 'schedule-deadline', at: at(126) });
    expect(r.effects).toContainEqual({
      type: 'notify-student',
      key: 'session.terms-amended',
      params: { deadline: at(126) },
    });
    expect(r.effects[0]).toMatchObject({
      type: 'audit',
      entry: {
        type: 'written.amend-terms',
        actor: examiner,
        payload: {
          from: 'in_progress',
          to: 'in_progress',
          previousDeadline: at(96),
          deadline: at(126),
          terms: { durationMinutes: 120 },
        },
      },
    });
  });

  it('refuses a change that would cut a running sitting, and leaves it as it was', () => {
    const { state } = reach('in_progress');
    expect(transition(state, amend(duration(60)(state.terms)), at(20))).toEqual({
      ok: false,
      reason: 'cuts-running-sitting',
    });
  });

  it('refuses terms that cannot work', () => {
    const { state } = reach('scheduled');
    expect(transition(state, amend(duration(0)(state.terms)), at(-25))).toEqual({
      ok: false,
      reason: 'invalid-terms',
    });
    expect(transition(state, amend(closes(OPENS - 1)(state.terms)), at(-25))).toEqual({
      ok: false,
      reason: 'invalid-terms',
    });
  });

  it.each([
    'submitted',
    'timed_out',
    'terminated',
    'under_review',
    'accepted',
    'annulled',
  ] as const)('leaves an ended sitting alone (%s)', (status) => {
    const { state, now } = reach(status);
    expect(transition(state, amend(duration(200)(state.terms)), now)).toEqual({
      ok: false,
      reason: 'not-allowed-in-state',
    });
  });

  it.each([student, proctor, system])('is not for a $role', (actor) => {
    const { state } = reach('in_progress');
    expect(transition(state, amend(duration(120)(state.terms), actor), at(20))).toEqual({
      ok: false,
      reason: 'actor-not-allowed',
    });
  });

  it('an admin may amend too', () => {
    const { state } = reach('in_progress');
    expect(transition(state, amend(duration(120)(state.terms), admin), at(20)).ok).toBe(true);
  });

  it('moves the auto-start of a sitting approved early to the new opening', () => {
    const { state } = reach('awaiting_approval');
    const approved = step(state, { type: 'approve-identity', actor: proctor }, at(-3));
    const r = transition(approved, amend(opens(at(-2))(approved.terms)), at(-2.5));
    if (!r.ok) throw new Error(r.reason);
    expect(r.effects).toContainEqual({ type: 'schedule-auto-start', at: at(-2) });
    expect(r.state.terms.window.opensAt).toBe(at(-2));
  });

  it('a grace period added while the sitting works reaches it: it may save after the deadline', () => {
    const { state } = reach('in_progress');
    const amended = step(state, amend(timeOut('grace', 10)(state.terms)), at(20));
    expect(timesOutAt(amended)).toBe(at(101));
    const saved = transition(
      amended,
      { type: 'save-answer', actor: student, answerHash: 'h' },
      at(95),
    );
    expect(saved.ok).toBe(true);
  });

  it('a change accepted by the check never moves a running deadline, or the end of the sitting, earlier', () => {
    const runningArb = fc.record({
      status: fc.constantFrom<'in_progress' | 'paused'>('in_progress', 'paused'),
      mode: fc.constantFrom(...timeOutModes),
      grace: fc.integer({ min: 0, max: 30 }),
      compensate: fc.integer({ min: 0, max: 20 }),
      maxCompensation: fc.integer({ min: 0, max: 40 }),
    });
    const nextArb = fc.record({
      duration: fc.integer({ min: 1, max: 200 }),
      closeShift: fc.integer({ min: -120, max: 120 }),
      mode: fc.constantFrom(...timeOutModes),
      grace: fc.integer({ min: 0, max: 30 }),
      maxCompensation: fc.integer({ min: 0, max: 60 }),
      now: fc.integer({ min: 25, max: 150 }),
    });
    fc.assert(
      fc.property(runningArb, nextArb, (r, n) => {
        let state: WrittenSessionState = reach('in_progress', {
          timeOut: { mode: r.mode, graceMinutes: r.grace },
          compensation: { maxMinutes: r.maxCompensation },
        }).state;
        if (r.compensate > 0 && r.maxCompensation > 0) {
          state = step(
            state,
            { type: 'grant-compensation', actor: proctor, minutes: r.compensate, reason: 'r' },
            at(10),
          );
        }
        if (r.status === 'paused') {
          state = step(state, { type: 'pause', actor: student, reason: 'power-outage' }, at(20));
        }
        const next: SessionTerms = {
          ...state.terms,
          durationMinutes: n.duration,
          window: { ...state.terms.window, closesAt: CLOSES + n.closeShift * MINUTE_MS },
          timeOut: { mode: n.mode, graceMinutes: n.grace },
          compensation: { ...state.terms.compensation, maxMinutes: n.maxCompensation },
        };
        const now = at(n.now);
        const problem = termsChangeProblem(state, next, now);
        const result = transition(state, amend(next), now);
        if (problem === null) {
          if (!result.ok) throw new Error(result.reason);
          expect(result.state.deadline!).toBeGreaterThanOrEqual(state.deadline!);
          expect(timesOutAt(result.state)!).toBeGreaterThanOrEqual(timesOutAt(state)!);
          expect(result.state.status).toBe(state.status);
        } else {
          expect(result).toEqual({ ok: false, reason: 'cuts-running-sitting' });
        }
      }),
      { numRuns: 500 },
    );
  });
});
