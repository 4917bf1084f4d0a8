// What a student's accommodation changes in one exam, as the student sees it on the exam's card
// and page (ADR 0018): their work time with how it came about ("90 min (60 min + 30 min extra
// time)"), a window set for them, rest breaks, and the checks left out. From the exam as listed
// (`ExamView.forMe`) or, once there is a sitting, from its terms (what the clock runs on).
import type { TFunction } from 'i18next';
import { accommodationOf, type SessionTerms, type SkippableCheck } from '@emtihan/domain';
import type { ExamView } from '@emtihan/protocol';

export interface MyAccommodation {
  durationMinutes: number;
  timeFactor: number;
  extraMinutes: number;
  breakMinutes: number;
  skippedChecks: readonly SkippableCheck[];
  /** The window is the exam's arrangement for this student. */
  ownWindow: boolean;
}

/**
 * The student's accommodation in this exam, or null when nothing changes for them. A sitting's
 * terms win over the listing: they are what the sitting runs under.
 */
export function myAccommodationOf(exam: ExamView, terms?: SessionTerms): MyAccommodation | null {
  const ownWindow = exam.forMe?.ownWindow ?? false;
  if (terms) {
    if (!terms.accommodation && !ownWindow) return null;
    const a = accommodationOf(terms);
    return { durationMinutes: terms.durationMinutes, ...a, ownWindow };
  }
  if (!exam.forMe) return null;
  const { timeFactor, extraMinutes, breakMinutes, skippedChecks } = exam.forMe;
  return {
    durationMinutes: exam.durationMinutes,
    timeFactor,
    extraMinutes,
    breakMinutes,
    skippedChecks,
    ownWindow,
  };
}

/** "face checks, browser checks" in the page's language. */
export function skippedChecksText(t: TFunction, checks: readonly SkippableCheck[]): string {
  return checks.map((c) => t(`accommodationsLive.check.${c}`)).join(', ');
}
