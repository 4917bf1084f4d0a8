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

/**
 * Adds `interval` to `stretches` (time-ordered, owned copies), joined to the last stretch when it
 * begins at most `gapMs` after that one ends, else as a new stretch (a copy).
 */
export function joinClose(
  stretches: ConditionInterval[],
  interval: ConditionInterval,
  gapMs: number,
): void {
  const last = stretches[stretches.length - 1];
  if (last && interval.startAt - last.endAt <= gapMs) {
    last.open = interval.endAt >= last.endAt ? interval.open : last.open;
    last.endAt = Math.max(last.endAt, interval.endAt);
    last.signalIndexes.push(...interval.signalIndexes);
  } else {
    stretches.push({ ...interval, signalIndexes: [...interval.signalIndexes] });
  }
}

/** Joins stretches separated by at most `gapMs`: one dropped detector frame does not split a flag. */
export function mergeCloseIntervals(
  intervals: readonly ConditionInterval[],
  gapMs: number,
): ConditionInterval[] {
  const merged: ConditionInterval[] = [];
  for (const current of [...intervals].sort((a, b) => a.startAt - b.startAt)) {
    joinClose(merged, current, gapMs);
  }
  return merged;
}
