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
] as const;

export const flagCategories = [...seedFlagCategories, ...detectorFlagCategories] as const;
export type FlagCategory = (typeof flagCategories)[number];

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
