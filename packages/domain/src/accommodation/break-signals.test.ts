import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Flag } from '../signals/flag.types.ts';
import type { Interval } from '../signals/interval.ops.ts';
import type { Signal, SittingSignal } from '../signals/signal.types.ts';
import type { BreakState } from '../written/written-session.deadline.ts';
import type { ExamCheckSettings } from '../exam/exam-thresholds.ts';
import { evaluateSignals } from '../signals/flag.rules.ts';
import { createFlagTracker } from '../signals/flag.tracker.ts';
import { flagCategories } from '../signals/flag.types.ts';
import { T0, sec } from '../signals/signal.fixtures.ts';
import { breakEndsAt } from '../written/written-session.deadline.ts';
import {
  CHECK_CATEGORIES,
  examFlagThresholds,
  sittingFlagThresholds,
} from '../exam/exam-thresholds.ts';
import { NO_ACCOMMODATION, skippableChecks, type SkippableCheck } from './accommodation.rules.ts';
import {
  BREAK_QUIET_CATEGORIES,
  inRestBreak,
  isBreakQuiet,
  restBreakMarks,
  restBreakSpans,
} from './break-signals.ts';

const MIN = 60_000;
const sitting = (breaks: BreakState['breaks'], breakMinutes = 10): BreakState => ({
  breaks,
  terms: { accommodation: { ...NO_ACCOMMODATION, breakMinutes } },
});

/**
 * The marks the server puts in a stream for these spans, interleaved with the page's signals,
 * and up to `until` after them (the server marks up to its own time with each batch).
 */
function withMarks(
  signals: readonly Signal[],
  spans: readonly Interval[],
  until?: number,
): SittingSignal[] {
  const out: SittingSignal[] = [];
  let last: { since: number; active: boolean } | null = null;
  const mark = (until: number) => {
    for (const m of restBreakMarks(spans, last, until)) {
      out.push(m);
      last = { since: m.since, active: m.active };
    }
  };
  for (const s of [...signals].sort((a, b) => a.at - b.at)) {
    mark(s.at);
    out.push(s);
  }
  if (until !== undefined) mark(until);
  return out;
}

const categories = (flags: Flag[]) => flags.map((f) => f.category);

describe('the flags a rest break keeps quiet', () => {
  it('are the flags for leaving, and only those', () => {
    expect([...BREAK_QUIET_CATEGORIES].sort()).toEqual(
      ['face_absent', 'left_without_warning', 'looking_away', 'tab_switch'].sort(),
    );
    for (const c of ['third_person', 'speech', 'phone_call', 'camera_off'] as const) {
      expect(isBreakQuiet(c)).toBe(false);
    }
  });
});

describe('which moments fall in a rest break', () => {
  it('an ended break: from its start, up to its end', () => {
    const s = sitting([{ startedAt: sec(10), endedAt: sec(70) }]);
    expect(inRestBreak(s, sec(9.999))).toBe(false);
    expect(inRestBreak(s, sec(10))).toBe(true);
    expect(inRestBreak(s, sec(69.999))).toBe(true);
    expect(inRestBreak(s, sec(70))).toBe(false);
  });

  it('the open break: until its allowance runs out, even before its end is recorded', () => {
    // 10 minutes in all, 2 taken: the open break runs for 8.
    const s = sitting([
      { startedAt: sec(0), endedAt: sec(120) },
      { startedAt: sec(300), endedAt: null },
    ]);
    expect(restBreakSpans(s)).toEqual([
      { startAt: sec(0), endAt: sec(120) },
      { startAt: sec(300), endAt: sec(300) + 8 * MIN },
    ]);
    expect(restBreakSpans(s)[1]!.endAt).toBe(breakEndsAt(s));
    expect(inRestBreak(s, sec(300) + 8 * MIN - 1)).toBe(true);
    expect(inRestBreak(s, sec(300) + 8 * MIN)).toBe(false);
    expect(inRestBreak(s, sec(200))).toBe(false);
  });

  it('no breaks: no moment', () => {
    expect(inRestBreak(sitting(undefined), T0)).toBe(false);
    expect(restBreakSpans(sitting([]))).toEqual([]);
  });
});

