import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Accommodation } from './accommodation.rules.ts';
import type { SessionTerms, WrittenSessionState } from '../written/written-session.types.ts';
import { MINUTE_MS } from '../common/time.types.ts';
import {
  NO_ACCOMMODATION,
  accommodatedTerms,
  accommodationProblems,
  checksFor,
  overrideProblems,
} from './accommodation.rules.ts';
import {
  closeFor,
  deadlineFor,
  graceMs,
  remainingMs,
  timesOutAt,
  wakesAt,
  workMs,
} from '../written/written-session.deadline.ts';
import { transition } from '../written/written-session.machine.ts';
import {
  CLOSES,
  OPENS,
  at,
  newSession,
  proctor,
  step,
  student,
  system,
} from '../written/written-session.fixtures.ts';

const profile = (a: Partial<Accommodation>): Accommodation => ({ ...NO_ACCOMMODATION, ...a });

/** A sitting of a 45-minute exam under `a`, at work from the opening (+0). */
function sittingUnder(a: Accommodation | null, grace = 0): WrittenSessionState {
  const base = newSession({
    durationMinutes: 45,
    liveProctoring: false,
    timeOut: { mode: grace > 0 ? 'grace' : 'submit', graceMinutes: grace },
  });
  const s = { ...base, terms: accommodatedTerms(base.terms, a, null) };
  const checking = step(s, { type: 'begin-check-in', actor: student }, at(-10));
  const waiting = step(
    checking,
    { type: 'complete-check-in', actor: student, idDocumentHash: 'd' },
    at(-5),
  );
  return step(waiting, { type: 'auto-start', actor: system }, at(0));
}

describe("a student's accommodated time", () => {
  it('×1.5 on a 45-minute exam gives 67 min 30 s and moves the close by 22 min 30 s', () => {
    const s = sittingUnder(profile({ timeFactor: 1.5 }));
    expect(s.deadline! - s.workStartedAt!).toBe(67.5 * MINUTE_MS);
    expect(closeFor(s.terms)).toBe(CLOSES + 22.5 * MINUTE_MS);
  });

  it('a student who starts at the last moment still gets all of their time', () => {
    const terms = accommodatedTerms(
      newSession({ durationMinutes: 45 }).terms,
      profile({ timeFactor: 2 }),
      null,
    );
    const lastStart = CLOSES - 45 * MINUTE_MS;
    expect(deadlineFor(terms, lastStart, 0) - lastStart).toBe(90 * MINUTE_MS);
  });

  it('extra minutes come after the factor, and a grace period is stretched by the factor', () => {
    const s = sittingUnder(profile({ timeFactor: 2, extraMinutes: 10 }), 5);
    expect(workMs(s.terms)).toBe(100 * MINUTE_MS);
    expect(graceMs(s.terms)).toBe(10 * MINUTE_MS);
    expect(timesOutAt(s)).toBe(at(110));
  });

  it('using the accommodation is never late: handed in at +60 of 67 min 30 s', () => {
    const s = sittingUnder(profile({ timeFactor: 1.5 }), 10);
    const r = transition(s, { type: 'submit', actor: student, answerHash: 'a' }, at(60));
    expect(r.ok && r.state.status).toBe('submitted');
    expect(r.ok && r.state.late).toBe(false);
  });

  it('an override gives one student their own window and more minutes', () => {
    const exam = newSession({ durationMinutes: 45 }).terms;
    const own = { opensAt: OPENS + 86_400_000, closesAt: OPENS + 86_400_000 + 120 * MINUTE_MS };
    const t = accommodatedTerms(exam, null, { window: own, extraMinutes: 15 });
    expect(t.window).toEqual(own);
    expect(workMs(t)).toBe(60 * MINUTE_MS);
    expect(accommodatedTerms(exam, null, null)).toEqual(exam);
  });
});

