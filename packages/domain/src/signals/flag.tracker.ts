import type { Refusal } from '../common/result.types.ts';
import type { Flag, FlagCategory } from './flag.types.ts';
import type { FlagThresholds } from './flag.thresholds.ts';
import type { Signal } from './signal.types.ts';
import type { EvaluateOptions } from './flag.rules.ts';
import { refuse } from '../common/result.types.ts';
import { defaultFlagThresholds } from './flag.thresholds.ts';
import { flagsOfTimeline } from './flag.rules.ts';
import { createTimeline, observeSignal } from './signal.timeline.ts';

/**
 * The incremental form of the rules for a live sitting: push signals as they arrive, read the
 * flags at any `now`. Gives the same flags as `evaluateSignals` over the same stream.
 */
export interface FlagTracker {
  /**
   * `opened`: the categories whose condition began with this signal (an instant counts), so a
   * caller knows which moments are worth keeping a snapshot of.
   */
  push(
    signal: Signal,
  ): { ok: true; index: number; opened: FlagCategory[] } | Refusal<'out-of-order'>;
  flags(options?: EvaluateOptions): Flag[];
  /** Categories whose condition holds now: only these can still raise or grow a flag by time. */
  holding(): FlagCategory[];
  readonly size: number;
}

export function createFlagTracker(thresholds: FlagThresholds = defaultFlagThresholds): FlagTracker {
  const timeline = createTimeline(thresholds);
  let size = 0;
  return {
    push(signal) {
      if (timeline.lastAt !== null && signal.at < timeline.lastAt) return refuse('out-of-order');
      const index = size;
      const before = new Set(Object.keys(timeline.open));
      const instantsBefore =
        timeline.closed.copy_paste.length + timeline.closed.context_menu.length;
      observeSignal(timeline, signal, index);
      size += 1;
      const opened = (Object.keys(timeline.open) as FlagCategory[]).filter((c) => !before.has(c));
      if (
        timeline.closed.copy_paste.length + timeline.closed.context_menu.length >
        instantsBefore
      ) {
        opened.push(signal.kind === 'context-menu' ? 'context_menu' : 'copy_paste');
      }
      return { ok: true, index, opened };
    },
    flags: (options) => flagsOfTimeline(timeline, options),
    holding: () => Object.keys(timeline.open) as FlagCategory[],
    get size() {
      return size;
    },
  };
}
