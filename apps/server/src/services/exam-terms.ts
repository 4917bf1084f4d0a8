// The one mapping from an exam (as the protocol shows it) to the domain's config and the terms a
// sitting runs under: used when a sitting is created and when a changed exam reaches its
// sittings (`amend-terms`), so both read the exam the same way.
import {
  makeExamConfig,
  sessionTermsOf,
  type ExamConfig,
  type SessionTerms,
} from '@emtihan/domain';
import type { ExamSettings, ExamView } from '@emtihan/protocol';

/** What of an exam its sittings' terms are made of. */
export type ExamTermsSource = Pick<
  ExamView,
  'opensAt' | 'closesAt' | 'durationMinutes' | 'checkInLeadMinutes'
> & {
  settings: Pick<ExamSettings, 'liveProctoring' | 'violationPolicy'> &
    Partial<Pick<ExamSettings, 'timeOut'>>;
};

/** The exam's config: its window (ISO times to epoch ms), duration and settings over the defaults. */
export function examConfigOf(exam: ExamTermsSource): ExamConfig {
  const { settings } = exam;
  return makeExamConfig({
    window: { opensAt: Date.parse(exam.opensAt), closesAt: Date.parse(exam.closesAt) },
    durationMinutes: exam.durationMinutes,
    checkInLeadMinutes: exam.checkInLeadMinutes,
    liveProctoring: settings.liveProctoring,
    violationPolicy: { ...settings.violationPolicy },
    ...(settings.timeOut ? { timeOut: { ...settings.timeOut } } : {}),
  });
}

/** The terms a sitting of the exam runs under. */
export const sessionTermsOfExam = (exam: ExamTermsSource): SessionTerms =>
  sessionTermsOf(examConfigOf(exam));
