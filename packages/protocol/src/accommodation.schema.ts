// Accommodations (ADR 0018): a student's profile kept by an admin or a person with the
// `accommodations` duty, applied to every sitting; an exam's override for one student; the
// history of every change (who, when, why). Examiners and proctors see the effect, never the
// document reference; a student sees their own.
import { z } from 'zod';
import { Id } from './common.schema.ts';

/** The automatic checks an accommodation can leave out (keys of `ExamSettings.checks`). */
export const SKIPPABLE_CHECKS = ['faces', 'headPose', 'objects', 'speech', 'browser'] as const;
export const SkippableCheck = z.enum(SKIPPABLE_CHECKS);
export type SkippableCheck = z.infer<typeof SkippableCheck>;

/** The factors the form offers; any factor from 1 to 3 is accepted. */
export const ACCOMMODATION_TIME_FACTORS = [1, 1.25, 1.5, 2] as const;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** Why a change was made: every change is audited with it. */
const ChangeReason = z.string().trim().min(1).max(500);

/** What an accommodation does to a sitting (the medical reason is not part of it). */
export const AccommodationEffect = z.object({
  timeFactor: z.number(),
  extraMinutes: z.number().int(),
  breakMinutes: z.number().int(),
  skippedChecks: z.array(SkippableCheck),
});
export type AccommodationEffect = z.infer<typeof AccommodationEffect>;

/**
 * A student's profile as the office sets it. Ranges are checked by the domain's rules, so that
 * the form, the CSV import and the API explain a wrong value the same way, next to its field.
 */
export const AccommodationBody = z.strictObject({
  timeFactor: z.number(),
  extraMinutes: z.number(),
  breakMinutes: z.number(),
  skippedChecks: z.array(SkippableCheck).max(SKIPPABLE_CHECKS.length),
  /** Shown to the proctor on the student's tile (e.g. "uses a screen reader; may read aloud"). */
  proctorNote: z.string().max(1000),
  /** Where the supporting document is kept (the office's file number); never shown to staff. */
  documentRef: z.string().max(200),
  /** The last day it applies; null: until changed. */
  validUntil: IsoDay.nullable(),
  reason: ChangeReason,
});
export type AccommodationBody = z.infer<typeof AccommodationBody>;

