import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ExamConfigInput, TimeOutMode } from '../exam/exam-config.defaults.ts';
import type { WrittenEvent, WrittenSessionState } from './written-session.types.ts';
import { MINUTE_MS } from '../common/time.types.ts';
import { timeOutModes } from '../exam/exam-config.defaults.ts';
import { transition } from './written-session.machine.ts';
import { handInUntil, timeOutOf, timesOutAt } from './written-session.deadline.ts';
import { CLOSES, at, proctor, reach, step, student, system } from './written-session.fixtures.ts';

const save = (hash: string): WrittenEvent => ({
  type: 'save-answer',
  actor: student,
  answerHash: hash,
});
const submit = (hash: string): WrittenEvent => ({
  type: 'submit',
  actor: student,
  answerHash: hash,
});
const deadlineReached: WrittenEvent = { type: 'deadline-reached', actor: system };
const mode = (m: TimeOutMode, graceMinutes = 0): Partial<ExamConfigInput> => ({
  timeOut: { mode: m, graceMinutes },
});

/** At work from +1 (deadline +91), a draft saved at +40. */
function working(overrides: Partial<ExamConfigInput>): WrittenSessionState {
  return step(reach('in_progress', overrides).state, save('draft'), at(40));
}

const auditPayload = (r: ReturnType<typeof transition>) =>
  r.ok && r.effects[0]?.type === 'audit' ? r.effects[0].entry.payload : null;

