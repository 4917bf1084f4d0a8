import type { EpochMs } from '../common/time.types.ts';

export interface Interval {
  startAt: EpochMs;
  endAt: EpochMs;
}

/** A stretch during which one flag condition held. */
export interface ConditionInterval extends Interval {
  signalIndexes: number[];
  /** Still holding at the end of the evaluated stream. */
  open: boolean;
}

/** Positive overlap; touching ends do not overlap. */
export const overlaps = (a: Interval, b: Interval): boolean =>
  a.startAt < b.endAt && b.startAt < a.endAt;

/** Removes the parts of each interval that fall inside a cut (an excused incident). */
export function subtractIntervals(
  intervals: readonly ConditionInterval[],
  cuts: readonly Interval[],
): ConditionInterval[] {
  let parts = [...intervals];
  for (const cut of cuts) {
    const next: ConditionInterval[] = [];
    for (const part of parts) {
      const untouched = part.endAt < cut.startAt || part.startAt > cut.endAt;
      if (untouched) {
        next.push(part);
        continue;
      }
      if (part.startAt < cut.startAt) next.push({ ...part, endAt: cut.startAt, open: false });
      if (part.endAt > cut.endAt) next.push({ ...part, startAt: cut.endAt });
    }
    parts = next;
  }
  return parts;
}

/** Joins stretches separated by at most `gapMs`: one dropped detector frame does not split a flag. */
export function mergeCloseIntervals(
  intervals: readonly ConditionInterval[],
  gapMs: number,
): ConditionInterval[] {
  const sorted = [...intervals].sort((a, b) => a.startAt - b.startAt);
  const merged: ConditionInterval[] = [];
  for (const current of sorted) {
    const last = merged[merged.length - 1];
    if (last && current.startAt - last.endAt <= gapMs) {
      merged[merged.length - 1] = {
        startAt: last.startAt,
        endAt: Math.max(last.endAt, current.endAt),
        signalIndexes: [...last.signalIndexes, ...current.signalIndexes],
        open: current.endAt >= last.endAt ? current.open : last.open,
      };
    } else {
      merged.push({ ...current, signalIndexes: [...current.signalIndexes] });
    }
  }
  return merged;
}