export const AccommodationView = AccommodationEffect.extend({
  studentId: Id,
  studentName: z.string(),
  studentLogin: z.string(),
  proctorNote: z.string(),
  documentRef: z.string(),
  validUntil: z.string().nullable(),
  /** Valid today (no end date, or not past it). */
  active: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type AccommodationView = z.infer<typeof AccommodationView>;

export const AccommodationListResponse = z.object({ accommodations: z.array(AccommodationView) });
export type AccommodationListResponse = z.infer<typeof AccommodationListResponse>;

export const ACCOMMODATION_CHANGE_ACTIONS = [
  'profile-set',
  'profile-removed',
  'override-set',
  'override-removed',
] as const;

/** One audited change: who, when, why, and what it was before and after. */
export const AccommodationChange = z.object({
  at: z.string(),
  action: z.enum(ACCOMMODATION_CHANGE_ACTIONS),
  byName: z.string(),
  reason: z.string(),
  /** The exam of an override; null for the profile. */
  examId: Id.nullable(),
  examTitle: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AccommodationChange = z.infer<typeof AccommodationChange>;

export const AccommodationDetail = z.object({
  accommodation: AccommodationView.nullable(),
  history: z.array(AccommodationChange),
});
export type AccommodationDetail = z.infer<typeof AccommodationDetail>;

export const StudentIdParams = z.strictObject({ studentId: Id });
export const RemovalBody = z.strictObject({ reason: ChangeReason });
export type RemovalBody = z.infer<typeof RemovalBody>;

/** An exam's arrangement for one student: a window of their own and/or more minutes. */
export const ExamOverrideBody = z.strictObject({
  /** ISO-8601 instants; both or neither (null: the exam's window). */
  opensAt: z.string().datetime({ offset: true }).nullable(),
  closesAt: z.string().datetime({ offset: true }).nullable(),
  extraMinutes: z.number(),
  reason: ChangeReason,
});
export type ExamOverrideBody = z.infer<typeof ExamOverrideBody>;

export const ExamStudentParams = z.strictObject({ examId: Id, studentId: Id });

/**
 * A student of the exam's course with an accommodation or an override, as the exam's examiner
 * sees them: the effect on this exam, never the document or the medical reason.
 */
export const ExamAccommodationRow = z.object({
  studentId: Id,
  studentName: z.string(),
  /** The profile's effect (null: none or not valid on the exam's day). */
  effect: AccommodationEffect.nullable(),
  override: z
    .object({
      opensAt: z.string().nullable(),
      closesAt: z.string().nullable(),
      extraMinutes: z.number().int(),
      reason: z.string(),
    })
    .nullable(),
  /** The student's work time on this exam, in minutes (may have a fraction: 67.5). */
  workMinutes: z.number(),
  /** The window this student sits in. */
  opensAt: z.string(),
  closesAt: z.string(),
});
export type ExamAccommodationRow = z.infer<typeof ExamAccommodationRow>;

export const ExamAccommodationsResponse = z.object({
  examDurationMinutes: z.number(),
  rows: z.array(ExamAccommodationRow),
  /** Students of the course, to pick one for an override. */
  students: z.array(z.object({ id: Id, fullName: z.string(), login: z.string() })),
});
export type ExamAccommodationsResponse = z.infer<typeof ExamAccommodationsResponse>;

/** The student's own profile (without the document reference); null: none. */
export const MyAccommodationResponse = z.object({
  accommodation: AccommodationEffect.extend({
    validUntil: z.string().nullable(),
    active: z.boolean(),
  }).nullable(),
});
export type MyAccommodationResponse = z.infer<typeof MyAccommodationResponse>;

/**
 * The import: CSV with a header row. Columns: login, time_factor, extra_minutes, break_minutes,
 * skip_checks (names separated by spaces), proctor_note, document_ref, valid_until (YYYY-MM-DD).
 * Preview first (`commit: false`); all rows or none.
 */
export const AccommodationImportBody = z.strictObject({
  csv: z.string().min(1).max(2_000_000),
  commit: z.boolean(),
  reason: ChangeReason,
});
export const ACCOMMODATION_CSV_COLUMNS = [
  'login',
  'time_factor',
  'extra_minutes',
  'break_minutes',
  'skip_checks',
  'proctor_note',
  'document_ref',
  'valid_until',
] as const;
export const ACCOMMODATION_IMPORT_CODES = [
  'missing-column',
  'unknown-column',
  'csv-syntax',
  'no-rows',
  'invalid',
  'unknown-student',
  'duplicate',
  // the domain's problems
  'factor-below-one',
  'factor-too-large',
  'minutes-invalid',
  'breaks-longer-than-exam',
  'unknown-check',
] as const;
export const AccommodationImportReport = z.object({
  rows: z.array(
    z.object({
      line: z.number().int(),
      login: z.string(),
      errors: z.array(
        z.object({
          field: z.string(),
          code: z.enum(ACCOMMODATION_IMPORT_CODES),
          message: z.string(),
        }),
      ),
    }),
  ),
  fileErrors: z.array(z.object({ code: z.enum(ACCOMMODATION_IMPORT_CODES), message: z.string() })),
  valid: z.boolean(),
  imported: z.number().int(),
});
export type AccommodationImportReport = z.infer<typeof AccommodationImportReport>;

/**
 * The students the office may give a profile to (active accounts with the student role): the
 * accommodations duty has no access to the admin's user list.
 */
export const AccommodationStudentsResponse = z.object({
  students: z.array(
    z.object({ id: Id, fullName: z.string(), login: z.string(), group: z.string().nullable() }),
  ),
});
export type AccommodationStudentsResponse = z.infer<typeof AccommodationStudentsResponse>;
