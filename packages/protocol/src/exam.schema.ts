import { z } from 'zod';
import { Id } from './common.schema.ts';

export const ExamKind = z.enum(['written', 'oral']);
export type ExamKind = z.infer<typeof ExamKind>;

export const Translated = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
export type Translated = z.infer<typeof Translated>;

export const SENSITIVITIES = ['lenient', 'standard', 'strict'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];
/** Submit what was saved (default); allow a grace period marked late; or refuse after the end. */
export const TIME_OUT_MODES = ['submit', 'grace', 'refuse'] as const;
export type TimeOutMode = (typeof TIME_OUT_MODES)[number];

/** Attachment types an exam may allow, by extension, with the content types uploads carry. */
export const ATTACHMENT_TYPE_CONTENT: Record<string, readonly string[]> = {
  pdf: ['application/pdf'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  txt: ['text/plain'],
  jpg: ['image/jpeg'],
  png: ['image/png'],
  webp: ['image/webp'],
  zip: ['application/zip'],
  mp4: ['video/mp4'],
  webm: ['video/webm'],
};
export const ATTACHMENT_TYPES = [
  'pdf',
  'docx',
  'xlsx',
  'txt',
  'jpg',
  'png',
  'webp',
  'zip',
  'mp4',
  'webm',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const SECOND_CAMERA_MODES = ['off', 'optional', 'required'] as const;
export type SecondCameraMode = (typeof SECOND_CAMERA_MODES)[number];

/** What the student's browser must know to prepare: checks, steps, limits. */
export const ExamSettings = z.object({
  /** A proctor approves identity and starts the exam; without one work starts after check-in. */
  liveProctoring: z.boolean().default(true),
  /** The guided 20–30 s recording of desk and room during check-in. */
  roomScanRequired: z.boolean().default(true),
  /**
   * Face, object and speech detection in the student's browser during the exam. Off, the proctor
   * still sees the live video and the browser's own signals (tab, screen share, devices).
   */
  automaticChecks: z.boolean().default(true),
  /** Face matching against the check-in photo (needs its own consent). */
  faceMatching: z.boolean().default(false),
  /** Room noise limit for the system check, in dBA (an estimate from the microphone). */
  noiseLimitDb: z.number().min(20).max(90).default(50),
  /** What a second display means for this exam. */
  secondDisplay: z.enum(['allow', 'warn', 'forbid']).default('warn'),
  /**
   * The student's phone as a second camera beside the desk (paired by a QR code): not offered,
   * offered, or required before work starts (ADR 0023).
   */
  secondCamera: z.enum(SECOND_CAMERA_MODES).default('off'),
  /** Attachments to the answer ("Add submission"). */
  attachments: z
    .object({ maxFiles: z.number().int().min(0).max(20), maxBytes: z.number().int().positive() })
    .default({ maxFiles: 5, maxBytes: 20 * 1024 * 1024 }),
  /** Leaving fullscreen counts as leaving the exam page (tab_switch). */
  requireFullscreen: z.boolean().default(false),
  /** Copy, cut, paste and the context menu are reported and flagged. */
  watchClipboard: z.boolean().default(true),
  /** Camera and screen snapshots for the proctor grid and the timeline, every N seconds. */
  snapshotSeconds: z.number().int().min(5).max(600).default(30),
  /** Recordings and snapshots are deleted this many days after the exam closes (legal hold aside). */
  retentionDays: z.number().int().min(1).max(3650).default(365),
  /** Which devices the student must share; a device not required gets no step and no check. */
  media: z
    .object({ camera: z.boolean(), microphone: z.boolean(), screen: z.boolean() })
    .default({ camera: true, microphone: true, screen: true }),
  /** The identity check at check-in: a photo of the ID card, a photo of the face. */
  idCheck: z
    .object({ idPhoto: z.boolean(), facePhoto: z.boolean() })
    .default({ idPhoto: true, facePhoto: true }),
  /** A proctor may ask for a room scan during the exam (beside or instead of one at check-in). */
  roomScanOnRequest: z.boolean().default(true),
  /** Each automatic check on or off (all under `automaticChecks`), and how strict they are. */
  checks: z
    .object({
      faces: z.boolean(),
      headPose: z.boolean(),
      objects: z.boolean(),
      speech: z.boolean(),
      browser: z.boolean(),
    })
    .default({ faces: true, headPose: true, objects: true, speech: true, browser: true }),
  sensitivity: z.enum(SENSITIVITIES).default('standard'),
  /** What happens when a student's time runs out (ADR 0017). */
  timeOut: z
    .object({ mode: z.enum(TIME_OUT_MODES), graceMinutes: z.number().int().min(0).max(240) })
    .default({ mode: 'submit', graceMinutes: 0 }),
  /** The answer: rich text or plain, an optional word limit, a statement to tick before submitting. */
  answer: z
    .object({
      richText: z.boolean(),
      wordLimit: z.number().int().min(1).max(100_000).nullable(),
      /** Null: none. The student ticks it before "Submit assignment". */
      statement: Translated.nullable(),
    })
    .default({ richText: true, wordLimit: null, statement: null }),
  /** File types allowed as attachments, by extension; empty: every type uploads accept. */
  attachmentTypes: z.array(z.enum(ATTACHMENT_TYPES)).default([]),
  /** When the system proposes termination to the proctor (the domain's ViolationPolicy). */
  violationPolicy: z
    .object({
      grossViolationsToProposeTermination: z.number().int().min(1).max(20),
      unacknowledgedWarningsToProposeTermination: z.number().int().min(1).max(20),
      warningAckLimitSeconds: z.number().int().min(10).max(600),
    })
    .default({
      grossViolationsToProposeTermination: 2,
      unacknowledgedWarningsToProposeTermination: 2,
      warningAckLimitSeconds: 60,
    }),
});
export type ExamSettings = z.infer<typeof ExamSettings>;

export const OralSlotView = z.object({ id: Id, startsAt: z.string(), lengthMinutes: z.number() });

export const EXAM_STATUSES = ['draft', 'published'] as const;
export const ExamStatus = z.enum(EXAM_STATUSES);
export type ExamStatus = z.infer<typeof ExamStatus>;

export const ExamView = z.object({
  id: Id,
  /** Students never see a draft; staff see both. */
  status: ExamStatus,
  /** Rich text (the answer editor's HTML schema) shown on the exam page before check-in. */
  instructions: z.string(),
  courseId: Id,
  courseTitle: z.string(),
  kind: ExamKind,
  title: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  durationMinutes: z.number(),
  checkInLeadMinutes: z.number(),
  rules: Translated,
  settings: ExamSettings,
  slots: z.array(OralSlotView),
  /**
   * For a student: what their accommodation and the exam's override for them change (ADR 0018);
   * `opensAt`/`closesAt` above are then their own window. Absent: nothing changes.
   */
  forMe: z
    .object({
      timeFactor: z.number(),
      extraMinutes: z.number(),
      breakMinutes: z.number(),
      skippedChecks: z.array(z.enum(['faces', 'headPose', 'objects', 'speech', 'browser'])),
      /** Their work time in minutes (may have a fraction: 67.5). */
      workMinutes: z.number(),
      /** The window is the exam's override for them. */
      ownWindow: z.boolean(),
    })
    .optional(),
});
export type ExamView = z.infer<typeof ExamView>;

/** GET /api/exams: the exams of the caller's courses, whatever their role there. */
export const ExamListResponse = z.object({ exams: z.array(ExamView) });
export type ExamListResponse = z.infer<typeof ExamListResponse>;
