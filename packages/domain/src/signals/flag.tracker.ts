import type { Refusal } from '../common/result.types.ts';
import type { EpochMs } from '../common/time.types.ts';
import type { Flag, FlagCategory } from './flag.types.ts';
import type { FlagThresholds } from './flag.thresholds.ts';
import type { ConditionInterval, Interval } from './interval.ops.ts';
import type { SecondCameraState, SittingSignal } from './signal.types.ts';
import type { EvaluateOptions } from './flag.rules.ts';
import type { Observed } from './signal.timeline.ts';
import { refuse } from '../common/result.types.ts';
import { defaultFlagThresholds } from './flag.thresholds.ts';
import { flagCategories } from './flag.types.ts';
import { categoryOrder, flagOfStretch, flagsOfTimeline, supersededBy } from './flag.rules.ts';
import { joinClose, overlaps } from './interval.ops.ts';
import { createTimeline, observeSignal } from './signal.timeline.ts';

/**
 * Where a read of the flags stood, per category: a flag that ends before its category's mark
 * can no longer change (nor be superseded). Given to the next read, it names what may differ.
 */
export type FlagMark = Readonly<Record<FlagCategory, EpochMs>>;

/**
 * What a tracker needs to go on from where it stood (plain JSON): a node that did not serve the
 * sitting so far restores it and replays only the signals after it, not the whole sitting.
 * It holds the last observation, the stretches that may still change and the settled flags a
 * later read may still give or need; the others, settled before its `mark`, are left out.
 */
export interface FlagTrackerSnapshot {
  size: number;
  lastAt: EpochMs | null;
  observed: Observed;
  open: Partial<Record<FlagCategory, { startAt: EpochMs; signalIndexes: number[] }>>;
  /** Speech heard during a stretch of a phone in view that may still change. */
  speech: ConditionInterval[];
  categories: Partial<Record<FlagCategory, { settled: Flag[]; tail: ConditionInterval[] }>>;
  /** A restored tracker reads as the original would have read since this mark. */
  mark: FlagMark;
}

/**
 * The incremental form of the rules for a live sitting: push signals as they arrive, read the
 * flags at any `now`. Gives the same flags as `evaluateSignals` over the same stream.
 *
 * A sitting lasts hours and a noisy or hostile page can raise a flag every second, so the cost
 * of a push and of `recentFlags` does not grow with the sitting's past: the stretches of a
 * condition that no later signal can change are settled into flags once, when the next signal
 * shows they are over; only the recent stretches are worked out again on a read.
 */
export interface FlagTracker {
  /**
   * `opened`: the categories whose condition began with this signal (an instant counts), so a
   * caller knows which moments are worth keeping a snapshot of.
   */
  push(
    signal: SittingSignal,
  ): { ok: true; index: number; opened: FlagCategory[] } | Refusal<'out-of-order'>;
  /** Every flag, as `evaluateSignals` gives it. */
  flags(options?: EvaluateOptions): Flag[];
  /**
   * The flags at `now` that may differ from what the read that returned `since` saw (every flag
   * without `since`), in the order of `flags`; a flag left out is as that read saw it, or was
   * not there then either, and one that read saw ongoing is never left out while it is there.
   * The returned `mark` is for the next read.
   */
  recentFlags(now: EpochMs, since?: FlagMark): { flags: Flag[]; mark: FlagMark };
  /**
   * Categories (of those the thresholds enable) whose condition holds now: only these can still
   * raise or grow a flag by time.
   */
  holding(): FlagCategory[];
  /**
   * The paired phone as the last signals left it (null before any phone signal): its camera's
   * state and, where reported, its battery — for the proctor's live view, not for flags.
   */
  secondCamera(): SecondCameraStatus | null;
  /** Where the tracker stands, to go on from there (`createFlagTracker(thresholds, snapshot)`). */
  snapshot(): FlagTrackerSnapshot;
  readonly size: number;
}

/** The paired phone's state and battery as last reported. */
export interface SecondCameraStatus {
  state: SecondCameraState | null;
  battery: { level: number; charging: boolean } | null;
}

/** The phone's status out of an observation (null: no phone signal yet). */
export function secondCameraOf(o: Observed): SecondCameraStatus | null {
  const state = o.secondCamera ?? null;
  const battery = o.secondCameraBattery ?? null;
  return state === null && battery === null ? null : { state, battery: battery && { ...battery } };
}

/**
 * The end from which a category's settled flags may differ from what a read at `mark` saw: its
 * own mark, or the stronger category's when earlier (a weak flag may also change when a flag of
 * the stronger category grows over it or goes).
 */
const readFrom = (mark: FlagMark, category: FlagCategory): EpochMs => {
  const strong = supersededBy[category];
  return Math.min(mark[category], strong !== undefined ? mark[strong] : Infinity);
};

