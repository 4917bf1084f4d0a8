import { describe, expect, it } from 'vitest';
import { defaultFlagThresholds } from '../signals/flag.thresholds.ts';
import { examFlagThresholds, type ExamCheckSettings } from './exam-thresholds.ts';

const settings = (patch: Partial<ExamCheckSettings> = {}): ExamCheckSettings => ({
  automaticChecks: true,
  checks: { faces: true, headPose: true, objects: true, speech: true, browser: true },
  sensitivity: 'standard',
  media: { camera: true, microphone: true, screen: true },
  requireFullscreen: false,
  watchClipboard: true,
  secondDisplay: 'warn',
  faceMatching: false,
  handoutsAllowed: true,
  secondCamera: 'optional',
  ...patch,
});

describe('an exam’s settings as flag thresholds', () => {
  it('are the defaults for a default exam (face matching aside, which needs consent)', () => {
    const t = examFlagThresholds(settings({ faceMatching: true }));
    expect(t).toEqual(defaultFlagThresholds);
  });

  it('wait twice as long when lenient and half when strict, never at a zero', () => {
    const lenient = examFlagThresholds(settings({ sensitivity: 'lenient' }));
    const strict = examFlagThresholds(settings({ sensitivity: 'strict' }));
    expect(lenient.tab_switch.minorAfterMs).toBe(2_000);
    expect(strict.tab_switch.grossAfterMs).toBe(7_500);
    expect(strict.not_entire_screen.minorAfterMs).toBe(0);
    expect(strict.third_person.minorAfterMs).toBeNull();
  });

  it('raise nothing for a check turned off, or for a device the exam does not ask for', () => {
    const t = examFlagThresholds(
      settings({
        checks: { faces: false, headPose: true, objects: true, speech: false, browser: true },
        media: { camera: true, microphone: true, screen: false },
      }),
    );
    expect(t.third_person.enabled).toBe(false);
    expect(t.left_without_warning.enabled).toBe(false);
    expect(t.speech.enabled).toBe(false);
    expect(t.screen_share_stopped.enabled).toBe(false);
    expect(t.not_entire_screen.enabled).toBe(false);
    expect(t.looking_away.enabled).toBe(true);
    expect(t.tab_switch.enabled).toBe(true);
  });

  it('keep the browser signals without the detectors', () => {
    const t = examFlagThresholds(settings({ automaticChecks: false }));
    expect(t.face_absent.enabled).toBe(false);
    expect(t.phone_call.enabled).toBe(false);
    expect(t.tab_switch.enabled).toBe(true);
  });

  it('count a book as a cheat sheet when handouts are not allowed', () => {
    expect(examFlagThresholds(settings()).cheat_sheet.objectLabels).not.toContain('book');
    expect(
      examFlagThresholds(settings({ handoutsAllowed: false })).cheat_sheet.objectLabels,
    ).toContain('book');
  });
});
