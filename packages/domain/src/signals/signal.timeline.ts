import type { EpochMs } from '../common/time.types.ts';
import type { ConditionInterval } from './interval.ops.ts';
import type { FlagCategory, InstantFlagCategory } from './flag.types.ts';
import type { FlagThresholds } from './flag.thresholds.ts';
import type {
  Detection,
  DetectorName,
  DisplaySurface,
  SecondCameraState,
  SittingSignal,
} from './signal.types.ts';
import { flagCategories, instantFlagCategories } from './flag.types.ts';
import { BREAK_QUIET_CATEGORIES } from '../accommodation/break-signals.ts';

/** What is known about the sitting after the signals so far; `null` = not observed yet. */
export interface Observed {
  faceCount: number | null;
  yawDeg: number | null;
  pitchDeg: number | null;
  similarity: number | null;
  detections: Detection[];
  speech: boolean;
  visible: boolean;
  focused: boolean;
  fullscreen: boolean | null;
  shareActive: boolean | null;
  displaySurface: DisplaySurface | null;
  cameraOn: boolean | null;
  microphoneOn: boolean | null;
  displays: number | null;
  activeVideoInput: string | null;
  activeAudioOutput: string | null;
  online: boolean;
  /** WebGL renderer, when reported. */
  renderer: string | null;
  /** Detectors whose last health report was `degraded`. */
  degraded: DetectorName[];
  /**
   * On a rest break (the server's `rest-break` marks): the break's quiet categories do not hold.
   * Absent in trackers stored before breaks existed: not on one.
   */
  onBreak?: boolean;
  /** The start of the break of the last `rest-break` mark (null or absent: none yet). */
  breakSince?: EpochMs | null;
  /**
   * The paired phone's last reported state (null or absent: no phone yet), and whether it was
   * ever live: a phone still setting up its camera raises nothing. Absent in older trackers.
   */
  secondCamera?: SecondCameraState | null;
  secondCameraWasLive?: boolean;
  /** The phone's last battery report (informational). */
  secondCameraBattery?: { level: number; charging: boolean } | null;
}

const initialObserved = (): Observed => ({
  faceCount: null,
  yawDeg: null,
  pitchDeg: null,
  similarity: null,
  detections: [],
  speech: false,
  visible: true,
  focused: true,
  fullscreen: null,
  shareActive: null,
  displaySurface: null,
  cameraOn: null,
  microphoneOn: null,
  displays: null,
  activeVideoInput: null,
  activeAudioOutput: null,
  online: true,
  renderer: null,
  degraded: [],
  onBreak: false,
  breakSince: null,
  secondCamera: null,
  secondCameraWasLive: false,
  secondCameraBattery: null,
});

function observe(o: Observed, s: SittingSignal): Observed {
  switch (s.kind) {
    case 'face-count':
      return { ...o, faceCount: s.count };
    case 'head-pose':
      return { ...o, yawDeg: s.yawDeg, pitchDeg: s.pitchDeg };
    case 'face-match':
      return { ...o, similarity: s.similarity };
    case 'objects':
      return { ...o, detections: s.detections };
    case 'speech':
      return { ...o, speech: s.active };
    case 'visibility':
      return { ...o, visible: s.visible };
    case 'focus':
      return { ...o, focused: s.focused };
    case 'fullscreen':
      return { ...o, fullscreen: s.active };
    case 'screen-share':
      return { ...o, shareActive: s.active, displaySurface: s.displaySurface };
    case 'camera':
      return { ...o, cameraOn: s.on };
    case 'microphone':
      return { ...o, microphoneOn: s.on };
    case 'displays':
      return { ...o, displays: s.count };
    case 'media-devices':
      return { ...o, activeVideoInput: s.activeVideoInput, activeAudioOutput: s.activeAudioOutput };
    case 'connectivity':
      return { ...o, online: s.online };
    case 'graphics':
      return { ...o, renderer: s.renderer };
    case 'detector': {
      const others = o.degraded.filter((d) => d !== s.detector);
      return { ...o, degraded: s.status === 'degraded' ? [...others, s.detector] : others };
    }
    case 'second-camera':
      return {
        ...o,
        secondCamera: s.state,
        secondCameraWasLive: o.secondCameraWasLive === true || s.state === 'live',
      };
    case 'second-camera-battery':
      return { ...o, secondCameraBattery: { level: s.level, charging: s.charging } };
    case 'rest-break':
      return { ...o, onBreak: s.active, breakSince: s.since };
    case 'clipboard':
    case 'context-menu':
      return o;
  }
}

const quietOnBreak: ReadonlySet<FlagCategory> = new Set(BREAK_QUIET_CATEGORIES);

const seen = (o: Observed, labels: readonly string[], minScore: number): boolean =>
  o.detections.some((d) => d.score >= minScore && labels.includes(d.label.toLowerCase()));

const labelMatches = (label: string | null, patterns: readonly string[]): boolean =>
  label !== null && patterns.some((p) => label.toLowerCase().includes(p.toLowerCase()));

const faceMaybeInView = (o: Observed): boolean => o.faceCount !== 0;

/** The phone was live once and is not now (before it first goes live, nothing is expected of it). */
const secondCameraDown = (o: Observed): boolean =>
  o.secondCameraWasLive === true && o.secondCamera !== 'live';

type Condition = (o: Observed, t: FlagThresholds) => boolean;

type LastingCategory = Exclude<FlagCategory, InstantFlagCategory>;

