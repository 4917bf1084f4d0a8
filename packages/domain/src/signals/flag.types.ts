import type { EpochMs } from '../common/time.types.ts';

/** The six violations the university's instructions name (seed, oral exam, point 5). */
export const seedFlagCategories = [
  'tab_switch',
  'headphones',
  'third_person',
  'cheat_sheet',
  'phone_call',
  'left_without_warning',
] as const;

/** What the detectors add to the seed's list. */
export const detectorFlagCategories = [
  'face_absent',
  'multiple_faces',
  'looking_away',
  'speech',
  'screen_share_stopped',
  'not_entire_screen',
  'camera_off',
  'microphone_off',
  'second_display',
  'virtual_camera',
  'identity_mismatch',
  'copy_paste',
  'connection_lost',
  'context_menu',
  'virtual_machine',
  /** A detector failed or fell behind: informational (the proctor looks with their own eyes). */
  'detection_degraded',
  /**
   * The paired phone's camera (issue 27) is not live — its page hidden, the phone locked, the
   * camera ended or frozen, the phone offline — for a short while; superseded by the next one.
   */
  'second_camera_paused',
  /** The same, for long: gross when the exam requires the second camera. */
  'second_camera_lost',
] as const;

/** Raised by the server from the session itself, not from signals. */
export const sessionFlagCategories = [
  /** A warning not acknowledged within the exam's limit (seed: "does not respond to warnings"). */
  'warning_unacknowledged',
] as const;

export const flagCategories = [
  ...seedFlagCategories,
  ...detectorFlagCategories,
  ...sessionFlagCategories,
] as const;
export type FlagCategory = (typeof flagCategories)[number];

/** Categories raised by one moment (no duration): a paste, a right click. */
export const instantFlagCategories = ['copy_paste', 'context_menu'] as const;
export type InstantFlagCategory = (typeof instantFlagCategories)[number];

export const isFlagCategory = (value: unknown): value is FlagCategory =>
  (flagCategories as readonly unknown[]).includes(value);

export type Severity = 'minor' | 'gross';

/** A suspicion drawn from signals. A flag is not a verdict: a person turns it into a warning. */
export interface Flag {
  category: FlagCategory;
  severity: Severity;
  startAt: EpochMs;
  /** For an ongoing flag: the `now` of the evaluation. */
  endAt: EpochMs;
  durationMs: number;
  /** Still true at the end of the evaluated stream. */
  ongoing: boolean;
  /** Indexes (into the evaluated signal array) of the signals that raised the condition. */
  signalIndexes: number[];
}
