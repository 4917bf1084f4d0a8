// Pure helpers of the review page: which segment and which snapshot belong to a moment, and
// where a moment sits on the drawn timeline.
import type { EvidenceSegmentView } from '@emtihan/protocol';

/** The recorded segment of a track that holds `at`, with the offset into it (seconds). */
export function segmentAt(
  segments: readonly EvidenceSegmentView[],
  track: 'camera' | 'screen',
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
  const videos = segments.filter((s) => s.track === 'camera' || s.track === 'screen');
  if (videos.length === 0) return fallback;
  return [
    Math.min(...videos.map((s) => s.startedAt)),
    Math.max(...videos.map((s) => s.startedAt + s.durationMs)),
  ];
}

/** 0..1 position of `at` in the span, clamped. */
export const position = (at: number, [from, to]: [number, number]) =>
  to <= from ? 0 : Math.min(1, Math.max(0, (at - from) / (to - from)));
