// Rest breaks and the flag rules (accommodations, ADR 0006). On a break the clock stops and the
// student may leave the desk: the camera and the screen go on recording and the proctor sees "on
// a break", but the flags for being away are not raised. Which flags those are, and which
// moments of a sitting lie in a break, are decided here; the server marks a break's start and end
// in the sitting's signal stream (`RestBreakMark`), so the rules and every replay of the stream
// agree.
import type { EpochMs } from '../common/time.types.ts';
import type { FlagCategory } from '../signals/flag.types.ts';
import type { Interval } from '../signals/interval.ops.ts';
import type { RestBreakMark, SittingSignal } from '../signals/signal.types.ts';
import type { BreakState } from '../written/written-session.deadline.ts';
import { breakEndsAt, breaksOf } from '../written/written-session.deadline.ts';

/**
 * The flags a rest break keeps quiet — the flags for leaving: no face on the camera, left without
 * warning, looking away, and leaving the exam page (a hidden or unfocused tab, fullscreen left;
 * the break screen covers the task meanwhile). Everything else is raised as usual: another person
 * or voices in the room, a phone, notes, the camera, microphone or screen share turned off, a
 * second display, the connection.
 */
export const BREAK_QUIET_CATEGORIES = [
  'face_absent',
  'left_without_warning',
  'looking_away',
  'tab_switch',
] as const satisfies readonly FlagCategory[];
export type BreakQuietCategory = (typeof BREAK_QUIET_CATEGORIES)[number];

export const isBreakQuiet = (category: FlagCategory): category is BreakQuietCategory =>
  (BREAK_QUIET_CATEGORIES as readonly FlagCategory[]).includes(category);

/**
 * The stretches of a sitting's rest breaks, in time order: each from its start to its end; the
 * open one until its allowance runs out (the sweeper then ends it at that moment), so a moment
 * is judged the same before and after the break's end is recorded.
 */
export function restBreakSpans(state: BreakState): Interval[] {
  const openEnd = breakEndsAt(state);
  return breaksOf(state).map((b) => ({
    startAt: b.startedAt,
    endAt: b.endedAt ?? openEnd ?? b.startedAt,
  }));
}

/** Whether the moment `t` falls in one of the sitting's rest breaks (from its start, up to its end). */
export const inRestBreak = (state: BreakState, t: EpochMs): boolean =>
  restBreakSpans(state).some((s) => s.startAt <= t && t < s.endAt);

/**
 * The break marks a stream needs before the moment `until`: the starts and ends of the breaks
 * not yet marked, given the last mark in the stream (`last`: its break's start and whether it was
 * the start), each at its own time (the caller keeps the stream's time non-decreasing). A break
 * that starts and ends before `until` gets both marks.
 */
export function restBreakMarks(
  spans: readonly Interval[],
  last: { since: EpochMs; active: boolean } | null,
  until: EpochMs,
): RestBreakMark[] {
  const out: RestBreakMark[] = [];
  for (const span of spans) {
    if (span.startAt > until) break;
    const started = last !== null && span.startAt <= last.since;
    const ended = started && (span.startAt < last.since || !last.active);
    if (!started) {
      out.push({ kind: 'rest-break', at: span.startAt, active: true, since: span.startAt });
    }
    if (!ended && span.endAt <= until) {
      out.push({ kind: 'rest-break', at: span.endAt, active: false, since: span.startAt });
    }
  }
  return out;
}

/** A break mark of a sitting's stream (as stored among its signals). */
export const isRestBreakMark = (s: SittingSignal): s is RestBreakMark => s.kind === 'rest-break';
