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
