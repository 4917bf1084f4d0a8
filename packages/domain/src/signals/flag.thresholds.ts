import type { ClipboardAction } from './signal.types.ts';
import type { FlagCategory } from './flag.types.ts';
import { flagCategories } from './flag.types.ts';

/**
 * How long a condition must hold before it becomes a flag. A condition that lasts at least
 * `grossAfterMs` is gross, else at least `minorAfterMs` is minor, else nothing (the debounce: a
 * blink or a glance is shorter than every minimum). `null` means "never at this severity".
 * Two stretches of the same condition closer than `mergeGapMs` count as one (a noisy detector
 * dropping one frame does not split a flag or reset its clock).
 */
export interface DurationRule {
  enabled: boolean;
  minorAfterMs: number | null;
  grossAfterMs: number | null;
  mergeGapMs: number;
}

export interface ObjectRule extends DurationRule {
  /** Lower-case detector labels that count. */
  objectLabels: string[];
  minScore: number;
}

/** Per category; plain JSON so an exam can store its own. */
export interface FlagThresholds {
  /** The page hidden or the window not focused (and, if asked, fullscreen left). */
  tab_switch: DurationRule & { countFullscreenExit: boolean };
  /** Audio output whose label matches a pattern, or headphones seen on camera. */
  headphones: ObjectRule & { deviceLabelPatterns: string[] };
  /** Two or more faces, sustained. Supersedes `multiple_faces` on the same stretch. */
  third_person: DurationRule;
  /**
   * Objects that are notes. The seed allows the course handouts, so `book` is not in the default
   * list; an exam that forbids handouts adds it.
   */
  cheat_sheet: ObjectRule;
  /** A phone in view; gross at once while speech is heard at the same time, if asked. */
  phone_call: ObjectRule & { grossWithSpeech: boolean };
  /** No face for long. Supersedes `face_absent` on the same stretch. */
  left_without_warning: DurationRule;
  face_absent: DurationRule;
  multiple_faces: DurationRule;
  /** Head turned beyond these angles. Looking down to read a handout stays inside them. */
  looking_away: DurationRule & {
    maxYawDeg: number;
    maxPitchUpDeg: number;
    maxPitchDownDeg: number;
  };
  speech: DurationRule;
  screen_share_stopped: DurationRule;
  /** Sharing a window or a browser tab instead of the entire screen (seed step 6). */
  not_entire_screen: DurationRule;
  camera_off: DurationRule;
  microphone_off: DurationRule;
  second_display: DurationRule;
  /**
   * The camera in use has a label matching a pattern (OBS, ManyCam, ...). Phone-as-webcam apps
   * (DroidCam, EpocCam) are left out: the seed expects a desktop to have a camera added, and a
   * phone is a common honest way to do it.
   */
  virtual_camera: DurationRule & { deviceLabelPatterns: string[] };
  identity_mismatch: DurationRule & { minSimilarity: number };
  copy_paste: DurationRule & { actions: ClipboardAction[] };
  connection_lost: DurationRule;
  /** The context menu opened (per exam, with copy and paste). */
  context_menu: DurationRule;
  /**
   * A WebGL renderer naming a virtual machine: weak evidence (minor only). Software renderers
   * (SwiftShader, llvmpipe) are left out: an honest computer without a GPU driver shows them.
   */
  virtual_machine: DurationRule & { rendererPatterns: string[] };
  /** A detector reported itself degraded: informational, never gross. */
  detection_degraded: DurationRule;
  /**
   * The second camera (the paired phone) not live for a short while. Off unless the exam asks
   * for a second camera (`examFlagThresholds`). Superseded by `second_camera_lost`.
   */
  second_camera_paused: DurationRule;
  /** The second camera not live for long: minor, gross when the exam requires it. */
  second_camera_lost: DurationRule;
  /** A warning not acknowledged in time; the server raises it at the due time. */
  warning_unacknowledged: DurationRule;
}

const rule = (
  minorAfterMs: number | null,
  grossAfterMs: number | null,
  mergeGapMs: number,
): DurationRule => ({ enabled: true, minorAfterMs, grossAfterMs, mergeGapMs });

