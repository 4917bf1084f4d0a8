import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Flag } from './flag.types.ts';
import type { Detection, Signal } from './signal.types.ts';
import type { DurationRule } from './flag.thresholds.ts';
import { evaluateSignals } from './flag.rules.ts';
import { createFlagTracker } from './flag.tracker.ts';
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
