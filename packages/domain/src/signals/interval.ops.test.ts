import { describe, expect, it } from 'vitest';
import type { ConditionInterval, Interval } from './interval.ops.ts';
import { mergeCloseIntervals, overlaps, subtractIntervals } from './interval.ops.ts';

const iv = (
  startAt: number,
  endAt: number,
  open = false,
  signalIndexes = [startAt],
): ConditionInterval => ({
  startAt,
  endAt,
  open,
  signalIndexes,
});
const span = (i: Interval): [number, number] => [i.startAt, i.endAt];

describe('overlaps', () => {
  it.each([
    [[0, 10], [5, 15], true],
    [[0, 10], [10, 20], false],
    [[5, 5], [0, 10], true],
    [[0, 10], [11, 12], false],
  ] as const)('%j and %j overlap: %s', ([a, b], [c, d], expected) => {
    expect(overlaps({ startAt: a, endAt: b }, { startAt: c, endAt: d })).toBe(expected);
  });
});

describe('subtractIntervals', () => {
  it.each([
    [
      'a cut inside splits the interval',
      [iv(0, 100)],
      [{ startAt: 40, endAt: 60 }],
      [
        [0, 40],
        [60, 100],
      ],
    ],
    ['a cut over the start trims it', [iv(0, 100)], [{ startAt: -10, endAt: 30 }], [[30, 100]]],
    ['a cut covering it removes it', [iv(10, 20)], [{ startAt: 0, endAt: 30 }], []],
    ['an instant inside a cut is removed', [iv(15, 15)], [{ startAt: 10, endAt: 20 }], []],
    ['a cut elsewhere leaves it', [iv(10, 20)], [{ startAt: 30, endAt: 40 }], [[10, 20]]],
  ] as const)('%s', (_name, intervals, cuts, expected) => {
    expect(subtractIntervals(intervals, cuts).map(span)).toEqual(expected);
  });

  it('keeps an open interval open only in its last part', () => {
    const parts = subtractIntervals([iv(0, 100, true)], [{ startAt: 40, endAt: 60 }]);
    expect(parts.map((p) => p.open)).toEqual([false, true]);
  });
});

describe('mergeCloseIntervals', () => {
  it.each([
    ['joins stretches closer than the gap', [iv(0, 10), iv(11, 20)], 1, [[0, 20]]],
    [
      'keeps stretches further apart than the gap',
      [iv(0, 10), iv(12, 20)],
      1,
      [
        [0, 10],
        [12, 20],
      ],
    ],
    [
      'joins instants within the gap',
      [iv(5, 5), iv(6, 6), iv(9, 9)],
      1,
      [
        [5, 6],
        [9, 9],
      ],
    ],
  ] as const)('%s', (_name, intervals, gap, expected) => {
    expect(mergeCloseIntervals(intervals, gap).map(span)).toEqual(expected);
  });

  it('keeps the causing signals of every joined stretch', () => {
    const [merged] = mergeCloseIntervals([iv(0, 10, false, [1]), iv(11, 20, true, [7])], 5);
    expect(merged).toEqual({ startAt: 0, endAt: 20, open: true, signalIndexes: [1, 7] });
  });
});