describe('time added during a sitting', () => {
  it('moves the end past the close, and needs a reason', () => {
    const s = sittingUnder(null);
    const nearClose = { ...s, deadline: CLOSES };
    const r = transition(
      nearClose,
      { type: 'add-time', actor: proctor, minutes: 10, reason: 'accommodation' },
      at(100),
    );
    expect(r.ok && r.state.deadline).toBe(CLOSES + 10 * MINUTE_MS);
    const noReason = transition(
      s,
      { type: 'add-time', actor: proctor, minutes: 10, reason: ' ' },
      at(10),
    );
    expect(noReason).toMatchObject({ ok: false, reason: 'reason-required' });
    const zero = transition(
      s,
      { type: 'add-time', actor: proctor, minutes: 0, reason: 'r' },
      at(10),
    );
    expect(zero).toMatchObject({ ok: false, reason: 'invalid-minutes' });
    const byStudent = transition(
      s,
      { type: 'add-time', actor: student, minutes: 5, reason: 'r' },
      at(10),
    );
    expect(byStudent.ok).toBe(false);
  });
});

describe('rest breaks', () => {
  const breaks = profile({ breakMinutes: 10 });

  it('stop the clock: a 5-minute break moves the end by 5 minutes', () => {
    const s = sittingUnder(breaks);
    const on = step(s, { type: 'start-break', actor: student }, at(20));
    expect(remainingMs(on, at(20))).toBe(25 * MINUTE_MS);
    expect(remainingMs(on, at(24))).toBe(25 * MINUTE_MS);
    const off = step(on, { type: 'end-break', actor: student }, at(25));
    expect(off.deadline).toBe(at(50));
    expect(remainingMs(off, at(25))).toBe(25 * MINUTE_MS);
  });

  it('end by themselves when the allowance runs out, not before', () => {
    const on = step(sittingUnder(breaks), { type: 'start-break', actor: student }, at(20));
    expect(wakesAt(on)).toBe(at(30));
    expect(transition(on, { type: 'end-break', actor: system }, at(29))).toMatchObject({
      ok: false,
      reason: 'deadline-not-reached',
    });
    const off = step(on, { type: 'end-break', actor: system }, at(31));
    expect(off.breaks![0]!.endedAt).toBe(at(30));
    expect(off.deadline).toBe(at(55));
    expect(transition(off, { type: 'start-break', actor: student }, at(40))).toMatchObject({
      ok: false,
      reason: 'breaks-used-up',
    });
  });

  it('keep answers: a save during a break past the old end is taken, a submit waits for its end', () => {
    const on = step(sittingUnder(breaks), { type: 'start-break', actor: student }, at(40));
    const saved = transition(on, { type: 'save-answer', actor: student, answerHash: 'a' }, at(47));
    expect(saved.ok).toBe(true);
    const submit = transition(on, { type: 'submit', actor: student, answerHash: 'a' }, at(41));
    expect(submit).toMatchObject({ ok: false, reason: 'on-break' });
  });

  it('are refused without an accommodation that gives them', () => {
    expect(
      transition(sittingUnder(null), { type: 'start-break', actor: student }, at(5)),
    ).toMatchObject({ ok: false, reason: 'no-breaks' });
  });
});

describe('profiles and overrides that cannot work are explained by field', () => {
  it('refuses a factor below 1, breaks as long as the exam, unknown checks', () => {
    expect(
      accommodationProblems(
        profile({ timeFactor: 0.9, breakMinutes: 60, skippedChecks: ['mind-reading' as never] }),
        60,
      ),
    ).toEqual([
      { field: 'timeFactor', code: 'factor-below-one' },
      { field: 'breakMinutes', code: 'breaks-longer-than-exam' },
      { field: 'skippedChecks', code: 'unknown-check' },
    ]);
    expect(accommodationProblems(profile({ timeFactor: 1.5, extraMinutes: 10 }), 60)).toEqual([]);
  });

  it('refuses windows that close first, last weeks, drift months away or are too short', () => {
    const exam = { opensAt: OPENS, durationMinutes: 45 };
    const w = (opensAt: number, closesAt: number) => ({
      window: { opensAt, closesAt },
      extraMinutes: 0,
    });
    expect(overrideProblems(w(OPENS, OPENS - 1), exam)[0]!.code).toBe('window-order');
    expect(overrideProblems(w(OPENS, OPENS + 20 * 86_400_000), exam)[0]!.code).toBe(
      'window-too-long',
    );
    expect(overrideProblems(w(OPENS, OPENS + 30 * MINUTE_MS), exam)[0]!.code).toBe(
      'window-too-short',
    );
    const far = OPENS + 200 * 86_400_000;
    expect(overrideProblems(w(far, far + 60 * MINUTE_MS), exam)[0]!.code).toBe(
      'window-far-from-exam',
    );
    expect(
      overrideProblems(w(OPENS + 86_400_000, OPENS + 86_400_000 + 60 * MINUTE_MS), exam),
    ).toEqual([]);
  });

  it('a skipped check is off whatever the exam says', () => {
    const all = { faces: true, headPose: true, objects: true, speech: true, browser: true };
    expect(checksFor(all, ['faces', 'speech'])).toEqual({ ...all, faces: false, speech: false });
  });
});