/** The condition behind each category that lasts in time (all but the instants: a paste, a right click). */
export const conditions: Record<LastingCategory, Condition> = {
  tab_switch: (o, t) =>
    !o.visible || !o.focused || (t.tab_switch.countFullscreenExit && o.fullscreen === false),
  headphones: (o, t) =>
    labelMatches(o.activeAudioOutput, t.headphones.deviceLabelPatterns) ||
    seen(o, t.headphones.objectLabels, t.headphones.minScore),
  third_person: (o) => o.faceCount !== null && o.faceCount >= 2,
  cheat_sheet: (o, t) => seen(o, t.cheat_sheet.objectLabels, t.cheat_sheet.minScore),
  phone_call: (o, t) => seen(o, t.phone_call.objectLabels, t.phone_call.minScore),
  left_without_warning: (o) => o.faceCount === 0,
  face_absent: (o) => o.faceCount === 0,
  multiple_faces: (o) => o.faceCount !== null && o.faceCount >= 2,
  looking_away: (o, t) => {
    if (!faceMaybeInView(o) || o.yawDeg === null || o.pitchDeg === null) return false;
    const r = t.looking_away;
    return (
      Math.abs(o.yawDeg) > r.maxYawDeg ||
      o.pitchDeg > r.maxPitchUpDeg ||
      -o.pitchDeg > r.maxPitchDownDeg
    );
  },
  speech: (o) => o.speech,
  screen_share_stopped: (o) => o.shareActive === false,
  not_entire_screen: (o) =>
    o.shareActive === true && o.displaySurface !== null && o.displaySurface !== 'monitor',
  camera_off: (o) => o.cameraOn === false,
  microphone_off: (o) => o.microphoneOn === false,
  second_display: (o) => o.displays !== null && o.displays > 1,
  virtual_camera: (o, t) => labelMatches(o.activeVideoInput, t.virtual_camera.deviceLabelPatterns),
  identity_mismatch: (o, t) =>
    faceMaybeInView(o) && o.similarity !== null && o.similarity < t.identity_mismatch.minSimilarity,
  connection_lost: (o) => !o.online,
  virtual_machine: (o, t) => labelMatches(o.renderer, t.virtual_machine.rendererPatterns),
  detection_degraded: (o) => o.degraded.length > 0,
  second_camera_paused: secondCameraDown,
  second_camera_lost: secondCameraDown,
  // Raised by the server when a warning's acknowledgement time passes, never by a signal.
  warning_unacknowledged: () => false,
};

const lastingCategories = flagCategories.filter(
  (c): c is LastingCategory => !(instantFlagCategories as readonly string[]).includes(c),
);

interface OpenStretch {
  startAt: EpochMs;
  signalIndexes: number[];
}

/**
 * The running fold of a time-ordered signal stream into condition intervals, one per category.
 * It is the incremental core: feed signals one by one, read the intervals at any `now`.
 * Mutated in place by `observeSignal`; it never leaves the module that created it.
 */
export interface SignalTimeline {
  readonly thresholds: FlagThresholds;
  observed: Observed;
  open: Partial<Record<FlagCategory, OpenStretch>>;
  closed: Record<FlagCategory, ConditionInterval[]>;
  lastAt: EpochMs | null;
}

export function createTimeline(thresholds: FlagThresholds): SignalTimeline {
  const closed = {} as Record<FlagCategory, ConditionInterval[]>;
  for (const c of flagCategories) closed[c] = [];
  return { thresholds, observed: initialObserved(), open: {}, closed, lastAt: null };
}

/** Folds one signal (not earlier than the previous one) into the timeline. */
export function observeSignal(
  timeline: SignalTimeline,
  signal: SittingSignal,
  index: number,
): void {
  const t = timeline.thresholds;
  timeline.observed = observe(timeline.observed, signal);
  timeline.lastAt = signal.at;
  const onBreak = timeline.observed.onBreak === true;
  for (const category of lastingCategories) {
    // A rest break keeps its categories quiet: a stretch holding when it begins ends there, and
    // one that still holds when it ends begins again then (the observation is kept meanwhile).
    const holds =
      !(onBreak && quietOnBreak.has(category)) && conditions[category](timeline.observed, t);
    const open = timeline.open[category];
    if (holds && !open) {
      timeline.open[category] = { startAt: signal.at, signalIndexes: [index] };
    } else if (!holds && open) {
      timeline.closed[category].push({ ...open, endAt: signal.at, open: false });
      delete timeline.open[category];
    }
  }
  if (signal.kind === 'clipboard' && t.copy_paste.actions.includes(signal.action)) {
    timeline.closed.copy_paste.push({
      startAt: signal.at,
      endAt: signal.at,
      signalIndexes: [index],
      open: false,
    });
  }
  if (signal.kind === 'context-menu') {
    timeline.closed.context_menu.push({
      startAt: signal.at,
      endAt: signal.at,
      signalIndexes: [index],
      open: false,
    });
  }
}

/** Every category's intervals, the ones still open cut at `until`. */
export function timelineIntervals(
  timeline: SignalTimeline,
  until: EpochMs,
): Record<FlagCategory, ConditionInterval[]> {
  const result = {} as Record<FlagCategory, ConditionInterval[]>;
  for (const category of flagCategories) {
    const open = timeline.open[category];
    result[category] = open
      ? [
          ...timeline.closed[category],
          { ...open, endAt: Math.max(until, open.startAt), open: true },
        ]
      : [...timeline.closed[category]];
  }
  return result;
}
