import type { EpochMs } from '../common/time.types.ts';
import type { ConditionInterval, Interval } from './interval.ops.ts';
import type { Flag, FlagCategory, Severity } from './flag.types.ts';
import type { DurationRule, FlagThresholds } from './flag.thresholds.ts';
import type { SittingSignal } from './signal.types.ts';
import type { SignalTimeline } from './signal.timeline.ts';
import { mergeCloseIntervals, overlaps, subtractIntervals } from './interval.ops.ts';
import { flagCategories } from './flag.types.ts';
import { defaultFlagThresholds } from './flag.thresholds.ts';
import { createTimeline, observeSignal, timelineIntervals } from './signal.timeline.ts';

export interface EvaluateOptions {
  /** End of the evaluation (server time); conditions still holding end here, as ongoing flags. */
  now?: EpochMs;
  /**
   * Stretches that do not count, e.g. incidents the student reported (the seed lets a student
   * tell the teacher about a power or internet failure: leaving then is not "without warning").
   */
  excused?: readonly Interval[];
}

/** A stronger category replaces a weaker one raised by the same condition at the same time. */
export const supersededBy: Partial<Record<FlagCategory, FlagCategory>> = {
  face_absent: 'left_without_warning',
  multiple_faces: 'third_person',
  second_camera_paused: 'second_camera_lost',
};

/** Severity of a condition that lasted `durationMs` under `rule`, or null when it is too short. */
export function severityFor(durationMs: number, rule: DurationRule): Severity | null {
  if (rule.grossAfterMs !== null && durationMs >= rule.grossAfterMs) return 'gross';
  if (rule.minorAfterMs !== null && durationMs >= rule.minorAfterMs) return 'minor';
  return null;
}

/**
 * The flag one stretch of a condition raises, or null when it is too short. `speechDuring` tells
 * whether speech was heard during the stretch (asked only for a minor phone in view).
 */
export function flagOfStretch(
  category: FlagCategory,
  stretch: ConditionInterval,
  thresholds: FlagThresholds,
  speechDuring: (stretch: Interval) => boolean,
): Flag | null {
  const durationMs = stretch.endAt - stretch.startAt;
  let severity = severityFor(durationMs, thresholds[category]);
  if (
    severity === 'minor' &&
    category === 'phone_call' &&
    thresholds.phone_call.grossWithSpeech &&
    speechDuring(stretch)
  ) {
    severity = 'gross';
  }
  if (severity === null) return null;
  return {
    category,
    severity,
    startAt: stretch.startAt,
    endAt: stretch.endAt,
    durationMs,
    ongoing: stretch.open,
    signalIndexes: stretch.signalIndexes,
  };
}

function flagsOfCategory(
  category: FlagCategory,
  intervals: readonly ConditionInterval[],
  speech: readonly ConditionInterval[],
  thresholds: FlagThresholds,
  excused: readonly Interval[],
): Flag[] {
  const rule: DurationRule = thresholds[category];
  if (!rule.enabled) return [];
  const stretches = mergeCloseIntervals(subtractIntervals(intervals, excused), rule.mergeGapMs);
  const speechDuring = (s: Interval) => speech.some((sp) => overlaps(sp, s));
  const flags: Flag[] = [];
  for (const s of stretches) {
    const flag = flagOfStretch(category, s, thresholds, speechDuring);
    if (flag) flags.push(flag);
  }
  return flags;
}

export const categoryOrder = (c: FlagCategory): number => flagCategories.indexOf(c);

/**
 * Reads the flags out of a whole timeline: `evaluateSignals`, and the tracker when a read excuses
 * stretches (its own reads work on the recent stretches only).
 */
export function flagsOfTimeline(timeline: SignalTimeline, options: EvaluateOptions = {}): Flag[] {
  if (timeline.lastAt === null) return [];
  const until = Math.max(options.now ?? timeline.lastAt, timeline.lastAt);
  const excused = options.excused ?? [];
  const intervals = timelineIntervals(timeline, until);
  const all = flagCategories.flatMap((category) =>
    flagsOfCategory(category, intervals[category], intervals.speech, timeline.thresholds, excused),
  );
  const kept = all.filter((flag) => {
    const stronger = supersededBy[flag.category];
    return !all.some(
      (other) =>
        other.category === stronger && other.startAt <= flag.endAt && flag.startAt <= other.endAt,
    );
  });
  return kept.sort(
    (a, b) => a.startAt - b.startAt || categoryOrder(a.category) - categoryOrder(b.category),
  );
}

/**
 * The rules: signals in, flags out. Pure. Signals may come in any order; they are read in time
 * order (stable for equal times) and `signalIndexes` point into the array as given.
 */
export function evaluateSignals(
  signals: readonly SittingSignal[],
  thresholds: FlagThresholds = defaultFlagThresholds,
  options: EvaluateOptions = {},
): Flag[] {
  const order = signals
    .map((signal, index) => ({ signal, index }))
    .sort((a, b) => a.signal.at - b.signal.at || a.index - b.index);
  const timeline = createTimeline(thresholds);
  for (const { signal, index } of order) observeSignal(timeline, signal, index);
  return flagsOfTimeline(timeline, options);
}