/** A deep copy of plain JSON (a snapshot shares nothing with the tracker it came from or went to). */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A category's flags so far: those settled for good, and the stretches that may still grow. */
interface CategoryFlags {
  /** Flags of finished stretches, in time order (so their ends are in order too). */
  settled: Flag[];
  /** Finished stretches of the condition that a later one may still join (owned copies). */
  tail: ConditionInterval[];
  /** How many of the timeline's closed intervals of the category are in `settled` or `tail`. */
  taken: number;
}

/**
 * A tracker for a sitting's signals; from a snapshot, it goes on where that one stood. A restored
 * tracker reads as the original would have read since the snapshot's mark: `flags()` and a first
 * `recentFlags` give at least what the original's `recentFlags(now, snapshot.mark)` would, and
 * only flags the original has as they are there; from there on, read for read, the same. (A read
 * with `excused` works out the timeline it holds, so from the snapshot on.)
 */
export function createFlagTracker(
  thresholds: FlagThresholds = defaultFlagThresholds,
  from?: FlagTrackerSnapshot,
): FlagTracker {
  const timeline = createTimeline(thresholds);
  const enabled = flagCategories.filter((c) => thresholds[c].enabled);
  const state = new Map<FlagCategory, CategoryFlags>(
    enabled.map((c) => [c, { settled: [], tail: [], taken: 0 }]),
  );
  let size = 0;
  if (from) {
    size = from.size;
    timeline.lastAt = from.lastAt;
    timeline.observed = copy(from.observed);
    timeline.open = copy(from.open);
    timeline.closed.speech = copy(from.speech);
    for (const [category, cat] of state) {
      const saved = from.categories[category];
      if (saved) {
        cat.settled = copy(saved.settled);
        cat.tail = copy(saved.tail);
      }
      cat.taken = timeline.closed[category].length;
    }
  }

  /** Whether speech was heard during a stretch (speech's own intervals, the open one cut at `until`). */
  const speechDuring =
    (until: EpochMs) =>
    (s: Interval): boolean => {
      const open = timeline.open.speech;
      if (open && overlaps({ startAt: open.startAt, endAt: Math.max(until, open.startAt) }, s)) {
        return true;
      }
      // Closed speech intervals follow each other in time: the latest are the only candidates.
      const closed = timeline.closed.speech;
      for (let i = closed.length - 1; i >= 0 && closed[i]!.endAt > s.startAt; i--) {
        if (overlaps(closed[i]!, s)) return true;
      }
      return false;
    };

  /** Joins the category's newly closed intervals to its tail, as `mergeCloseIntervals` would. */
  const takeClosed = (category: FlagCategory, cat: CategoryFlags): void => {
    const closed = timeline.closed[category];
    const gap = thresholds[category].mergeGapMs;
    for (; cat.taken < closed.length; cat.taken++) joinClose(cat.tail, closed[cat.taken]!, gap);
  };

  /**
   * Settles the stretches no later signal can join: all but the last (a later interval would
   * join the last, if any), and the last once the stream has moved past its merge gap and the
   * open interval, if any, began past it too.
   */
  const settle = (category: FlagCategory, cat: CategoryFlags, lastAt: EpochMs): void => {
    const gap = thresholds[category].mergeGapMs;
    const open = timeline.open[category];
    let done = 0;
    for (; done < cat.tail.length; done++) {
      const stretch = cat.tail[done]!;
      const isLast = done === cat.tail.length - 1;
      const over =
        !isLast || (lastAt - stretch.endAt > gap && (!open || open.startAt - stretch.endAt > gap));
      if (!over) break;
      // Speech that began later cannot overlap a stretch that ended before the last signal.
      const flag = flagOfStretch(category, stretch, thresholds, speechDuring(lastAt));
      if (flag) cat.settled.push(flag);
    }
    if (done > 0) cat.tail.splice(0, done);
  };

  /** The flags of the category's stretches that may still change, the open one cut at `until`. */
  const liveFlags = (category: FlagCategory, cat: CategoryFlags, until: EpochMs): Flag[] => {
    const stretches = cat.tail.map((s) => ({ ...s, signalIndexes: [...s.signalIndexes] }));
    const open = timeline.open[category];
    if (open) {
      const cut = { ...open, endAt: Math.max(until, open.startAt), open: true };
      joinClose(stretches, cut, thresholds[category].mergeGapMs);
    }
    const during = speechDuring(until);
    const flags: Flag[] = [];
    for (const s of stretches) {
      const flag = flagOfStretch(category, s, thresholds, during);
      if (flag) flags.push(flag);
    }
    return flags;
  };

  /** Whether a flag of the stronger category covers any part of `flag` (ends touching count). */
  const covered = (flag: Flag, strong: Flag[], settled: Flag[]): boolean => {
    const meets = (other: Flag) => other.startAt <= flag.endAt && flag.startAt <= other.endAt;
    if (strong.some(meets)) return true;
    // Settled flags are disjoint and in order: the last one starting by `flag`'s end decides.
    let lo = 0;
    let hi = settled.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (settled[mid]!.startAt <= flag.endAt) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && meets(settled[lo - 1]!);
  };

  const read = (until: EpochMs, since: FlagMark | undefined): Flag[] => {
    const live = new Map<FlagCategory, Flag[]>();
    const liveOf = (c: FlagCategory): Flag[] => {
      let flags = live.get(c);
      if (!flags) live.set(c, (flags = liveFlags(c, state.get(c)!, until)));
      return flags;
    };
    const out: Flag[] = [];
    for (const [category, cat] of state) {
      const strong = supersededBy[category];
      const strongCat = strong !== undefined ? state.get(strong) : undefined;
      const from = since ? readFrom(since, category) : -Infinity;
      let first = cat.settled.length;
      while (first > 0 && cat.settled[first - 1]!.endAt >= from) first--;
      // Settled flags go out as copies: what a caller does with them cannot change the tracker.
      const settled = cat.settled
        .slice(first)
        .map((f) => ({ ...f, signalIndexes: [...f.signalIndexes] }));
      for (const flag of [...settled, ...liveOf(category)]) {
        if (strong && strongCat && covered(flag, liveOf(strong), strongCat.settled)) continue;
        out.push(flag);
      }
    }
    return out.sort(
      (a, b) => a.startAt - b.startAt || categoryOrder(a.category) - categoryOrder(b.category),
    );
  };

  const markOf = (): FlagMark => {
    const mark = {} as Record<FlagCategory, EpochMs>;
    for (const category of flagCategories) {
      const cat = state.get(category);
      mark[category] =
        cat?.tail[0]?.startAt ??
        timeline.open[category]?.startAt ??
        timeline.lastAt ??
        Number.NEGATIVE_INFINITY;
    }
    return mark;
  };

  return {
    push(signal) {
      if (timeline.lastAt !== null && signal.at < timeline.lastAt) return refuse('out-of-order');
      const index = size;
      const before = new Set(Object.keys(timeline.open));
      const instantsBefore =
        timeline.closed.copy_paste.length + timeline.closed.context_menu.length;
      observeSignal(timeline, signal, index);
      size += 1;
      for (const [category, cat] of state) {
        takeClosed(category, cat);
        if (cat.tail.length > 0) settle(category, cat, signal.at);
      }
      // A category the thresholds leave out (a check turned off, or skipped by the student's
      // accommodation) opens nothing worth a snapshot and holds nothing.
      const opened = (Object.keys(timeline.open) as FlagCategory[]).filter(
        (c) => !before.has(c) && state.has(c),
      );
      if (
        timeline.closed.copy_paste.length + timeline.closed.context_menu.length >
        instantsBefore
      ) {
        const instant = signal.kind === 'context-menu' ? 'context_menu' : 'copy_paste';
        if (state.has(instant)) opened.push(instant);
      }
      return { ok: true, index, opened };
    },
    flags(options = {}) {
      if (options.excused?.length) return flagsOfTimeline(timeline, options);
      if (timeline.lastAt === null) return [];
      return read(Math.max(options.now ?? timeline.lastAt, timeline.lastAt), undefined);
    },
    recentFlags(now, since) {
      const mark = markOf();
      if (timeline.lastAt === null) return { flags: [], mark };
      return { flags: read(Math.max(now, timeline.lastAt), since), mark };
    },
    holding: () => (Object.keys(timeline.open) as FlagCategory[]).filter((c) => state.has(c)),
    secondCamera: () => secondCameraOf(timeline.observed),
    snapshot() {
      const mark = markOf();
      // The settled flags a read since `mark` may still return (as in `read`)…
      const keepFrom = new Map<FlagCategory, EpochMs>();
      for (const category of state.keys()) keepFrom.set(category, readFrom(mark, category));
      // … and the stronger flags that may cover what is kept of the weaker ones.
      for (const [weak, cat] of state) {
        const strong = supersededBy[weak];
        if (!strong || !state.has(strong)) continue;
        let earliest = mark[weak];
        for (const f of cat.settled)
          if (f.endAt >= keepFrom.get(weak)!) earliest = Math.min(earliest, f.startAt);
        keepFrom.set(strong, Math.min(keepFrom.get(strong)!, earliest));
      }
      const categories: FlagTrackerSnapshot['categories'] = {};
      for (const [category, cat] of state) {
        const settled = cat.settled.filter((f) => f.endAt >= keepFrom.get(category)!);
        if (settled.length > 0 || cat.tail.length > 0) {
          categories[category] = { settled: copy(settled), tail: copy(cat.tail) };
        }
      }
      return {
        size,
        lastAt: timeline.lastAt,
        observed: copy(timeline.observed),
        open: copy(timeline.open),
        // A phone stretch that may still change starts at its mark or later.
        speech: copy(timeline.closed.speech.filter((sp) => sp.endAt >= mark.phone_call)),
        categories,
        mark,
      };
    },
    get size() {
      return size;
    },
  };
}
