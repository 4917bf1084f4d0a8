import { describe, expect, it } from 'vitest';
import type { ExamConfig } from './exam-config.defaults.ts';
import { defaultExamConfig, makeExamConfig, validateExamConfig } from './exam-config.defaults.ts';
import { defaultFlagThresholds } from '../signals/flag.thresholds.ts';

const window = { opensAt: 1_750_000_000_000, closesAt: 1_750_000_000_000 + 3 * 3_600_000 };
const good = makeExamConfig({ window, durationMinutes: 90 });

describe('exam config', () => {
  it('defaults to a 20-minute check-in lead, live proctoring and a 60-second acknowledgement limit', () => {
    expect(good).toMatchObject({
      checkInLeadMinutes: 20,
      liveProctoring: true,
      maxCheckInAttempts: 3,
      compensation: { automatic: false, maxMinutes: 30 },
      violationPolicy: {
        grossViolationsToProposeTermination: 2,
        unacknowledgedWarningsToProposeTermination: 2,
        warningAckLimitSeconds: 60,
      },
    });
    expect(good.thresholds).toEqual(defaultFlagThresholds);
  });

  it('lays an exam’s overrides over the defaults, field by field', () => {
    const config = makeExamConfig({
      window,
      durationMinutes: 60,
      liveProctoring: false,
      compensation: { automatic: true },
      violationPolicy: { warningAckLimitSeconds: 30 },
      thresholds: { tab_switch: { grossAfterMs: 5000 } },
    });
    expect(config.compensation).toEqual({ automatic: true, maxMinutes: 30 });
    expect(config.violationPolicy.grossViolationsToProposeTermination).toBe(2);
    expect(config.violationPolicy.warningAckLimitSeconds).toBe(30);
    expect(config.thresholds.tab_switch).toEqual({
      ...defaultFlagThresholds.tab_switch,
      grossAfterMs: 5000,
    });
    expect(config.thresholds.speech).toEqual(defaultFlagThresholds.speech);
  });

  it('does not share objects with the defaults', () => {
    const config = makeExamConfig({ window, durationMinutes: 60 });
    config.compensation.maxMinutes = 99;
    expect(defaultExamConfig.compensation.maxMinutes).toBe(30);
  });

  it('accepts a sane config', () => {
    expect(validateExamConfig(good)).toEqual({ ok: true });
  });

  it.each([
    ['window', { window: { opensAt: window.closesAt, closesAt: window.opensAt } }],
    ['durationMinutes', { durationMinutes: 0 }],
    ['checkInLeadMinutes', { checkInLeadMinutes: -1 }],
    ['maxCheckInAttempts', { maxCheckInAttempts: 0 }],
    ['compensation.maxMinutes', { compensation: { automatic: false, maxMinutes: Number.NaN } }],
    [
      'violationPolicy.grossViolationsToProposeTermination',
      { violationPolicy: { ...good.violationPolicy, grossViolationsToProposeTermination: 0 } },
    ],
    [
      'violationPolicy.unacknowledgedWarningsToProposeTermination',
      {
        violationPolicy: {
          ...good.violationPolicy,
          unacknowledgedWarningsToProposeTermination: 1.5,
        },
      },
    ],
    [
      'violationPolicy.warningAckLimitSeconds',
      { violationPolicy: { ...good.violationPolicy, warningAckLimitSeconds: 0 } },
    ],
    [
      'thresholds.speech.minorAfterMs',
      {
        thresholds: { ...good.thresholds, speech: { ...good.thresholds.speech, minorAfterMs: -5 } },
      },
    ],
  ] as [string, Partial<ExamConfig>][])('names %s when it cannot work', (path, change) => {
    expect(validateExamConfig({ ...good, ...change })).toEqual({
      ok: false,
      reason: 'invalid-config',
      problems: [path],
    });
  });
});
