import type { EpochMs } from '../common/time.types.ts';

/** One detected object in a camera frame, as an object detector reports it (COCO-style labels). */
export interface Detection {
  label: string;
  /** Confidence, 0..1. */
  score: number;
}

/** The automated detectors that run in the student's browser. */
export type DetectorName = 'face' | 'objects' | 'face-match' | 'speech';

export type ClipboardAction = 'copy' | 'cut' | 'paste';

/** `displaySurface` of the shared screen track, as the browser reports it. */
export type DisplaySurface = 'monitor' | 'window' | 'browser';

/**
 * The state of the student's phone as a second camera (issue 27): `live` = its page is visible and
 * its camera delivers frames; `hidden` = the page is hidden (another app, pagehide, the phone
 * locked); `ended` = the camera track ended; `frozen` = no new frames for a while; `offline` =
 * the phone's connection dropped (made by the server on the phone socket's disconnect).
 */
export type SecondCameraState = 'live' | 'hidden' | 'ended' | 'frozen' | 'offline';

/**
 * A timestamped observation of one student's sitting: a detector result, a browser event, or a
 * connectivity change. Sampled kinds (face-count, head-pose, face-match, objects) hold until the
 * next sample of the same kind; state kinds (visibility, focus, ...) hold until they change.
 * `at` is server-accepted epoch milliseconds.
 */
export type Signal =
  | { kind: 'face-count'; at: EpochMs; count: number }
  /** Degrees. Yaw: positive to the student's right. Pitch: positive up, negative down. */
  | { kind: 'head-pose'; at: EpochMs; yawDeg: number; pitchDeg: number }
  /** Similarity of the face in view to the check-in document photo, 0..1. */
  | { kind: 'face-match'; at: EpochMs; similarity: number }
  | { kind: 'objects'; at: EpochMs; detections: Detection[] }
  | { kind: 'speech'; at: EpochMs; active: boolean }
  | { kind: 'visibility'; at: EpochMs; visible: boolean }
  | { kind: 'focus'; at: EpochMs; focused: boolean }
  | { kind: 'fullscreen'; at: EpochMs; active: boolean }
  | {
      kind: 'screen-share';
      at: EpochMs;
      active: boolean;
      displaySurface: DisplaySurface | null;
    }
  | { kind: 'camera'; at: EpochMs; on: boolean }
  | { kind: 'microphone'; at: EpochMs; on: boolean }
  | { kind: 'displays'; at: EpochMs; count: number }
  | {
      kind: 'media-devices';
      at: EpochMs;
      /** Label of the camera actually in use, and of the audio output in use. */
      activeVideoInput: string | null;
      activeAudioOutput: string | null;
      videoInputs: string[];
      audioOutputs: string[];
    }
  | { kind: 'clipboard'; at: EpochMs; action: ClipboardAction }
  /** The context menu (right click) was opened on the exam page. */
  | { kind: 'context-menu'; at: EpochMs }
  /** The WebGL renderer string (`UNMASKED_RENDERER_WEBGL`); a virtual machine's is weak evidence. */
  | { kind: 'graphics'; at: EpochMs; renderer: string }
  | { kind: 'connectivity'; at: EpochMs; online: boolean }
  /** Sent by the paired phone (or, `offline`, by the server for it): see `SecondCameraState`. */
  | { kind: 'second-camera'; at: EpochMs; state: SecondCameraState }
  /** The phone's battery (where the Battery API exists), 0..1: informational, raises no flag. */
  | { kind: 'second-camera-battery'; at: EpochMs; level: number; charging: boolean }
  /**
   * A detector's health: a model that failed to load or fell behind reports `degraded`
   * (the proctor sees "detection degraded"); the exam goes on with the remaining detectors.
   */
  | {
      kind: 'detector';
      at: EpochMs;
      detector: DetectorName;
      status: 'ok' | 'degraded';
      detail: string;
    };

export type SignalKind = Signal['kind'];

/**
 * The kinds only the paired phone sends (or the server makes for it): the student's laptop page
 * must not send them, or it could report a phone "live" that is not.
 */
export const secondCameraSignalKinds = [
  'second-camera',
  'second-camera-battery',
] as const satisfies readonly SignalKind[];

export const isSecondCameraSignal = (
  s: Pick<SittingSignal, 'kind'>,
): s is Extract<Signal, { kind: (typeof secondCameraSignalKinds)[number] }> =>
  (secondCameraSignalKinds as readonly string[]).includes(s.kind);

/**
 * Made by the server, never sent by a page (the wire refuses it): the student's rest break began
 * (`active`) or ended, at `at`. Stored among the sitting's signals where the server put it, so a
 * replay of the stream gives the same flags (ADR 0006; accommodations).
 */
export interface RestBreakMark {
  kind: 'rest-break';
  at: EpochMs;
  active: boolean;
  /** The break's own start (`at` may be later: a stream's time never goes back). */
  since: EpochMs;
}

/** What a sitting's flag rules read: the page's signals and the server's break marks. */
export type SittingSignal = Signal | RestBreakMark;
