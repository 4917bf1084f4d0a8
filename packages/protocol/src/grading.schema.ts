import { z } from 'zod';
import { LtiGradeSendView } from './lti.schema.ts';

export const GradingScaleId = z.enum(['kz-letter-100', 'five-point']);
export type GradingScaleId = z.infer<typeof GradingScaleId>;

/** How an exam is graded (ADR 0010). */
export const GradingPolicyView = z.object({
  maxScore: z.number(),
  scale: GradingScaleId,
  /** An annulled sitting is graded zero with the reason as comment, and that goes to the LMS. */
  annulledScoresZero: z.boolean(),
});
export type GradingPolicyView = z.infer<typeof GradingPolicyView>;

export const UpdateGradingPolicyBody = z.strictObject({
  maxScore: z.number().positive().max(1000),
  scale: GradingScaleId,
  annulledScoresZero: z.boolean(),
});
export type UpdateGradingPolicyBody = z.infer<typeof UpdateGradingPolicyBody>;

/** A sitting's grade. `void`: annulled with no grade (the exam's policy does not score it). */
export const SittingGradeView = z.object({
  outcome: z.enum(['graded', 'annulled', 'void']),
  score: z.number(),
  maxScore: z.number(),
  percent: z.number(),
  grade: z.string(),
  points: z.number().nullable(),
  passed: z.boolean(),
  comment: z.string().nullable(),
  gradedBy: z.string().nullable(),
  gradedAt: z.string(),
});
export type SittingGradeView = z.infer<typeof SittingGradeView>;

/** One student of the exam on the examiner's grading screen. */
export const GradingEntry = z.object({
  studentId: z.string(),
  fullName: z.string(),
  login: z.string(),
  group: z.string().nullable(),
  sessionId: z.string().nullable(),
  /** The sitting's state, or `not_opened`. */
  status: z.string(),
  submittedAt: z.number().nullable(),
  /**
   * How time ran out for it (the exam's time-out mode): handed in after the deadline in a grace
   * period, or not handed in (`refuse`). Null or absent: neither.
   */
  handIn: z.enum(['late', 'not-submitted']).nullable().optional(),
  grade: SittingGradeView.nullable(),
  /** The latest score sent to the LMS for this student, if any. */
  lms: LtiGradeSendView.nullable(),
});
export type GradingEntry = z.infer<typeof GradingEntry>;

export const ExamGradingResponse = z.object({
  examId: z.string(),
  examTitle: z.string(),
  policy: GradingPolicyView,
  /** The exam is an activity with a grade column in an LMS: grades are sent there. */
  lmsLinked: z.boolean(),
  entries: z.array(GradingEntry),
});
export type ExamGradingResponse = z.infer<typeof ExamGradingResponse>;

export const GradeSittingBody = z.strictObject({
  score: z.number(),
  comment: z.string().trim().max(2000).optional(),
});
export type GradeSittingBody = z.infer<typeof GradeSittingBody>;

export const GradeSittingResponse = z.object({
  grade: SittingGradeView,
  lms: z.array(LtiGradeSendView),
});
export type GradeSittingResponse = z.infer<typeof GradeSittingResponse>;

export const SendIdParams = z.object({ sendId: z.string().min(1).max(100) });
