// The one mapping from a student's stored profile and an exam's override for them to the terms
// their sitting runs under (ADR 0018): used when a sitting is created, when the exam changes,
// when the profile or override changes, and for what the student and the examiner are shown.
import {
  accommodatedTerms,
  closeFor,
  validOn,
  workMs,
  type Accommodation,
  type ExamOverride,
  type SessionTerms,
} from '@emtihan/domain';
import { isoToZoned } from '@emtihan/protocol';
import type { StoredOverride, StoredProfile } from '../repositories/accommodation.repo.ts';
import { sessionTermsOfExam, type ExamTermsSource } from './exam-terms.ts';

/** What a student's sittings need to know: their profile, and the exam's override for them. */
export interface StudentArrangement {
  profile: StoredProfile | null;
  override: StoredOverride | null;
}

/** Where sittings read students' arrangements from (AccommodationRepo). */
export interface ArrangementSource {
  findProfile(studentId: string): Promise<StoredProfile | undefined>;
  profiles(ids?: string[]): Promise<StoredProfile[]>;
  findOverride(examId: string, studentId: string): Promise<StoredOverride | undefined>;
  overridesOfExam(examId: string): Promise<StoredOverride[]>;
}

export const effectOf = (p: StoredProfile): Accommodation => ({
  timeFactor: p.timeFactor,
  extraMinutes: p.extraMinutes,
  breakMinutes: p.breakMinutes,
  skippedChecks: [...p.skippedChecks],
});

export function overrideOf(o: StoredOverride): ExamOverride {
  const window =
    o.opensAt !== null && o.closesAt !== null
      ? { opensAt: Date.parse(o.opensAt), closesAt: Date.parse(o.closesAt) }
      : null;
  return { window, extraMinutes: o.extraMinutes };
}

/** The university's calendar day (`YYYY-MM-DD`) of an instant. */
export const dayIn = (ms: number, timeZone: string): string =>
  isoToZoned(new Date(ms).toISOString(), timeZone).date;

/**
 * The profile that applies to a sitting that opens at `opensAt` (the student's window): valid on
 * that day in the university's zone, else none.
 */
export function profileOn(
  profile: StoredProfile | null | undefined,
  opensAt: number,
  timeZone: string,
): Accommodation | null {
  if (!profile) return null;
  return validOn(profile.validUntil, dayIn(opensAt, timeZone)) ? effectOf(profile) : null;
}

/** The domain's arguments of `createWrittenSession` for this student and exam. */
export function arrangementFor(
  exam: ExamTermsSource,
  a: StudentArrangement,
  timeZone: string,
): { accommodation: Accommodation | null; override: ExamOverride | null } {
  const override = a.override ? overrideOf(a.override) : null;
  const opensAt = override?.window?.opensAt ?? Date.parse(exam.opensAt);
  return { accommodation: profileOn(a.profile, opensAt, timeZone), override };
}

/** The terms this student sits the exam under. */
export function studentTerms(
  exam: ExamTermsSource,
  a: StudentArrangement,
  timeZone: string,
): SessionTerms {
  const { accommodation, override } = arrangementFor(exam, a, timeZone);
  return accommodatedTerms(sessionTermsOfExam(exam), accommodation, override);
}

/** What the terms give the student: work minutes, their window (the close moved by extra time). */
export function termsSummary(terms: SessionTerms): {
  workMinutes: number;
  opensAt: string;
  closesAt: string;
} {
  return {
    workMinutes: workMs(terms) / 60_000,
    opensAt: new Date(terms.window.opensAt).toISOString(),
    closesAt: new Date(closeFor(terms)).toISOString(),
  };
}
