import { z } from 'zod';
import { Id } from './common.schema.ts';
import { ExamKind, ExamSettings, ExamView } from './exam.schema.ts';

// Exam authoring (ADR 0017): the examiner's form, presets, publishing, the timetable import.

/** The seed's rules, as a checklist. Their texts in three languages are in `exam-rules.ts`. */
export const ALLOWED_RULES = ['handouts', 'report-failure'] as const;
export const FORBIDDEN_RULES = [
  'other-tabs',
  'headphones',
  'third-persons',
  'cheat-sheets',
  'phone-calls',
  'leaving',
] as const;
export type AllowedRule = (typeof ALLOWED_RULES)[number];
export type ForbiddenRule = (typeof FORBIDDEN_RULES)[number];

const FreeText = z.string().max(5000);
/** The exam's rules as the examiner sets them; students and proctors read them composed. */
export const RuleSet = z.strictObject({
  allowed: z.array(z.enum(ALLOWED_RULES)).max(ALLOWED_RULES.length),
  forbidden: z.array(z.enum(FORBIDDEN_RULES)).max(FORBIDDEN_RULES.length),
  /** Free text after the checklist, in each language (may be empty). */
  extra: z.strictObject({ kk: FreeText, ru: FreeText, en: FreeText }),
});
export type RuleSet = z.infer<typeof RuleSet>;

/** Who proctors a live exam: named proctors of the course, and how many sittings each watches. */
export const Proctoring = z.strictObject({
  proctorIds: z.array(Id).max(100),
  /** Null: no limit; sittings are spread over the named proctors as students check in. */
  maxSittingsEach: z.number().int().min(1).max(500).nullable(),
});
export type Proctoring = z.infer<typeof Proctoring>;

export const MAX_INSTRUCTIONS_CHARS = 200_000;

/** Everything an examiner sets on an exam: the body of create and update. */
export const ExamDraft = z.strictObject({
  courseId: Id,
  kind: ExamKind,
  title: z.string().trim().min(1).max(200),
  /** Rich text (the answer editor's HTML schema). */
  instructions: z.string().max(MAX_INSTRUCTIONS_CHARS),
  /** The task (rich text), shown to a student only once their work has started. */
  task: z.string().max(MAX_INSTRUCTIONS_CHARS),
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  checkInLeadMinutes: z.number().int().min(0).max(120),
  ruleSet: RuleSet,
  settings: ExamSettings,
  proctoring: Proctoring,
  /** The preset the exam started from, if any (shown, never re-applied). */
  presetId: Id.nullable(),
});
export type ExamDraft = z.infer<typeof ExamDraft>;
export type ExamDraftInput = z.input<typeof ExamDraft>;

/**
 * Why an exam cannot be saved as it is, or published, or changed now: a stable code per field
 * (`path` of the draft, `code` below). The web shows each next to its field in the user's
 * language (`authoring.problem.<code>`).
 */
export const AUTHORING_PROBLEMS = [
  // The draft itself
  'end-before-start',
  'duration-longer-than-window',
  'grace-minutes-required',
  'not-a-proctor',
  'no-requirement-for-live',
  // Publishing
  'proctors-required',
  'content-required',
  'slots-required',
  'closes-in-past',
  // Changing an exam whose sittings have begun
  'locked-after-start',
  'cuts-running-sitting',
  'proctor-removed',
  // Deleting
  'has-sittings',
] as const;
export type AuthoringProblemCode = (typeof AUTHORING_PROBLEMS)[number];
export const AuthoringProblem = z.object({ field: z.string(), code: z.enum(AUTHORING_PROBLEMS) });
export type AuthoringProblem = z.infer<typeof AuthoringProblem>;

/** One exam as its examiner edits it. */
export const ExamDetail = z.object({
  exam: ExamView,
  draft: ExamDraft,
  /** Increases with every saved change. */
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  /** Sittings opened (by students) and begun (work started). */
  sittings: z.object({ opened: z.number().int(), begun: z.number().int() }),
  /** 'safe' once a sitting has begun: later close, more time, more proctors, texts. */
  editable: z.enum(['all', 'safe']),
  /** What publishing still needs (empty: it can be published). */
  publishProblems: z.array(AuthoringProblem),
  taskFileCount: z.number().int(),
});
export type ExamDetail = z.infer<typeof ExamDetail>;

export const AuthoringPerson = z.object({ id: Id, fullName: z.string(), login: z.string() });
export type AuthoringPerson = z.infer<typeof AuthoringPerson>;