describe('the marks a stream needs', () => {
  const spans = [
    { startAt: sec(10), endAt: sec(20) },
    { startAt: sec(40), endAt: sec(50) },
  ];
  it('marks each start and end once, up to the moment asked', () => {
    expect(restBreakMarks(spans, null, sec(5))).toEqual([]);
    expect(restBreakMarks(spans, null, sec(15))).toEqual([
      { kind: 'rest-break', at: sec(10), active: true, since: sec(10) },
    ]);
    const first = { since: sec(10), active: true };
    expect(restBreakMarks(spans, first, sec(45))).toEqual([
      { kind: 'rest-break', at: sec(20), active: false, since: sec(10) },
      { kind: 'rest-break', at: sec(40), active: true, since: sec(40) },
    ]);
    expect(restBreakMarks(spans, { since: sec(40), active: true }, sec(45))).toEqual([]);
    expect(restBreakMarks(spans, { since: sec(40), active: false }, sec(99))).toEqual([]);
  });
});

describe('the rules over a stream with a break marked', () => {
  const spans = [{ startAt: sec(10), endAt: sec(70) }];

  it('raise no flag for leaving during the break, and raise it after', () => {
    const signals: Signal[] = [
      { kind: 'face-count', at: sec(0), count: 1 },
      { kind: 'visibility', at: sec(0), visible: true },
      // Away and on another tab for most of the break.
      { kind: 'face-count', at: sec(12), count: 0 },
      { kind: 'visibility', at: sec(13), visible: false },
      { kind: 'head-pose', at: sec(14), yawDeg: 80, pitchDeg: 0 },
      { kind: 'visibility', at: sec(60), visible: true },
      { kind: 'face-count', at: sec(65), count: 1 },
      { kind: 'head-pose', at: sec(66), yawDeg: 0, pitchDeg: 0 },
      // The same after it.
      { kind: 'face-count', at: sec(80), count: 0 },
      { kind: 'visibility', at: sec(81), visible: false },
      { kind: 'visibility', at: sec(95), visible: true },
      { kind: 'face-count', at: sec(95), count: 1 },
    ];
    const flags = evaluateSignals(withMarks(signals, spans), undefined, { now: sec(100) });
    expect(flags.every((f) => f.startAt >= sec(70))).toBe(true);
    expect(categories(flags).sort()).toEqual(['face_absent', 'tab_switch']);
    // Without the marks the break's stretches are flags.
    const unmarked = evaluateSignals(signals, undefined, { now: sec(100) });
    expect(unmarked.filter((f) => f.startAt < sec(70)).map((f) => f.category)).toEqual([
      'left_without_warning',
      'tab_switch',
    ]);
  });

  it('a stretch that began before the break ends at its start; one still holding at its end begins again there', () => {
    const signals: Signal[] = [
      { kind: 'visibility', at: sec(0), visible: false },
      { kind: 'face-count', at: sec(30), count: 0 },
      { kind: 'visibility', at: sec(100), visible: true },
    ];
    const flags = evaluateSignals(withMarks(signals, spans), undefined, { now: sec(100) });
    expect(flags).toMatchObject([
      { category: 'tab_switch', startAt: sec(0), endAt: sec(10), severity: 'minor' },
      { category: 'tab_switch', startAt: sec(70), endAt: sec(100), severity: 'gross' },
      { category: 'left_without_warning', startAt: sec(70), ongoing: true },
    ]);
  });

  it('still raises what a break does not excuse: another person in the room', () => {
    const signals: Signal[] = [
      { kind: 'face-count', at: sec(20), count: 2 },
      { kind: 'face-count', at: sec(40), count: 1 },
    ];
    expect(categories(evaluateSignals(withMarks(signals, spans)))).toEqual(['third_person']);
  });

  it('property: no quiet flag overlaps a break (of 10 s or more: a shorter one may be bridged by a merge gap), and every other flag is as without breaks', () => {
    const at = fc.integer({ min: T0, max: T0 + 200_000 });
    const signal: fc.Arbitrary<Signal> = fc.oneof(
      fc.record({
        kind: fc.constant('face-count' as const),
        at,
        count: fc.integer({ min: 0, max: 2 }),
      }),
      fc.record({ kind: fc.constant('visibility' as const), at, visible: fc.boolean() }),
      fc.record({
        kind: fc.constant('head-pose' as const),
        at,
        yawDeg: fc.integer({ min: -90, max: 90 }),
        pitchDeg: fc.constant(0),
      }),
      fc.record({ kind: fc.constant('speech' as const), at, active: fc.boolean() }),
    );
    const spansArb = fc
      .uniqueArray(fc.integer({ min: T0, max: T0 + 200_000 }), { minLength: 0, maxLength: 6 })
      .map((ts) => {
        const sorted = [...ts].sort((a, b) => a - b);
        const out: Interval[] = [];
        for (let i = 0; i + 1 < sorted.length; i += 2) {
          if (sorted[i + 1]! - sorted[i]! >= 10_000) {
            out.push({ startAt: sorted[i]!, endAt: sorted[i + 1]! });
          }
        }
        return out;
      });
    fc.assert(
      fc.property(fc.array(signal, { maxLength: 80 }), spansArb, (signals, breaks) => {
        const now = T0 + 250_000;
        const marked = evaluateSignals(withMarks(signals, breaks, now), undefined, { now });
        for (const f of marked.filter((x) => isBreakQuiet(x.category))) {
          for (const b of breaks) expect(f.startAt < b.endAt && b.startAt < f.endAt).toBe(false);
        }
        const others = (fs: Flag[]) =>
          fs.filter((f) => !isBreakQuiet(f.category)).map(({ signalIndexes: _, ...f }) => f);
        expect(others(marked)).toEqual(others(evaluateSignals(signals, undefined, { now })));
        // The tracker reads the marked stream as the rules do.
        const tracker = createFlagTracker();
        for (const s of withMarks(signals, breaks, now)) tracker.push(s);
        expect(tracker.flags({ now })).toEqual(marked);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a student’s thresholds with checks skipped by their accommodation', () => {
  const settings: ExamCheckSettings = {
    automaticChecks: true,
    checks: { faces: true, headPose: true, objects: true, speech: true, browser: true },
    sensitivity: 'standard',
    media: { camera: true, microphone: true, screen: true },
    requireFullscreen: false,
    watchClipboard: true,
    secondDisplay: 'warn',
    faceMatching: true,
    handoutsAllowed: true,
    secondCamera: 'optional',
  };

  it('no face checks: no face flag, no face matching; everything else as the exam has it', () => {
    const exam = examFlagThresholds(settings);
    const mine = sittingFlagThresholds(settings, ['faces']);
    for (const c of [...CHECK_CATEGORIES.faces, 'identity_mismatch' as const]) {
      expect(exam[c].enabled).toBe(true);
      expect(mine[c].enabled).toBe(false);
    }
    for (const c of flagCategories) {
      if (CHECK_CATEGORIES.faces.includes(c) || c === 'identity_mismatch') continue;
      expect(mine[c]).toEqual(exam[c]);
    }
  });

  it('nothing skipped: the exam’s thresholds', () => {
    expect(sittingFlagThresholds(settings, [])).toEqual(examFlagThresholds(settings));
  });

  it('property: skipping never turns a category on, and turns off every category of a skipped check', () => {
    const settingsArb = fc.record({
      automaticChecks: fc.boolean(),
      checks: fc.record({
        faces: fc.boolean(),
        headPose: fc.boolean(),
        objects: fc.boolean(),
        speech: fc.boolean(),
        browser: fc.boolean(),
      }),
      sensitivity: fc.constantFrom('lenient' as const, 'standard' as const, 'strict' as const),
      media: fc.record({ camera: fc.boolean(), microphone: fc.boolean(), screen: fc.boolean() }),
      requireFullscreen: fc.boolean(),
      watchClipboard: fc.boolean(),
      secondDisplay: fc.constantFrom('allow' as const, 'warn' as const, 'forbid' as const),
      faceMatching: fc.boolean(),
      handoutsAllowed: fc.boolean(),
      secondCamera: fc.constantFrom('off' as const, 'optional' as const, 'required' as const),
    });
    const skippedArb = fc.subarray<SkippableCheck>([...skippableChecks]);
    fc.assert(
      fc.property(settingsArb, skippedArb, (s, skipped) => {
        const exam = examFlagThresholds(s);
        const mine = sittingFlagThresholds(s, skipped);
        for (const c of flagCategories) {
          if (mine[c].enabled) expect(exam[c].enabled).toBe(true);
          const { enabled: _a, ...rest } = mine[c];
          const { enabled: _b, ...examRest } = exam[c];
          expect(rest).toEqual(examRest);
        }
        for (const check of skipped) {
          for (const c of CHECK_CATEGORIES[check]) expect(mine[c].enabled).toBe(false);
        }
      }),
    );
  });
});
