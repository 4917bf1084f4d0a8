import { z } from 'zod';
import { Id } from './common.schema.ts';

export const ExamKind = z.enum(['written', 'oral']);
export type ExamKind = z.infer<typeof ExamKind>;

export const Translated = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
export type Translated = z.infer<typeof Translated>;

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
  slots: z.array(OralSlotView),
});
export type ExamView = z.infer<typeof ExamView>;

/** GET /api/exams: the exams of the caller's courses, whatever their role there. */
export const ExamListResponse = z.object({ exams: z.array(ExamView) });
export type ExamListResponse = z.infer<typeof ExamListResponse>;