/** Courses the caller may author exams in, with the people the form can name. */
export const AuthoringCourse = z.object({
  id: Id,
  title: z.string(),
  proctors: z.array(AuthoringPerson),
  examiners: z.array(AuthoringPerson),
  students: z.number().int(),
});
export type AuthoringCourse = z.infer<typeof AuthoringCourse>;
export const AuthoringCoursesResponse = z.object({
  courses: z.array(AuthoringCourse),
  /** The university's time zone (TIME_ZONE): every time on the form is in it. */
  timeZone: z.string(),
});
export type AuthoringCoursesResponse = z.infer<typeof AuthoringCoursesResponse>;

/** A university-wide starting point for new exams (admin). */
export const PresetBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  /** The preset a new exam starts from when none is chosen; one at most. */
  isDefault: z.boolean(),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  checkInLeadMinutes: z.number().int().min(0).max(120),
  ruleSet: RuleSet,
  settings: ExamSettings,
});
export type PresetBody = z.infer<typeof PresetBody>;
export type PresetBodyInput = z.input<typeof PresetBody>;
export const PresetView = PresetBody.extend({ id: Id, updatedAt: z.string() });
export type PresetView = z.infer<typeof PresetView>;
export const PresetListResponse = z.object({ presets: z.array(PresetView) });
export type PresetListResponse = z.infer<typeof PresetListResponse>;
export const PresetIdParams = z.strictObject({ presetId: Id });

/**
 * The timetable import: CSV with a header row, UTF-8, comma or semicolon. Columns: course (id or
 * title), kind, title, opens_at, closes_at (`YYYY-MM-DD HH:MM` in TIME_ZONE, or ISO-8601),
 * duration_minutes, and optional preset (name), proctors (logins separated by spaces), publish.
 */
export const ExamImportBody = z.strictObject({ csv: z.string().min(1).max(2_000_000) });
/** The import's columns, in the order a template lists them. */
export const EXAM_CSV_COLUMNS = [
  'course',
  'kind',
  'title',
  'opens_at',
  'closes_at',
  'duration_minutes',
  'preset',
  'proctors',
  'instructions',
  'publish',
] as const;
export const EXAM_CSV_REQUIRED = [
  'course',
  'title',
  'opens_at',
  'closes_at',
  'duration_minutes',
] as const;
/** What is wrong with the file or a row, beside the authoring problems a row can have. */
export const EXAM_IMPORT_CODES = [
  'missing-column',
  'unknown-column',
  'csv-syntax',
  'no-rows',
  'invalid',
  'unknown-course',
  'not-your-course',
  'unknown-preset',
  'unknown-proctor',
] as const;
export const EXAM_IMPORT_ERRORS = [...EXAM_IMPORT_CODES, ...AUTHORING_PROBLEMS] as const;
export const ExamImportRow = z.object({
  line: z.number().int(),
  title: z.string(),
  course: z.string(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  errors: z.array(
    z.object({ field: z.string(), code: z.enum(EXAM_IMPORT_ERRORS), message: z.string() }),
  ),
  /** After an import: the exam made from this row. */
  examId: Id.nullable(),
});
export type ExamImportRow = z.infer<typeof ExamImportRow>;
export const ExamImportReport = z.object({
  rows: z.array(ExamImportRow),
  /** Errors of the file as a whole (columns, syntax). */
  fileErrors: z.array(z.object({ code: z.enum(EXAM_IMPORT_ERRORS), message: z.string() })),
  created: z.number().int(),
});
export type ExamImportReport = z.infer<typeof ExamImportReport>;

// The LMS's deep-linking page (ADR 0005, ADR 0017): the instructor picks an exam of the course or
// creates one with the same form. The pick token in the path is the credential (no cookie: the
// page runs in the LMS's frame); it lives 30 minutes and is spent by a pick or a creation.
export const LtiPickParams = z.strictObject({
  pickId: z
    .string()
    .min(16)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});
export const LtiDeepLinkView = z.object({
  language: z.enum(['kk', 'ru', 'en']),
  course: AuthoringCourse,
  exams: z.array(ExamView),
  presets: z.array(PresetView),
  timeZone: z.string(),
});
export type LtiDeepLinkView = z.infer<typeof LtiDeepLinkView>;
export const LtiDeepLinkPickBody = z.strictObject({ examId: Id });
export const LtiDeepLinkCreateBody = z.strictObject({
  draft: ExamDraft,
  /** The exam's maximum score: the LMS grade column's maximum. */
  maxScore: z.number().min(1).max(1000),
});
export type LtiDeepLinkCreateBody = z.infer<typeof LtiDeepLinkCreateBody>;
/**
 * Where the page goes next: a one-time page of ours that posts the signed answer back to the LMS
 * (the web app's own policy lets its forms post only to itself).
 */
export const LtiDeepLinkResponse = z.object({ next: z.string() });
export type LtiDeepLinkResponse = z.infer<typeof LtiDeepLinkResponse>;
