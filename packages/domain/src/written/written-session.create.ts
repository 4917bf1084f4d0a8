import type { ExamConfig } from '../exam/exam-config.defaults.ts';
import type { SessionTerms, WrittenSessionState } from './written-session.types.ts';
import type { Accommodation, ExamOverride } from '../accommodation/accommodation.rules.ts';
import { validateExamConfig } from '../exam/exam-config.defaults.ts';
import { accommodatedTerms } from '../accommodation/accommodation.rules.ts';

export interface NewWrittenSession {
  sessionId: string;
  examId: string;
  studentId: string;
  config: ExamConfig;
  /** The student's accommodation (valid on the exam's day) and the exam's override for them. */
  accommodation?: Accommodation | null;
  override?: ExamOverride | null;
}

export type CreateWrittenSessionResult =
  | { ok: true; state: WrittenSessionState }
  | { ok: false; reason: 'invalid-config'; problems: string[] };

/** The part of an exam's config a sitting runs under (copied, so nothing is shared). */
export const sessionTermsOf = (c: ExamConfig): SessionTerms => ({
  window: { ...c.window },
  durationMinutes: c.durationMinutes,
  checkInLeadMinutes: c.checkInLeadMinutes,
  maxCheckInAttempts: c.maxCheckInAttempts,
  liveProctoring: c.liveProctoring,
  compensation: { ...c.compensation },
  warningAckLimitSeconds: c.violationPolicy.warningAckLimitSeconds,
  timeOut: { ...c.timeOut },
});

/** A scheduled session; the exam's terms are copied in, so a later edit of the exam cannot move it. */
export function createWrittenSession(input: NewWrittenSession): CreateWrittenSessionResult {
  const check = validateExamConfig(input.config);
  if (!check.ok) return check;
  return {
    ok: true,
    state: {
      sessionId: input.sessionId,
      examId: input.examId,
      studentId: input.studentId,
      terms: accommodatedTerms(
        sessionTermsOf(input.config),
        input.accommodation ?? null,
        input.override ?? null,
      ),
      status: 'scheduled',
      checkInAttempts: 0,
      checkInStartedAt: null,
      checkInCompletedAt: null,
      idDocumentHash: null,
      roomScanHash: null,
      identityApprovedAt: null,
      lastRejectionReason: null,
      workStartedAt: null,
      deadline: null,
      compensationGrantedMs: 0,
      pausedAt: null,
      lastSavedAnswerHash: null,
      lastSavedAt: null,
      finalAnswerHash: null,
      endedAt: null,
      late: false,
      notSubmitted: false,
      terminationReason: null,
      reviewStartedAt: null,
      decidedAt: null,
      annulmentReason: null,
      incidents: [],
      warnings: [],
      roomScanRequestedAt: null,
      lastEventAt: null,
    },
  };
}
