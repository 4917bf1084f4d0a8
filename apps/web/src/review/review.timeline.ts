// Pure helpers of the review page: which segment and which snapshot belong to a moment, where a
// moment sits on the drawn timeline, and the account of the sitting's time (accommodation,
// time added, rest breaks).
import {
  accommodationOf,
  breaksOf,
  breakTakenMs,
  type SkippableCheck,
  type WrittenSessionState,
} from '@emtihan/domain';
import type { EvidenceSegmentView, TimelineItem, VideoTrack } from '@emtihan/protocol';

/** The recorded segment of a track that holds `at`, with the offset into it (seconds). */
export function segmentAt(
  segments: readonly EvidenceSegmentView[],
  track: VideoTrack,
  at: number,
): { segment: EvidenceSegmentView; offset: number } | undefined {
  const mine = segments
    .filter((s) => s.track === track && s.deletedAt === null)
    .sort((a, b) => a.startedAt - b.startedAt);
  const hit =
    mine.find((s) => at >= s.startedAt && at < s.startedAt + s.durationMs) ??
    mine.find((s) => s.startedAt >= at);
  if (!hit) return undefined;
  return { segment: hit, offset: Math.max(0, (at - hit.startedAt) / 1000) };
}

/**
 * The snapshot of a track to show at `at`: the last one taken by then, or else the first one
 * (before the first snapshot the earliest picture is the nearest).
 */
export function snapshotAt(
  segments: readonly EvidenceSegmentView[],
  track: 'camera-snapshot' | 'screen-snapshot',
  at: number,
): EvidenceSegmentView | undefined {
  const mine = segments
    .filter((s) => s.track === track && s.deletedAt === null)
    .sort((a, b) => a.startedAt - b.startedAt);
  return mine.filter((s) => s.startedAt <= at).at(-1) ?? mine[0];
}

/** The time span the recording covers (or the given fallback). */
export function spanOf(
  segments: readonly EvidenceSegmentView[],
  fallback: [number, number],
): [number, number] {
  const videos = segments.filter(
    (s) => s.track === 'camera' || s.track === 'screen' || s.track === 'side',
  );
  if (videos.length === 0) return fallback;
  return [
    Math.min(...videos.map((s) => s.startedAt)),
    Math.max(...videos.map((s) => s.startedAt + s.durationMs)),
  ];
}

/** 0..1 position of `at` in the span, clamped. */
export const position = (at: number, [from, to]: [number, number]) =>
  to <= from ? 0 : Math.min(1, Math.max(0, (at - from) / (to - from)));

/** Time added during the sitting, as the audit keeps it: how much, when, by whom and why. */
export interface AddedTime {
  at: number;
  minutes: number;
  reason: string;
  /** The person's name where the report gives it; else their role (`proctor`, `examiner`). */
  byName: string | null;
  actor: string;
}

/** A sitting's time as a reviewer reads it: the student's work time, what was added, breaks. */
export interface TimeAccount {
  durationMinutes: number;
  timeFactor: number;
  extraMinutes: number;
  added: AddedTime[];
  breaks: { startedAt: number; endedAt: number | null }[];
  breakTakenMs: number;
  skippedChecks: readonly SkippableCheck[];
}

/**
 * The account of a sitting's time (ADR 0018) from its state (the terms it ran under, its breaks)
 * and the timeline (who added time and why); null when nothing changed the exam's own time and
 * no check was left out.
 */
export function timeAccount(
  state: WrittenSessionState,
  timeline: readonly TimelineItem[],
): TimeAccount | null {
  const a = accommodationOf(state.terms);
  const added = timeline
    .filter((i) => i.type === 'written.add-time')
    .map((i) => ({
      at: i.at,
      minutes: typeof i.detail.minutes === 'number' ? i.detail.minutes : 0,
      reason: typeof i.detail.reason === 'string' ? i.detail.reason : '',
      byName: typeof i.detail.byName === 'string' && i.detail.byName ? i.detail.byName : null,
      actor: i.actor,
    }));
  const breaks = breaksOf(state).map((b) => ({ startedAt: b.startedAt, endedAt: b.endedAt }));
  if (!state.terms.accommodation && added.length === 0 && breaks.length === 0) return null;
  return {
    durationMinutes: state.terms.durationMinutes,
    timeFactor: a.timeFactor,
    extraMinutes: a.extraMinutes,
    added,
    breaks,
    breakTakenMs: breakTakenMs(state),
    skippedChecks: a.skippedChecks,
  };
}
