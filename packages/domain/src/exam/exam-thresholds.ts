// An exam's settings as flag thresholds (ADR 0017): which checks run, how strict they are, and
// which devices the exam asks for. The one place the authoring form's choices reach the rules.
import type { FlagCategory } from '../signals/flag.types.ts';
import type {
  DurationRule,
  FlagThresholdOverrides,
  FlagThresholds,
} from '../signals/flag.thresholds.ts';
import { defaultFlagThresholds, resolveFlagThresholds } from '../signals/flag.thresholds.ts';
import { flagCategories } from '../signals/flag.types.ts';
import type { SkippableCheck } from '../accommodation/accommodation.rules.ts';
import { checksFor } from '../accommodation/accommodation.rules.ts';

export type Sensitivity = 'lenient' | 'standard' | 'strict';

/** The parts of an exam's settings that decide its flags. */
export interface ExamCheckSettings {
  automaticChecks: boolean;
  checks: {
    faces: boolean;
    headPose: boolean;
    objects: boolean;
    speech: boolean;
    browser: boolean;
  };
  sensitivity: Sensitivity;
  media: { camera: boolean; microphone: boolean; screen: boolean };
  requireFullscreen: boolean;
  watchClipboard: boolean;
  secondDisplay: 'allow' | 'warn' | 'forbid';
  faceMatching: boolean;
  /** The course handouts are allowed (the seed): a book in view is then not a cheat sheet. */
  handoutsAllowed: boolean;
  /**
   * The student's phone as a second camera (issue 27): off raises no second-camera flag; a phone
   * lost for long is gross only where the exam requires it.
   */
  secondCamera: 'off' | 'optional' | 'required';
}

/** How long a condition must last, against the standard: lenient waits twice, strict half. */
export const SENSITIVITY_FACTOR: Record<Sensitivity, number> = {
  lenient: 2,
  standard: 1,
  strict: 0.5,
};

/** The flag categories each automatic check raises; a check turned off raises none of them. */
export const CHECK_CATEGORIES: Record<keyof ExamCheckSettings['checks'], FlagCategory[]> = {
  faces: ['third_person', 'left_without_warning', 'face_absent', 'multiple_faces'],
  headPose: ['looking_away'],
  objects: ['cheat_sheet', 'phone_call'],
  speech: ['speech'],
  browser: ['tab_switch', 'copy_paste', 'context_menu', 'virtual_machine'],
};

/** Categories about a device: a device the exam does not ask for raises none of them. */
const DEVICE_CATEGORIES: Record<keyof ExamCheckSettings['media'], FlagCategory[]> = {
  camera: ['camera_off', 'virtual_camera'],
  microphone: ['microphone_off'],
  screen: ['screen_share_stopped', 'not_entire_screen', 'second_display'],
};

/** Categories that a detector in the student's browser raises (off without automatic checks). */
const DETECTOR_CHECKS: (keyof ExamCheckSettings['checks'])[] = [
  'faces',
  'headPose',
  'objects',
  'speech',
];

const scaled = (ms: number | null, factor: number): number | null =>
  ms === null || ms === 0 ? ms : Math.round(ms * factor);

/** The thresholds an exam's sittings run under. */
export function examFlagThresholds(s: ExamCheckSettings): FlagThresholds {
  const overrides: FlagThresholdOverrides = {};
  const set = <C extends FlagCategory>(c: C, patch: Partial<FlagThresholds[C]>) => {
    overrides[c] = { ...(overrides[c] ?? {}), ...patch } as FlagThresholdOverrides[C];
  };
  const factor = SENSITIVITY_FACTOR[s.sensitivity];
  if (factor !== 1) {
    for (const c of flagCategories) {
      const d: DurationRule = defaultFlagThresholds[c];
      set(c, {
        minorAfterMs: scaled(d.minorAfterMs, factor),
        grossAfterMs: scaled(d.grossAfterMs, factor),
      } as Partial<FlagThresholds[typeof c]>);
    }
  }
  set('tab_switch', { countFullscreenExit: s.requireFullscreen });
  set('copy_paste', { enabled: s.watchClipboard });
  set('context_menu', { enabled: s.watchClipboard });
  set('second_display', { enabled: s.secondDisplay !== 'allow' });
  set('identity_mismatch', { enabled: s.faceMatching });
  if (s.secondCamera === 'off') {
    set('second_camera_paused', { enabled: false });
    set('second_camera_lost', { enabled: false });
  } else if (s.secondCamera === 'required') {
    // Lost for long is gross: the exam cannot be judged without the view of the desk.
    const lost = defaultFlagThresholds.second_camera_lost;
    set('second_camera_lost', {
      minorAfterMs: null,
      grossAfterMs: scaled(lost.minorAfterMs, factor),
    });
  }
  if (!s.handoutsAllowed) {
    set('cheat_sheet', {
      objectLabels: [...defaultFlagThresholds.cheat_sheet.objectLabels, 'book'],
    });
  }
  for (const check of Object.keys(CHECK_CATEGORIES) as (keyof typeof CHECK_CATEGORIES)[]) {
    const on = s.checks[check] && (s.automaticChecks || !DETECTOR_CHECKS.includes(check));
    if (!on) for (const c of CHECK_CATEGORIES[check]) set(c, { enabled: false });
  }
  for (const device of Object.keys(DEVICE_CATEGORIES) as (keyof typeof DEVICE_CATEGORIES)[]) {
    if (!s.media[device]) for (const c of DEVICE_CATEGORIES[device]) set(c, { enabled: false });
  }
  return resolveFlagThresholds(overrides);
}

/**
 * The thresholds one student's sitting runs under: the exam's, less the checks their
 * accommodation skips (`checksFor`), whose categories raise no flag. Skipping the face check also
 * leaves out matching the face to the ID during the work (`identity_mismatch`): a student who
 * cannot face the camera cannot be matched by it either. Without skipped checks, the exam's.
 */
export function sittingFlagThresholds(
  s: ExamCheckSettings,
  skipped: readonly SkippableCheck[],
): FlagThresholds {
  if (skipped.length === 0) return examFlagThresholds(s);
  return examFlagThresholds({
    ...s,
    checks: checksFor(s.checks, skipped),
    faceMatching: s.faceMatching && !skipped.includes('faces'),
  });
}
