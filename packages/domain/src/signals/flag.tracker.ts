import type { Refusal } from '../common/result.types.ts';
import type { Flag } from './flag.types.ts';
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
  push(signal: Signal): { ok: true; index: number } | Refusal<'out-of-order'>;
  flags(options?: EvaluateOptions): Flag[];
  readonly size: number;
}

export function createFlagTracker(thresholds: FlagThresholds = defaultFlagThresholds): FlagTracker {
  const timeline = createTimeline(thresholds);
  let size = 0;
  return {
    push(signal) {
      if (timeline.lastAt !== null && signal.at < timeline.lastAt) return refuse('out-of-order');
      const index = size;
      observeSignal(timeline, signal, index);
      size += 1;
      return { ok: true, index };
    },
    flags: (options) => flagsOfTimeline(timeline, options),
    get size() {
      return size;
    },
  };
}
