// `npm run bench:flags [-- --hours 3]`: what the flag rules cost the server per batch as a sitting
// grows old. One sitting's signals go through the domain's tracker as the signal service takes
// them: a batch of one signal every 2 s, each pushed and followed by the read of the flags that
// may have changed since the previous batch (`recentFlags`, as the service compares them with the
// known ones). Beside it, the read of every flag (`flags`), which is what the service did before.
// Three sittings: `honest` (a face every 2 s, one right click in 50: the realtime bench's mix),
// `flaky` (the face lost for 10 s every 30 s: a detector or a student that keeps leaving the
// frame) and `flags` (every signal a right click: the realtime bench's worst case, or a hostile
// page). Figures: microseconds per batch (median and mean) over the first 5 minutes, the 5 minutes
// around 1 hour, and the last 5 minutes; and, for a node that takes the sitting over at its end,
// the milliseconds to rebuild the tracker from every signal or from the one stored last (median
// of 7). Writes bench/results/flags.json and prints it.
import os from 'node:os';
import {
  createFlagTracker,
  type FlagMark,
  type FlagTrackerSnapshot,
  type Signal,
} from '@emtihan/domain';
import { TRACKER_SAVE_EVERY } from '../apps/server/src/services/signal.service.ts';
import { arg, median, round, writeResult } from './common.ts';

const HOURS = Number(arg('hours', '3'));
const EVERY_MS = 2_000;
const BATCHES = Math.round((HOURS * 3_600_000) / EVERY_MS);
/** Batches in five minutes: the width of each window measured. */
const WINDOW = 150;
const T0 = Date.UTC(2026, 11, 6, 9);

const mixes: Record<string, (i: number, at: number) => Signal> = {
  honest: (i, at) =>
    i % 50 === 49 ? { kind: 'context-menu', at } : { kind: 'face-count', at, count: 1 },
  flaky: (i, at) => ({ kind: 'face-count', at, count: i % 15 < 5 ? 0 : 1 }),
  flags: (_i, at) => ({ kind: 'context-menu', at }),
};

type Read = 'recent' | 'all';

/** Microseconds per batch (push and read) in each window, and the flags at the end. */
function sitting(mix: (i: number, at: number) => Signal, read: Read, batches = BATCHES) {
  const tracker = createFlagTracker();
  let mark: FlagMark | undefined;
  const perBatch: number[] = [];
  for (let i = 0; i < batches; i++) {
    const at = T0 + i * EVERY_MS;
    const t0 = performance.now();
    tracker.push(mix(i, at));
    if (read === 'recent') mark = tracker.recentFlags(at, mark).mark;
    else tracker.flags({ now: at });
    perBatch.push((performance.now() - t0) * 1000);
  }
  const window = (from: number) => {
    const xs = perBatch.slice(Math.max(0, from), Math.max(0, from) + WINDOW);
    return {
      medianUs: round(median(xs), 1),
      meanUs: round(xs.reduce((a, b) => a + b, 0) / xs.length, 1),
    };
  };
  return {
    first5Min: window(0),
    at1Hour: window(Math.min(BATCHES, 1_800) - WINDOW / 2),
    last5Min: window(BATCHES - WINDOW),
    totalMs: round(perBatch.reduce((a, b) => a + b, 0) / 1000, 0),
    flagsAtEnd: tracker.flags({ now: T0 + BATCHES * EVERY_MS }).length,
  };
}

// Warm-up: every path compiled before anything is measured.
for (const mix of Object.values(mixes))
  for (const read of ['recent', 'all'] as const) sitting(mix, read, 600);

/**
 * A node that takes the sitting over at its end (or restarts): milliseconds to rebuild its
 * tracker by replaying every signal, against restoring the tracker stored last (at most
 * TRACKER_SAVE_EVERY - 1 batches earlier: the worst case) and replaying the batches since. The
 * database reads are not in it.
 */
function takeOver(mix: (i: number, at: number) => Signal) {
  const signals = Array.from({ length: BATCHES }, (_, i) => mix(i, T0 + i * EVERY_MS));
  const savedAt = Math.max(0, BATCHES - TRACKER_SAVE_EVERY + 1);
  const original = createFlagTracker();
  for (const s of signals.slice(0, savedAt)) original.push(s);
  const state = JSON.stringify(original.snapshot());
  const times = (run: () => void) =>
    median(
      Array.from({ length: 7 }, () => {
        const t0 = performance.now();
        run();
        return performance.now() - t0;
      }),
    );
  return {
    replayAllMs: round(
      times(() => {
        const tracker = createFlagTracker();
        for (const s of signals) tracker.push(s);
      }),
      2,
    ),
    restoreMs: round(
      times(() => {
        const tracker = createFlagTracker(undefined, JSON.parse(state) as FlagTrackerSnapshot);
        for (const s of signals.slice(savedAt)) tracker.push(s);
      }),
      2,
    ),
    storedBytes: state.length,
  };
}

const runs = Object.entries(mixes).map(([name, mix]) => ({
  mix: name,
  recentFlags: sitting(mix, 'recent'),
  everyFlag: sitting(mix, 'all'),
  takeOver: takeOver(mix),
}));

writeResult('flags', {
  benchmark: 'flags',
  at: new Date().toISOString(),
  command: `npm run bench:flags -- --hours ${HOURS}`,
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
  load: `one sitting of ${HOURS} h, a batch of one signal every 2 s (${BATCHES} batches), each pushed into the tracker and the flags read after it`,
  note: "microseconds per batch (push and read), median and mean over 150 batches (5 minutes of the sitting). recentFlags: what the server reads per batch (the flags that may have changed since the previous batch); everyFlag: every flag of the sitting, what it read before. takeOver: milliseconds to rebuild the tracker at the end of the sitting by replaying every signal, or by restoring the tracker stored last (the worst case: 299 batches before) and replaying the batches since; storedBytes: the stored tracker's JSON.",
  runs,
});
