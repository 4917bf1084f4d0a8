// Detector results → the domain's signals. The rules that turn signals into flags live in
// @emtihan/domain and run on the server too; this module only says what was seen.
import type { Detection, Signal } from '@emtihan/domain';
import { defaultFlagThresholds } from '@emtihan/domain';
import { detectionConfig } from './config.ts';
import type { FrameFace, FrameObject } from './frame.ts';

type WithoutAt<S> = S extends Signal ? Omit<S, 'at'> : never;
/** A signal without its time (the page's signal sink stamps it). */
export type DetectorSignal = WithoutAt<
  Extract<
    Signal,
    { kind: 'face-count' | 'head-pose' | 'face-match' | 'objects' | 'speech' | 'detector' }
  >
>;

/** The face the pose is read from: the largest (nearest to the camera). */
export function mainFace(faces: readonly FrameFace[]): FrameFace | undefined {
  return [...faces].sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])[0];
}

/** Face count and, when a face is seen, its head pose. */
export function faceSignals(faces: readonly FrameFace[]): DetectorSignal[] {
  const signals: DetectorSignal[] = [{ kind: 'face-count', count: faces.length }];
  const face = mainFace(faces);
  if (face) signals.push({ kind: 'head-pose', yawDeg: face.yaw, pitchDeg: face.pitch });
  return signals;
}

/**
 * Object scores as the domain reads them: each label's own bar (calibrated on test pictures,
 * lower for small phones) maps to the domain's default `minScore`, and 1 stays 1. So an exam's
 * threshold means the same for every label whatever model found it.
 */
export function calibratedScore(label: string, raw: number): number {
  const bars = detectionConfig.objects.labelMinScore as Record<string, number>;
  const bar = bars[label] ?? 1;
  const target = defaultFlagThresholds.phone_call.minScore;
  const score =
    raw < bar ? (raw * target) / bar : target + ((1 - target) * (raw - bar)) / (1 - bar);
  return Math.round(score * 100) / 100;
}

export function objectSignal(objects: readonly FrameObject[]): DetectorSignal {
  const detections: Detection[] = objects.map((o) => ({
    label: o.label,
    score: calibratedScore(o.label, o.score),
  }));
  return { kind: 'objects', detections };
}

/**
 * Similarity of the live face to the check-in photo, reported only when it is decided (one face
 * in view): a clear match or a clear mismatch. Between the two bars nothing is said.
 */
export function faceMatchSignal(similarity: number): DetectorSignal | null {
  const { match, mismatch } = detectionConfig.faceMatch;
  if (similarity >= match || similarity < mismatch) {
    return { kind: 'face-match', similarity: Math.round(similarity * 100) / 100 };
  }
  return null;
}

/** Labels whose sighting may raise a flag, so a snapshot goes with the signal as evidence. */
export const evidenceLabels: readonly string[] = ['cell phone', 'book', 'laptop'];

/** Whether the frame behind these results should be kept as evidence. */
export function needsEvidence(
  faces: readonly FrameFace[] | null,
  objects: readonly FrameObject[] | null,
): boolean {
  if (faces && faces.length !== 1) return true;
  return (objects ?? []).some((o) => evidenceLabels.includes(o.label));
}
