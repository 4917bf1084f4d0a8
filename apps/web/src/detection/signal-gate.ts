// Which detector results become signals: a sampled signal holds until the next one of its kind
// (domain rules), so the page sends a kind again only when what it says has changed.
import type { FrameFace, FrameObject, DetectorSignal } from '@emtihan/detection';
import { faceMatchSignal, faceSignals, objectSignal } from '@emtihan/detection';

/** Head pose is resent when it moved this much, or after `poseRefreshMs`. */
const POSE_STEP_DEG = 8;
const POSE_REFRESH_MS = 10_000;

export interface SignalGate {
  /** Signals to push for this frame's results (`now`: the page's monotonic clock). */
  next(
    now: number,
    faces: readonly FrameFace[],
    objects?: readonly FrameObject[],
    similarity?: number,
  ): DetectorSignal[];
}

export function createSignalGate(): SignalGate {
  let count: number | null = null;
  let pose: { yaw: number; pitch: number; at: number } | null = null;
  let labels: string | null = null;
  let match: 'match' | 'mismatch' | null = null;
  return {
    next(now, faces, objects, similarity) {
      const out: DetectorSignal[] = [];
      const [countSignal, poseSignal] = faceSignals(faces);
      if (countSignal && countSignal.kind === 'face-count' && countSignal.count !== count) {
        count = countSignal.count;
        out.push(countSignal);
      }
      if (poseSignal && poseSignal.kind === 'head-pose') {
        const moved =
          !pose ||
          Math.abs(pose.yaw - poseSignal.yawDeg) >= POSE_STEP_DEG ||
          Math.abs(pose.pitch - poseSignal.pitchDeg) >= POSE_STEP_DEG ||
          now - pose.at >= POSE_REFRESH_MS;
        if (moved) {
          pose = { yaw: poseSignal.yawDeg, pitch: poseSignal.pitchDeg, at: now };
          out.push(poseSignal);
        }
      }
      if (objects) {
        const key = objects
          .map((o) => o.label)
          .sort()
          .join(',');
        if (key !== labels) {
          labels = key;
          out.push(objectSignal(objects));
        }
      }
      if (similarity !== undefined) {
        const s = faceMatchSignal(similarity);
        const verdict =
          s && s.kind === 'face-match' ? (s.similarity >= 0.5 ? 'match' : 'mismatch') : null;
        if (s && verdict !== match) {
          match = verdict;
          out.push(s);
        }
      }
      return out;
    },
  };
}

/** The exam's automatic checks in the browser (`settings.checks`), each on or off. */
export interface BrowserChecks {
  faces: boolean;
  headPose: boolean;
  objects: boolean;
  speech: boolean;
}
export const ALL_CHECKS: BrowserChecks = {
  faces: true,
  headPose: true,
  objects: true,
  speech: true,
};

/** Whether the camera's models run at all: some check of the picture is on. */
export const visionWanted = (c: BrowserChecks): boolean => c.faces || c.headPose || c.objects;

/**
 * Whether a detector's signal is sent under the exam's checks: a check that is off sends
 * nothing (face matching follows its own setting, `faceMatching`).
 */
export function checkAllows(signal: DetectorSignal, c: BrowserChecks): boolean {
  switch (signal.kind) {
    case 'face-count':
      return c.faces;
    case 'head-pose':
      return c.headPose;
    case 'objects':
      return c.objects;
    default:
      return true;
  }
}