/** Defaults: an honest student's blink, glance, or reading of a handout never reaches a minimum. */
export const defaultFlagThresholds: FlagThresholds = {
  tab_switch: { ...rule(1_000, 15_000, 500), countFullscreenExit: false },
  headphones: {
    ...rule(2_000, 30_000, 1_000),
    objectLabels: ['headphones', 'headset', 'earphones'],
    minScore: 0.6,
    deviceLabelPatterns: [
      'headphone',
      'headset',
      'earphone',
      'earbud',
      'airpods',
      'buds',
      'наушник',
      'гарнитур',
      'құлаққап',
    ],
  },
  third_person: rule(null, 3_000, 1_000),
  cheat_sheet: { ...rule(5_000, 30_000, 2_000), objectLabels: ['cheat_sheet'], minScore: 0.6 },
  phone_call: {
    ...rule(2_000, 10_000, 2_000),
    objectLabels: ['cell phone', 'mobile phone', 'phone'],
    minScore: 0.6,
    grossWithSpeech: true,
  },
  left_without_warning: rule(null, 30_000, 1_500),
  face_absent: rule(8_000, null, 1_500),
  multiple_faces: rule(1_000, null, 1_000),
  looking_away: {
    ...rule(5_000, null, 1_000),
    maxYawDeg: 35,
    maxPitchUpDeg: 25,
    maxPitchDownDeg: 60,
  },
  speech: rule(5_000, null, 1_500),
  screen_share_stopped: rule(2_000, 30_000, 1_000),
  not_entire_screen: rule(0, 10_000, 1_000),
  camera_off: rule(3_000, 30_000, 1_000),
  microphone_off: rule(3_000, 60_000, 1_000),
  second_display: rule(0, 30_000, 1_000),
  virtual_camera: {
    ...rule(null, 0, 1_000),
    deviceLabelPatterns: [
      'obs virtual',
      'obs-camera',
      'manycam',
      'snap camera',
      'xsplit',
      'vcam',
      'virtual',
      'camtwist',
    ],
  },
  identity_mismatch: { ...rule(5_000, 15_000, 3_000), minSimilarity: 0.45 },
  copy_paste: { ...rule(0, null, 1_000), actions: ['copy', 'cut', 'paste'] },
  connection_lost: rule(10_000, null, 2_000),
  context_menu: rule(0, null, 1_000),
  virtual_machine: {
    ...rule(0, null, 1_000),
    rendererPatterns: [
      'virtualbox',
      'vmware',
      'svga3d',
      'parallels',
      'qxl',
      'virgl',
      'hyper-v',
      'virtio',
    ],
  },
  detection_degraded: rule(0, null, 2_000),
  // A phone that locks its screen for a moment, or a page reloaded, stays under 10 s.
  second_camera_paused: rule(10_000, null, 2_000),
  second_camera_lost: rule(60_000, null, 2_000),
  warning_unacknowledged: rule(0, null, 0),
};

export type FlagThresholdOverrides = { [C in FlagCategory]?: Partial<FlagThresholds[C]> };

/** Defaults with an exam's overrides laid over them, category by category. */
export function resolveFlagThresholds(overrides: FlagThresholdOverrides = {}): FlagThresholds {
  const result = { ...defaultFlagThresholds } as Record<FlagCategory, DurationRule>;
  for (const category of flagCategories) {
    const override = overrides[category];
    if (override) result[category] = { ...result[category], ...override };
  }
  return result as FlagThresholds;
}

/** Names of the threshold fields that are not sane (negative, not finite). */
export function thresholdProblems(thresholds: FlagThresholds): string[] {
  const problems: string[] = [];
  for (const category of flagCategories) {
    const r: DurationRule = thresholds[category];
    const bad = (v: number | null): boolean => v !== null && !(Number.isFinite(v) && v >= 0);
    if (bad(r.minorAfterMs)) problems.push(`thresholds.${category}.minorAfterMs`);
    if (bad(r.grossAfterMs)) problems.push(`thresholds.${category}.grossAfterMs`);
    if (bad(r.mergeGapMs)) problems.push(`thresholds.${category}.mergeGapMs`);
  }
  return problems;
}
