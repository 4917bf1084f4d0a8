import { ExamSettings } from '@emtihan/protocol';
import { describe, expect, it } from 'vitest';
import { examConfigOf, sessionTermsOfExam } from './exam-terms.ts';

const exam = (settings: Partial<ExamSettings> = {}) => ({
  opensAt: '2026-06-01T08:00:00.000Z',
  closesAt: '2026-06-01T11:00:00.000Z',
  durationMinutes: 90,
  checkInLeadMinutes: 15,
  settings: ExamSettings.parse(settings),
});

describe('the terms a sitting of an exam runs under', () => {
  it('take the window, duration, check-in lead, proctoring, time-out and acknowledgement limit from the exam', () => {
    const terms = sessionTermsOfExam(
      exam({
        liveProctoring: false,
        timeOut: { mode: 'grace', graceMinutes: 10 },
        violationPolicy: {
          grossViolationsToProposeTermination: 3,
          unacknowledgedWarningsToProposeTermination: 2,
          warningAckLimitSeconds: 90,
        },
      }),
    );
    expect(terms).toEqual({
      window: {
        opensAt: Date.parse('2026-06-01T08:00:00Z'),
        closesAt: Date.parse('2026-06-01T11:00:00Z'),
      },
      durationMinutes: 90,
      checkInLeadMinutes: 15,
      maxCheckInAttempts: 3,
      liveProctoring: false,
      compensation: { automatic: false, maxMinutes: 30 },
      warningAckLimitSeconds: 90,
      timeOut: { mode: 'grace', graceMinutes: 10 },
    });
  });

  it('default to handing in at the deadline', () => {
    expect(sessionTermsOfExam(exam()).timeOut).toEqual({ mode: 'submit', graceMinutes: 0 });
    const { timeOut: _, ...older } = exam().settings;
    expect(examConfigOf({ ...exam(), settings: older }).timeOut).toEqual({
      mode: 'submit',
      graceMinutes: 0,
    });
  });

  it('keep the violation policy for the config', () => {
    const config = examConfigOf(exam());
    expect(config.violationPolicy.grossViolationsToProposeTermination).toBe(2);
  });
});