describe('when time runs out', () => {
  it('submit (the default): the deadline ends work and the last saved answer is handed in', () => {
    const s = working({});
    expect(timeOutOf(s.terms)).toEqual({ mode: 'submit', graceMinutes: 0 });
    expect(transition(s, save('after'), at(91))).toEqual({ ok: false, reason: 'deadline-passed' });
    const r = transition(s, deadlineReached, at(91));
    if (!r.ok) throw new Error(r.reason);
    expect(r.state).toMatchObject({
      status: 'timed_out',
      finalAnswerHash: 'draft',
      late: false,
      notSubmitted: false,
    });
    expect(r.effects).toContainEqual({ type: 'auto-submit', answerHash: 'draft' });
  });

  it.each([
    [
      'a save one minute after the deadline is taken and marked late',
      save('more'),
      92,
      'in_progress',
    ],
    [
      'a submit five minutes after the deadline is taken and marked late',
      submit('draft'),
      96,
      'submitted',
    ],
  ] as const)('grace: %s', (_name, event, minutes, to) => {
    const s = working(mode('grace', 10));
    const r = transition(s, event, at(minutes));
    if (!r.ok) throw new Error(r.reason);
    expect(r.state.status).toBe(to);
    expect(auditPayload(r)).toMatchObject({ late: true });
    if (to === 'submitted') expect(r.state).toMatchObject({ late: true, finalAnswerHash: 'draft' });
  });

  it('grace: a submit before the deadline is not late', () => {
    const r = transition(working(mode('grace', 10)), submit('draft'), at(90));
    expect(r.ok && r.state).toMatchObject({ status: 'submitted', late: false });
  });

  it('grace: nothing is taken once the grace period is over', () => {
    const s = working(mode('grace', 10));
    expect(transition(s, save('x'), at(101))).toEqual({ ok: false, reason: 'deadline-passed' });
    expect(transition(s, submit('draft'), at(101))).toEqual({
      ok: false,
      reason: 'deadline-passed',
    });
  });

  it('grace: time acts at the end of the grace period, not at the deadline', () => {
    const s = working(mode('grace', 10));
    expect(timesOutAt(s)).toBe(at(101));
    expect(handInUntil(s)).toBe(at(101));
    expect(transition(s, deadlineReached, at(91))).toEqual({
      ok: false,
      reason: 'deadline-not-reached',
    });
    const r = transition(s, deadlineReached, at(101));
    expect(r.ok && r.state).toMatchObject({
      status: 'timed_out',
      late: false,
      finalAnswerHash: 'draft',
    });
  });

  it('grace: the last answer is handed in late at the end when it was saved in the grace period', () => {
    const s = step(working(mode('grace', 10)), save('more'), at(95));
    const r = transition(s, deadlineReached, at(101));
    if (!r.ok) throw new Error(r.reason);
    expect(r.state).toMatchObject({ status: 'timed_out', late: true, finalAnswerHash: 'more' });
    expect(r.effects).toContainEqual({ type: 'auto-submit', answerHash: 'more' });
    expect(auditPayload(r)).toMatchObject({ timeOut: 'grace', late: true });
  });

  it('grace: a repeat of an answer saved before the deadline does not make it late', () => {
    const s = step(working(mode('grace', 10)), save('draft'), at(95));
    expect(s.lastSavedAt).toBe(at(40));
    const r = transition(s, deadlineReached, at(101));
    expect(r.ok && r.state.late).toBe(false);
  });

  it('grace runs past the window close, which caps only the deadline', () => {
    const { state } = reach('awaiting_approval', mode('grace', 15));
    const late = step(state, { type: 'approve-identity', actor: proctor }, at(150));
    expect(late.deadline).toBe(CLOSES);
    const saved = transition(late, save('x'), CLOSES + 5 * MINUTE_MS);
    expect(saved.ok).toBe(true);
    expect(timesOutAt(late)).toBe(CLOSES + 15 * MINUTE_MS);
  });

  it('grace: a paused sitting resumed in the grace period goes on to its end', () => {
    const s = step(
      working(mode('grace', 10)),
      { type: 'pause', actor: student, reason: 'internet-lost' },
      at(85),
    );
    // Nobody compensates: the deadline stays +91, the grace period ends at +101.
    const r = transition(s, { type: 'resume', actor: proctor }, at(95));
    expect(r.ok && r.state.status).toBe('in_progress');
    const tooLate = transition(s, { type: 'resume', actor: proctor }, at(101));
    expect(tooLate.ok && tooLate.state.status).toBe('timed_out');
  });

  it('refuse: the deadline ends work; the saved answer is kept but recorded as not handed in', () => {
    const s = working(mode('refuse'));
    expect(transition(s, submit('draft'), at(91))).toEqual({
      ok: false,
      reason: 'deadline-passed',
    });
    const r = transition(s, deadlineReached, at(91));
    if (!r.ok) throw new Error(r.reason);
    expect(r.state).toMatchObject({
      status: 'timed_out',
      finalAnswerHash: 'draft',
      lastSavedAnswerHash: 'draft',
      notSubmitted: true,
      late: false,
    });
    expect(r.effects.map((e) => e.type)).not.toContain('auto-submit');
    expect(auditPayload(r)).toMatchObject({ timeOut: 'refuse', notSubmitted: true });
  });

  it('refuse and submit ignore grace minutes', () => {
    expect(timesOutAt(working(mode('refuse', 30)))).toBe(at(91));
    expect(timesOutAt(working(mode('submit', 30)))).toBe(at(91));
  });

  it('reads a sitting stored before the setting existed as submit', () => {
    const s = working(mode('grace', 10));
    const { timeOut: _, ...oldTerms } = s.terms;
    const { late: __, notSubmitted: ___, lastSavedAt: ____, ...rest } = s;
    const old: WrittenSessionState = { ...rest, terms: oldTerms };
    expect(timeOutOf(old.terms)).toEqual({ mode: 'submit', graceMinutes: 0 });
    expect(transition(old, save('x'), at(92))).toEqual({ ok: false, reason: 'deadline-passed' });
    const r = transition(old, deadlineReached, at(91));
    expect(r.ok && r.state).toMatchObject({
      status: 'timed_out',
      late: false,
      notSubmitted: false,
    });
  });

  it.each([
    [null, 'submit', 0],
    [{ mode: 'later' }, 'submit', 0],
    [{ mode: 'grace', graceMinutes: -5 }, 'grace', 0],
    [{ mode: 'grace', graceMinutes: Number.NaN }, 'grace', 0],
    [{ mode: 'refuse', graceMinutes: 3 }, 'refuse', 3],
  ])('reads stored time-out %j defensively', (stored, m, minutes) => {
    const terms = { ...working({}).terms, timeOut: stored as never };
    expect(timeOutOf(terms)).toEqual({ mode: m, graceMinutes: minutes });
  });

  it('takes an answer exactly until the deadline plus the grace of its mode, and marks late exactly what comes after the deadline', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...timeOutModes),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -30, max: 90 }),
        (m, grace, afterDeadline) => {
          const s = working(mode(m, grace));
          const now = at(91 + afterDeadline);
          const until = at(91 + (m === 'grace' ? grace : 0));
          const saved = transition(s, save('other'), now);
          const handedIn = transition(s, submit('draft'), now);
          expect(saved.ok).toBe(now < until);
          expect(handedIn.ok).toBe(now < until);
          if (handedIn.ok) expect(handedIn.state.late).toBe(afterDeadline >= 0);
          const ended = transition(s, deadlineReached, now);
          expect(ended.ok).toBe(now >= until);
          if (ended.ok) {
            expect(ended.state.finalAnswerHash).toBe('draft');
            expect(ended.state.notSubmitted).toBe(m === 'refuse');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
