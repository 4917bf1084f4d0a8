// What one frame showed, in plain JSON: the `detect` command prints it, the worker posts it to
// the page, the server's re-check returns it. Boxes are pixels of the frame: [x, y, w, h].
import type { FaceResult, ObjectResult } from '@vladmandic/human';
import { detectionConfig, examObjectLabels } from './config.ts';

export type Box = [number, number, number, number];

export interface FrameFace {
  /** Detector box score, 0..1. */
  score: number;
  box: Box;
  /** Degrees; yaw positive to the student's right, pitch positive up. */
  yaw: number;
  pitch: number;
  /** Gaze bearing (degrees) and strength (0..1) from the iris model. */
  gaze?: { bearing: number; strength: number };
  /** Anti-spoofing "real" score when that model ran. */
  real?: number;
}

export interface FrameObject {
  label: string;
  score: number;
  box: Box;
  /** What the model called it when that differs from `label` (a `remote` reported as a phone). */
  seenAs?: string;
}

export interface FrameResult {
  width: number;
  height: number;
  faces: FrameFace[];
  /** Absent when the object stage did not run on this frame. */
  objects?: FrameObject[];
}

const deg = (rad: number | undefined): number => Math.round(((rad ?? 0) * 180) / Math.PI);
const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
const intBox = (b: readonly number[]): Box => [
  Math.round(b[0] ?? 0),
  Math.round(b[1] ?? 0),
  Math.round(b[2] ?? 0),
  Math.round(b[3] ?? 0),
];

/** The faces that count: detector score high enough and not a speck in the background. */
export function facesOf(faces: readonly FaceResult[], width: number): FrameFace[] {
  const { minBoxScore, minWidthShare } = detectionConfig.face;
  return faces
    .filter((f) => (f.boxScore ?? f.score) >= minBoxScore && f.box[2] >= width * minWidthShare)
    .map((f) => {
      const angle = f.rotation?.angle;
      // human's pitch is positive when the head tilts down; the domain's is positive up.
      const face: FrameFace = {
        score: round(f.boxScore ?? f.score),
        box: intBox(f.box),
        yaw: deg(angle?.yaw),
        pitch: -deg(angle?.pitch),
      };
      const gaze = f.rotation?.gaze;
      if (gaze) face.gaze = { bearing: deg(gaze.bearing), strength: round(gaze.strength) };
      if (typeof f.real === 'number') face.real = round(f.real);
      return face;
    })
    .sort((a, b) => a.box[0] - b.box[0]);
}

const iou = (a: Box, b: Box): number => {
  const x1 = Math.max(a[0], b[0]);
  const y1 = Math.max(a[1], b[1]);
  const x2 = Math.min(a[0] + a[2], b[0] + b[2]);
  const y2 = Math.min(a[1] + a[3], b[1] + b[3]);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
};

/**
 * A `remote` at or above `remoteAsPhone` becomes a `cell phone` candidate, its score moved so
 * that the remote bar lands on the phone bar (the calibrated score then reads the same).
 */
export function remoteAsPhone(
  o: FrameObject,
  bar: number | null = detectionConfig.objects.remoteAsPhone,
): FrameObject {
  if (bar === null || o.label !== 'remote' || o.score < bar) return o;
  const phoneBar = detectionConfig.objects.labelMinScore['cell phone'];
  const score = phoneBar + ((o.score - bar) * (1 - phoneBar)) / (1 - bar);
  return { label: 'cell phone', score, box: o.box, seenAs: 'remote' };
}

/**
 * Exam-relevant objects above their label's bar, duplicates (from overlapping tiles) merged.
 * `remoteAsPhone`: the bar from which a remote counts as a phone (`null`: never).
 */
export function mergeObjects(
  candidates: readonly FrameObject[],
  options: { remoteAsPhone?: number | null } = {},
): FrameObject[] {
  const { labelMinScore, mergeIou } = detectionConfig.objects;
  const bar =
    options.remoteAsPhone === undefined
      ? detectionConfig.objects.remoteAsPhone
      : options.remoteAsPhone;
  const bars = labelMinScore as Record<string, number>;
  const kept: FrameObject[] = [];
  const sorted = candidates
    .map((o) => remoteAsPhone(o, bar))
    .filter((o) => (examObjectLabels as readonly string[]).includes(o.label))
    .filter((o) => o.score >= (bars[o.label] ?? 1))
    .sort((a, b) => b.score - a.score);
  for (const o of sorted) {
    const overlapsKept = kept.some((k) => {
      if (k.label !== o.label) return false;
      if (iou(k.box, o.box) > mergeIou) return true;
      // A tile's partial box inside a whole-frame box of the same object.
      const inner = iou(k.box, o.box) * (k.box[2] * k.box[3] + o.box[2] * o.box[3]);
      return inner > 0.7 * Math.min(k.box[2] * k.box[3], o.box[2] * o.box[3]);
    });
    if (!overlapsKept) {
      const merged: FrameObject = { label: o.label, score: round(o.score), box: o.box };
      if (o.seenAs) merged.seenAs = o.seenAs;
      kept.push(merged);
    }
  }
  return kept;
}

/** Objects of one model run on a region (tile) of the frame, moved back to frame pixels. */
export function objectsIn(
  objects: readonly ObjectResult[],
  region: { x: number; y: number; scale: number },
): FrameObject[] {
  return objects.map((o) => ({
    label: o.label,
    score: o.score,
    box: intBox([
      region.x + o.box[0] / region.scale,
      region.y + o.box[1] / region.scale,
      o.box[2] / region.scale,
      o.box[3] / region.scale,
    ]),
  }));
}

/** Overlapping tiles covering a frame (the phone-finding strategy). */
export function tilesOf(
  width: number,
  height: number,
): { x: number; y: number; w: number; h: number }[] {
  const { grid, overlap } = detectionConfig.objects.tiles;
  if (grid <= 1) return [];
  const w = Math.round(width / (grid - (grid - 1) * overlap));
  const h = Math.round(height / (grid - (grid - 1) * overlap));
  const tiles: { x: number; y: number; w: number; h: number }[] = [];
  for (let row = 0; row < grid; row++) {
    for (let col = 0; col < grid; col++) {
      const x = Math.min(width - w, Math.round(col * w * (1 - overlap)));
      const y = Math.min(height - h, Math.round(row * h * (1 - overlap)));
      tiles.push({ x, y, w, h });
    }
  }
  return tiles;
}
