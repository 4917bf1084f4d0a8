import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Flag } from './flag.types.ts';
import type { Detection, Signal, SittingSignal } from './signal.types.ts';
import type { DurationRule, FlagThresholds } from './flag.thresholds.ts';
import { evaluateSignals } from './flag.rules.ts';
import { createFlagTracker, type FlagMark, type FlagTrackerSnapshot } from './flag.tracker.ts';
import { defaultFlagThresholds } from './flag.thresholds.ts';
import { T0, setUp } from './signal.fixtures.ts';

const atArb = fc.integer({ min: T0, max: T0 + 120_000 });

const anySignal: fc.Arbitrary<Signal> = fc.oneof(
  fc.record({
    kind: fc.constant('face-count' as const),
    at: atArb,
    count: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('head-pose' as const),
    at: atArb,
    yawDeg: fc.integer({ min: -90, max: 90 }),
    pitchDeg: fc.integer({ min: -80, max: 60 }),
  }),
  fc.record({
    kind: fc.constant('face-match' as const),
    at: atArb,
    similarity: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('objects' as const),
    at: atArb,
    detections: fc.array(
      fc.record({
        label: fc.constantFrom('cell phone', 'book', 'headphones', 'cup'),
        score: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { maxLength: 2 },
    ),
  }),
  fc.record({ kind: fc.constant('speech' as const), at: atArb, active: fc.boolean() }),
  fc.record({ kind: fc.constant('visibility' as const), at: atArb, visible: fc.boolean() }),
  fc.record({ kind: fc.constant('focus' as const), at: atArb, focused: fc.boolean() }),
  fc.record({
    kind: fc.constant('screen-share' as const),
    at: atArb,
    active: fc.boolean(),
    displaySurface: fc.constantFrom('monitor' as const, 'window' as const, null),
  }),
  fc.record({ kind: fc.constant('camera' as const), at: atArb, on: fc.boolean() }),
  fc.record({
    kind: fc.constant('displays' as const),
    at: atArb,
    count: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('clipboard' as const),
    at: atArb,
    action: fc.constantFrom('copy' as const, 'paste' as const),
  }),
  fc.record({ kind: fc.constant('connectivity' as const), at: atArb, online: fc.boolean() }),
  fc.record({
    kind: fc.constant('second-camera' as const),
    at: atArb,
    state: fc.constantFrom('live' as const, 'hidden' as const, 'offline' as const),
  }),
);

/** What an honest student's sitting looks like to the detectors: small movements, brief blinks. */
const honestSignal: fc.Arbitrary<Signal> = fc.oneof(
  fc.record({ kind: fc.constant('face-count' as const), at: atArb, count: fc.constant(1) }),
  fc.record({
    kind: fc.constant('head-pose' as const),
    at: atArb,
    yawDeg: fc.integer({ min: -30, max: 30 }),
    pitchDeg: fc.integer({ min: -55, max: 20 }),
  }),
  fc.record({
    kind: fc.constant('face-match' as const),
    at: atArb,
    similarity: fc.double({ min: 0.6, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('objects' as const),
    at: atArb,
    detections: fc.constantFrom<Detection[]>(
      [],
      [{ label: 'book', score: 0.9 }],
      [{ label: 'cup', score: 0.8 }],
    ),
  }),
);

const withoutIndexes = (flags: Flag[], signals: readonly Signal[]) =>
  flags.map((f) => ({ ...f, signalIndexes: f.signalIndexes.map((i) => signals[i]) }));

describe('flag rule properties', () => {
  it('never flags an honest sitting', () => {
    fc.assert(
      fc.property(fc.array(honestSignal, { maxLength: 200 }), (noise) => {
        expect(evaluateSignals([...setUp(), ...noise])).toEqual([]);
      }),
    );
  });

  it('raises only flags that lasted at least their category’s minimum, inside the evaluated time', () => {
    fc.assert(
      fc.property(
        fc.array(anySignal, { minLength: 1, maxLength: 150 }),
        fc.integer({ min: 0, max: 60_000 }),
        (signals, extra) => {
          const first = Math.min(...signals.map((s) => s.at));
          const last = Math.max(...signals.map((s) => s.at));
          const now = last + extra;
          for (const flag of evaluateSignals(signals, defaultFlagThresholds, { now })) {
            const rule: DurationRule = defaultFlagThresholds[flag.category];
            const minimum = Math.min(rule.minorAfterMs ?? Infinity, rule.grossAfterMs ?? Infinity);
            expect(flag.durationMs).toBeGreaterThanOrEqual(minimum);
            expect(flag.startAt).toBeGreaterThanOrEqual(first);
            expect(flag.endAt).toBeLessThanOrEqual(now);
            expect(flag.signalIndexes.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });

  it('gives the same flags whatever order time-distinct signals arrive in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(anySignal, { maxLength: 100, selector: (s) => s.at }),
        fc.integer(),
        (signals, seed) => {
          const shuffled = [...signals].sort(
            (a, b) => ((a.at * 31 + seed) % 97) - ((b.at * 31 + seed) % 97),
          );
          expect(withoutIndexes(evaluateSignals(shuffled), shuffled)).toEqual(
            withoutIndexes(evaluateSignals(signals), signals),
          );
        },
      ),
    );
  });

  it('gives the same flags incrementally as over the whole stream', () => {
    fc.assert(
      fc.property(
        fc.array(anySignal, { maxLength: 150 }),
        fc.integer({ min: 0, max: 30_000 }),
        (raw, extra) => {
          const signals = [...raw].sort((a, b) => a.at - b.at);
          const tracker = createFlagTracker();
          for (const s of signals) expect(tracker.push(s).ok).toBe(true);
          const now = (signals[signals.length - 1]?.at ?? T0) + extra;
          expect(tracker.flags({ now })).toEqual(
            evaluateSignals(signals, defaultFlagThresholds, { now }),
          );
          expect(tracker.size).toBe(signals.length);
        },
      ),
    );
  });
});

describe('createFlagTracker', () => {
  it('refuses a signal older than the last one', () => {
    const tracker = createFlagTracker();
    tracker.push({ kind: 'visibility', at: T0 + 10, visible: false });
    expect(tracker.push({ kind: 'visibility', at: T0 + 5, visible: true })).toEqual({
      ok: false,
      reason: 'out-of-order',
    });
  });

  it('shows a live flag while the condition still holds', () => {
    const tracker = createFlagTracker();
    tracker.push({ kind: 'face-count', at: T0, count: 1 });
    tracker.push({ kind: 'face-count', at: T0 + 1000, count: 2 });
    expect(tracker.flags({ now: T0 + 1500 })).toEqual([]);
    expect(tracker.flags({ now: T0 + 4500 })).toMatchObject([
      { category: 'third_person', severity: 'gross', ongoing: true },
    ]);
  });

  it('names the conditions a signal opens, and those holding now', () => {
    const tracker = createFlagTracker();
    expect(tracker.push({ kind: 'face-count', at: T0, count: 1 })).toMatchObject({ opened: [] });
    const twoFaces = tracker.push({ kind: 'face-count', at: T0 + 1000, count: 2 });
    expect(twoFaces).toMatchObject({ opened: ['third_person', 'multiple_faces'] });
    expect(tracker.holding().sort()).toEqual(['multiple_faces', 'third_person']);
    expect(tracker.push({ kind: 'context-menu', at: T0 + 1200 })).toMatchObject({
      opened: ['context_menu'],
    });
    tracker.push({ kind: 'face-count', at: T0 + 2000, count: 1 });
    expect(tracker.holding()).toEqual([]);
  });
});

/** Thresholds unlike the defaults where it matters: gaps that differ between a flag and the one that supersedes it, speech with a phone, a category turned off. */
const thresholdsArb: fc.Arbitrary<FlagThresholds> = fc
  .record({
    faceGap: fc.integer({ min: 0, max: 6_000 }),
    leftGap: fc.integer({ min: 0, max: 6_000 }),
    leftGross: fc.integer({ min: 0, max: 20_000 }),
    facesGap: fc.integer({ min: 0, max: 4_000 }),
    thirdGap: fc.integer({ min: 0, max: 4_000 }),
    instantGap: fc.integer({ min: 0, max: 5_000 }),
    phoneMinor: fc.integer({ min: 0, max: 5_000 }),
    tabOn: fc.boolean(),
  })
  .map((t) => ({
    ...defaultFlagThresholds,
    face_absent: {
      ...defaultFlagThresholds.face_absent,
      minorAfterMs: 2_000,
      mergeGapMs: t.faceGap,
    },
    left_without_warning: {
      ...defaultFlagThresholds.left_without_warning,
      grossAfterMs: t.leftGross,
      mergeGapMs: t.leftGap,
    },
    multiple_faces: { ...defaultFlagThresholds.multiple_faces, mergeGapMs: t.facesGap },
    third_person: { ...defaultFlagThresholds.third_person, mergeGapMs: t.thirdGap },
    context_menu: { ...defaultFlagThresholds.context_menu, mergeGapMs: t.instantGap },
    phone_call: { ...defaultFlagThresholds.phone_call, minorAfterMs: t.phoneMinor },
    tab_switch: { ...defaultFlagThresholds.tab_switch, enabled: t.tabOn },
  }));

/**
 * The signals whose flags interact: faces that come and go (a flag and the stronger one that
 * supersedes it), a phone while speech is heard, right clicks close together, the phone as a
 * second camera going away and coming back.
 */
const interactingSignal: fc.Arbitrary<Signal> = fc.oneof(
  fc.record({
    kind: fc.constant('face-count' as const),
    at: atArb,
    count: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({
    kind: fc.constant('objects' as const),
    at: atArb,
    detections: fc.constantFrom<Detection[]>([], [{ label: 'cell phone', score: 0.9 }]),
  }),
  fc.record({ kind: fc.constant('speech' as const), at: atArb, active: fc.boolean() }),
  fc.record({ kind: fc.constant('context-menu' as const), at: atArb }),
  // The phone paused, then lost (the second supersedes the first).
  fc.record({
    kind: fc.constant('second-camera' as const),
    at: atArb,
    state: fc.constantFrom('live' as const, 'hidden' as const, 'offline' as const),
  }),
);
/** The server's rest-break marks, with faces coming and going around them. */
const breakMark: fc.Arbitrary<SittingSignal> = fc.record({
  kind: fc.constant('rest-break' as const),
  at: atArb,
  active: fc.boolean(),
  since: atArb,
});
const sittingArb = fc.array(fc.oneof(anySignal, interactingSignal, interactingSignal, breakMark), {
  maxLength: 150,
  size: 'max',
});

const keyOf = (f: Flag) => `${f.category}:${f.startAt}`;

describe('the tracker over a sitting read as it goes', () => {
  it('gives the same flags as the whole stream so far, read after any signal at any later time', () => {
    fc.assert(
      fc.property(
        sittingArb,
        thresholdsArb,
        fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 150, maxLength: 150 }),
        (raw, thresholds, extras) => {
          const signals = [...raw].sort((a, b) => a.at - b.at);
          const tracker = createFlagTracker(thresholds);
          signals.forEach((s, i) => {
            tracker.push(s);
            // Read after a third of the signals, chosen at random, and after the last.
            if (extras[i]! % 3 !== 0 && i < signals.length - 1) return;
            const now = s.at + extras[i]!;
            expect(tracker.flags({ now })).toEqual(
              evaluateSignals(signals.slice(0, i + 1), thresholds, { now }),
            );
          });
        },
      ),
      { numRuns: 60 },
    );
    // A property over many prefixes: longer than a unit test's default on a busy machine.
  }, 30_000);

  it('leaves out of a recent read only flags that the previous read saw as they are now, never one it saw ongoing', () => {
    fc.assert(
      fc.property(
        sittingArb,
        thresholdsArb,
        fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 20_000 })), {
          minLength: 40,
          maxLength: 40,
        }),
        (raw, thresholds, reads) => {
          const signals = [...raw].sort((a, b) => a.at - b.at);
          const tracker = createFlagTracker(thresholds);
          let mark: FlagMark | undefined;
          let seen = new Map<string, Flag>();
          let next = 0;
          for (const [count, extra] of reads) {
            if (next >= signals.length) break;
            for (const s of signals.slice(next, next + count)) tracker.push(s);
            next += count;
            const now = signals[Math.min(next, signals.length) - 1]!.at + extra;
            const all = tracker.flags({ now });
            const recent = tracker.recentFlags(now, mark);
            const recentKeys = new Set(recent.flags.map(keyOf));
            expect(recent.flags).toEqual(all.filter((f) => recentKeys.has(keyOf(f))));
            for (const f of all) {
              if (!recentKeys.has(keyOf(f))) expect(seen.get(keyOf(f))).toEqual(f);
            }
            for (const f of seen.values()) {
              if (f.ongoing)
                expect(recentKeys.has(keyOf(f)) || !all.some((a) => keyOf(a) === keyOf(f))).toBe(
                  true,
                );
            }
            seen = new Map(all.map((f) => [keyOf(f), f]));
            mark = recent.mark;
          }
        },
      ),
    );
  }, 30_000);

  it('reads a few recent flags, not the whole past, three hours into a sitting that raises one every 4 s', () => {
    const tracker = createFlagTracker();
    let at = T0;
    for (let i = 0; i < 5_400; i++) {
      at += 2_000;
      tracker.push(i % 2 ? { kind: 'context-menu', at } : { kind: 'face-count', at, count: 1 });
    }
    const { mark } = tracker.recentFlags(at);
    tracker.push({ kind: 'context-menu', at: at + 2_000 });
    expect(tracker.flags({ now: at + 2_000 })).toHaveLength(2_701);
    expect(tracker.recentFlags(at + 2_000, mark).flags).toEqual([
      expect.objectContaining({ category: 'context_menu', startAt: at }),
      expect.objectContaining({ category: 'context_menu', startAt: at + 2_000 }),
    ]);
  });
});

describe('a recent read of the tracker', () => {
  it('brings back a finished flag when the stronger flag that had replaced it turns out too short', () => {
    const thresholds: FlagThresholds = {
      ...defaultFlagThresholds,
      face_absent: { ...defaultFlagThresholds.face_absent, minorAfterMs: 2_000, mergeGapMs: 0 },
      left_without_warning: {
        ...defaultFlagThresholds.left_without_warning,
        grossAfterMs: 8_000,
        mergeGapMs: 6_000,
      },
    };
    const tracker = createFlagTracker(thresholds);
    tracker.push({ kind: 'face-count', at: T0, count: 0 });
    tracker.push({ kind: 'face-count', at: T0 + 3_000, count: 1 });
    tracker.push({ kind: 'face-count', at: T0 + 5_000, count: 0 });
    const before = tracker.recentFlags(T0 + 9_000);
    expect(before.flags).toMatchObject([
      { category: 'left_without_warning', startAt: T0, ongoing: true },
    ]);
    // The face was back at 6 s: six seconds away, under the eight of the stronger flag.
    tracker.push({ kind: 'face-count', at: T0 + 6_000, count: 1 });
    expect(tracker.recentFlags(T0 + 9_000, before.mark).flags).toMatchObject([
      { category: 'face_absent', startAt: T0, endAt: T0 + 3_000, severity: 'minor' },
    ]);
  });
});

describe('a tracker restored from a snapshot', () => {
  it('goes on as the original: the same pushes, and reads as the original reads since the snapshot', () => {
    fc.assert(
      fc.property(
        sittingArb,
        thresholdsArb,
        fc.nat(),
        fc.integer({ min: 0, max: 20_000 }),
        (raw, thresholds, cut, extra) => {
          const signals = [...raw].sort((a, b) => a.at - b.at);
          const k = signals.length ? cut % (signals.length + 1) : 0;
          const original = createFlagTracker(thresholds);
          for (const s of signals.slice(0, k)) original.push(s);
          const snapshot = original.snapshot();
          // Stored as JSON, as the server stores it.
          const restored = createFlagTracker(
            thresholds,
            JSON.parse(JSON.stringify(snapshot)) as FlagTrackerSnapshot,
          );
          for (const s of signals.slice(k)) expect(restored.push(s)).toEqual(original.push(s));
          expect(restored.size).toBe(original.size);
          expect(restored.holding().sort()).toEqual(original.holding().sort());
          const now = (signals.at(-1)?.at ?? T0) + extra;
          const all = new Map(original.flags({ now }).map((f) => [keyOf(f), f]));
          const first = restored.recentFlags(now);
          for (const f of restored.flags({ now })) expect(all.get(keyOf(f))).toEqual(f);
          for (const f of original.recentFlags(now, snapshot.mark).flags) {
            expect(first.flags.find((r) => keyOf(r) === keyOf(f))).toEqual(f);
          }
          // From there on, read for read, the same.
          const mark = original.recentFlags(now).mark;
          const later = { kind: 'face-count' as const, at: now + 1_000, count: 0 };
          original.push(later);
          restored.push(later);
          expect(restored.recentFlags(now + 9_000, first.mark).flags).toEqual(
            original.recentFlags(now + 9_000, mark).flags,
          );
        },
      ),
    );
  }, 30_000);
});