const accommodationArb: fc.Arbitrary<Accommodation> = fc.record({
  timeFactor: fc.constantFrom(1, 1.25, 1.33, 1.5, 2, 3),
  extraMinutes: fc.integer({ min: 0, max: 120 }),
  breakMinutes: fc.integer({ min: 0, max: 30 }),
  skippedChecks: fc.constant([]),
});

describe('time rules for any accommodation (properties)', () => {
  const exam: SessionTerms = newSession({ durationMinutes: 60 }).terms;
  const startArb = fc.integer({ min: -20, max: 200 }).map(at);
  const compArb = fc.integer({ min: 0, max: 30 }).map((m) => m * MINUTE_MS);

  it("a student's end is never before the exam's end without accommodation", () => {
    fc.assert(
      fc.property(accommodationArb, startArb, compArb, (a, start, comp) => {
        const t = accommodatedTerms(exam, a, null);
        expect(deadlineFor(t, start, comp)).toBeGreaterThanOrEqual(deadlineFor(exam, start, comp));
        expect(graceMs(t)).toBeGreaterThanOrEqual(graceMs(exam));
      }),
    );
  });

  it('more accommodation never shortens anything', () => {
    fc.assert(
      fc.property(accommodationArb, accommodationArb, startArb, compArb, (a, b, start, comp) => {
        const more = {
          ...a,
          timeFactor: Math.max(a.timeFactor, b.timeFactor),
          extraMinutes: Math.max(a.extraMinutes, b.extraMinutes),
        };
        const less = accommodatedTerms(exam, a, null);
        const moreT = accommodatedTerms(exam, more, null);
        expect(workMs(moreT)).toBeGreaterThanOrEqual(workMs(less));
        expect(closeFor(moreT)).toBeGreaterThanOrEqual(closeFor(less));
        expect(deadlineFor(moreT, start, comp)).toBeGreaterThanOrEqual(
          deadlineFor(less, start, comp),
        );
      }),
    );
  });

  it('a break never counts against work time', () => {
    // Any breaks, each of any length, started at any time before the end: the time at work
    // (the end, less the start, less the breaks taken) is what it would be without them.
    const breakArb = fc.array(
      fc.record({
        after: fc.integer({ min: 0, max: 30 }),
        length: fc.integer({ min: 0, max: 20 }),
        bySystem: fc.boolean(),
      }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(accommodationArb, breakArb, (a, plan) => {
        let s = sittingUnder({ ...a, breakMinutes: Math.max(a.breakMinutes, 1) });
        const work = s.deadline! - s.workStartedAt!;
        let now = s.workStartedAt!;
        for (const b of plan) {
          now += b.after * MINUTE_MS;
          const started = transition(s, { type: 'start-break', actor: student }, now);
          if (!started.ok) continue;
          s = started.state;
          now += b.length * MINUTE_MS;
          const ended = transition(
            s,
            { type: 'end-break', actor: b.bySystem ? system : student },
            now,
          );
          if (ended.ok) s = ended.state;
          else {
            now = wakesAt(s)!;
            s = step(s, { type: 'end-break', actor: system }, now);
          }
        }
        const taken = (s.breaks ?? []).reduce((sum, x) => sum + (x.endedAt! - x.startedAt), 0);
        expect(taken).toBeLessThanOrEqual(Math.max(a.breakMinutes, 1) * MINUTE_MS);
        expect(s.deadline! - s.workStartedAt! - taken).toBe(work);
      }),
    );
  });
});
