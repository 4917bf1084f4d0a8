// A student's accommodations (ADR 0018): a time factor and extra minutes, rest breaks, automatic
// checks left out, kept once per student and applied to every sitting; an exam may add an
// override for one student (a window of their own, more minutes). Pure: the time rules that
// use them live with the sitting's deadline (`written-session.deadline.ts`).
import type { EpochMs } from '../common/time.types.ts';
import type { SessionTerms } from '../written/written-session.types.ts';
import { DAY_MS, MINUTE_MS } from '../common/time.types.ts';

/** The automatic checks a student's accommodation can leave out (the exam's `checks`). */
export const skippableChecks = ['faces', 'headPose', 'objects', 'speech', 'browser'] as const;
export type SkippableCheck = (typeof skippableChecks)[number];

/** The factors the forms offer; any factor from 1 to `MAX_TIME_FACTOR` is accepted. */
export const TIME_FACTORS = [1, 1.25, 1.5, 2] as const;
export const MAX_TIME_FACTOR = 3;
export const MAX_EXTRA_MINUTES = 600;
export const MAX_BREAK_MINUTES = 240;
/** An override's window lasts at most this long and opens at most this far from the exam's. */
export const MAX_OVERRIDE_WINDOW_MS = 14 * DAY_MS;
export const MAX_OVERRIDE_SHIFT_MS = 90 * DAY_MS;

/** What a student's profile changes in a sitting (the medical reason is not part of it). */
export interface Accommodation {
  /** Work time is multiplied by it (×1.5: 45 min become 67 min 30 s); at least 1. */
  timeFactor: number;
  /** Minutes added after the factor. */
  extraMinutes: number;
  /** Rest breaks in all, in minutes: the clock stops while the student is on one. */
  breakMinutes: number;
  skippedChecks: SkippableCheck[];
}

export const NO_ACCOMMODATION: Accommodation = {
  timeFactor: 1,
  extraMinutes: 0,
  breakMinutes: 0,
  skippedChecks: [],
};

/** One exam's arrangement for one student, beside (not instead of) their profile. */
export interface ExamOverride {
  /** A window of their own; null: the exam's. */
  window: { opensAt: EpochMs; closesAt: EpochMs } | null;
  extraMinutes: number;
}

export const ACCOMMODATION_PROBLEMS = [
  'factor-below-one',
  'factor-too-large',
  'minutes-invalid',
  'breaks-longer-than-exam',
  'unknown-check',
  'window-order',
  'window-too-long',
  'window-far-from-exam',
  'window-too-short',
] as const;
export type AccommodationProblemCode = (typeof ACCOMMODATION_PROBLEMS)[number];
export interface AccommodationProblem {
  field: string;
  code: AccommodationProblemCode;
}

const wholeIn = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max;

/**
 * What is wrong with a profile, by field. `longestExamMinutes`: the longest exam it must fit
 * (breaks longer than the exam itself make no sense); omitted, breaks are checked by their cap.
 */
export function accommodationProblems(
  a: Accommodation,
  longestExamMinutes?: number,
): AccommodationProblem[] {
  const out: AccommodationProblem[] = [];
  if (!Number.isFinite(a.timeFactor) || a.timeFactor < 1) {
    out.push({ field: 'timeFactor', code: 'factor-below-one' });
  } else if (a.timeFactor > MAX_TIME_FACTOR) {
    out.push({ field: 'timeFactor', code: 'factor-too-large' });
  }
  if (!wholeIn(a.extraMinutes, MAX_EXTRA_MINUTES)) {
    out.push({ field: 'extraMinutes', code: 'minutes-invalid' });
  }
  if (!wholeIn(a.breakMinutes, MAX_BREAK_MINUTES)) {
    out.push({ field: 'breakMinutes', code: 'minutes-invalid' });
  } else if (longestExamMinutes !== undefined && a.breakMinutes >= longestExamMinutes) {
    out.push({ field: 'breakMinutes', code: 'breaks-longer-than-exam' });
  }
  if (a.skippedChecks.some((c) => !skippableChecks.includes(c))) {
    out.push({ field: 'skippedChecks', code: 'unknown-check' });
  }
  return out;
}

/**
 * What is wrong with an exam's override for one student: a window that closes before it opens,
 * lasts longer than two weeks, opens more than 90 days from the exam's own opening, or is too
 * short for the exam's work time; extra minutes out of range.
 */
export function overrideProblems(
  o: ExamOverride,
  exam: { opensAt: EpochMs; durationMinutes: number },
): AccommodationProblem[] {
  const out: AccommodationProblem[] = [];
  if (!wholeIn(o.extraMinutes, MAX_EXTRA_MINUTES)) {
    out.push({ field: 'extraMinutes', code: 'minutes-invalid' });
  }
  const w = o.window;
  if (w) {
    if (!(Number.isFinite(w.opensAt) && Number.isFinite(w.closesAt) && w.closesAt > w.opensAt)) {
      out.push({ field: 'closesAt', code: 'window-order' });
    } else if (w.closesAt - w.opensAt > MAX_OVERRIDE_WINDOW_MS) {
      out.push({ field: 'closesAt', code: 'window-too-long' });
    } else if (w.closesAt - w.opensAt < exam.durationMinutes * MINUTE_MS) {
      out.push({ field: 'closesAt', code: 'window-too-short' });
    }
    if (Number.isFinite(w.opensAt) && Math.abs(w.opensAt - exam.opensAt) > MAX_OVERRIDE_SHIFT_MS) {
      out.push({ field: 'opensAt', code: 'window-far-from-exam' });
    }
  }
  return out;
}

/** Whether a profile changes anything at all. */
export const changesAnything = (a: Accommodation): boolean =>
  a.timeFactor !== 1 || a.extraMinutes > 0 || a.breakMinutes > 0 || a.skippedChecks.length > 0;

/** A profile valid on `day` (`YYYY-MM-DD` in the university's zone): no end date, or not past it. */
export const validOn = (validUntil: string | null, day: string): boolean =>
  validUntil === null || day <= validUntil;

/**
 * The terms one student sits under: the exam's, with their profile (if valid) and the exam's
 * override folded in. Without either, the exam's terms unchanged (no `accommodation` field), so
 * sittings without accommodations keep their shape.
 */
export function accommodatedTerms(
  exam: SessionTerms,
  profile: Accommodation | null,
  override: ExamOverride | null,
): SessionTerms {
  const a = profile ?? NO_ACCOMMODATION;
  const extraMinutes = a.extraMinutes + (override?.extraMinutes ?? 0);
  const window = override?.window ? { ...override.window } : { ...exam.window };
  const { accommodation: _, ...base } = exam;
  const effect = { ...a, extraMinutes, skippedChecks: [...a.skippedChecks] };
  return changesAnything(effect) ? { ...base, window, accommodation: effect } : { ...base, window };
}

/** The checks that run for a student: the exam's, less those their accommodation leaves out. */
export function checksFor<C extends Record<SkippableCheck, boolean>>(
  checks: C,
  skipped: readonly SkippableCheck[],
): C {
  const out = { ...checks };
  for (const c of skipped) out[c] = false as C[SkippableCheck];
  return out;
}
