import { z } from 'zod';
import { Id } from './common.schema.ts';

export const ExamKind = z.enum(['written', 'oral']);
export type ExamKind = z.infer<typeof ExamKind>;

export const Translated = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
export type Translated = z.infer<typeof Translated>;

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
});
export type ExamSettings = z.infer<typeof ExamSettings>;

export const OralSlotView = z.object({ id: Id, startsAt: z.string(), lengthMinutes: z.number() });

export const ExamView = z.object({
  id: Id,
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
});
export type ExamView = z.infer<typeof ExamView>;

/** GET /api/exams: the exams of the caller's courses, whatever their role there. */
export const ExamListResponse = z.object({ exams: z.array(ExamView) });
export type ExamListResponse = z.infer<typeof ExamListResponse>;
