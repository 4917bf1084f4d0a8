// The detection stages over one `human` instance, the same in the browser's worker and in Node.
// Input: an int32 or float tensor [1, h, w, 3] of the frame; the caller owns and disposes it.
import type { Human, Tensor } from '@vladmandic/human';
import type { TileMode } from './config.ts';
import { detectionConfig, stageConfig } from './config.ts';
import type { FrameFace, FrameObject } from './frame.ts';
import { facesOf, mergeObjects, objectsIn, tilesOf } from './frame.ts';

export interface FaceStage {
  faces: FrameFace[];
  ms: number;
}

export interface DescribeStage extends FaceStage {
  /** faceres embedding of each counted face (same order as `faces`). */
  embeddings: number[][];
}

export interface ObjectStage {
  objects: FrameObject[];
  ms: number;
}

export interface DetectionEngine {
  readonly human: Human;
  /** Face count, head pose and gaze (detector + mesh + iris): the frequent stage. */
  faces(frame: Tensor): Promise<FaceStage>;
  /** Faces with their faceres embeddings (and anti-spoofing when enabled): a heavy stage. */
  describe(frame: Tensor): Promise<DescribeStage>;
  /**
   * Exam objects on the whole frame and, by `tiles` (default from the configuration), on one
   * overlapping tile in turn (`rotate`), on every tile (`all`) or none (`off`): a heavy stage.
   * `remoteAsPhone` overrides the configured bar (`null`: a remote stays a remote).
   */
  objects(
    frame: Tensor,
    options?: { tiles?: TileMode; remoteAsPhone?: number | null },
  ): Promise<ObjectStage>;
  /** Similarity of two faceres embeddings, 0..1. */
  similarity(a: readonly number[], b: readonly number[]): number;
}

const sizeOf = (frame: Tensor): { width: number; height: number } => ({
  height: frame.shape[1] ?? 0,
  width: frame.shape[2] ?? 0,
});

/**
 * Models that really loaded. `human.models.loaded()` also names a model whose fetch failed (an
 * empty GraphModel); reading its inputs tells.
 */
export function loadedModels(human: Human): Set<string> {
  const ok = new Set<string>();
  for (const [name, model] of Object.entries(human.models.models)) {
    try {
      if (model && model.inputs.length > 0) ok.add(name);
    } catch {
      // not loaded
    }
  }
  return ok;
}

export function createDetectionEngine(
  human: Human,
  options: { antispoof?: boolean } = {},
): DetectionEngine {
  const now = (): number => performance.now();
  // The tile `rotate` looks at next: each heavy pass enlarges another part of the frame.
  let nextTile = 0;
  return {
    human,
    async faces(frame) {
      const t0 = now();
      const result = await human.detect(frame, stageConfig('face', options));
      return { faces: facesOf(result.face, sizeOf(frame).width), ms: now() - t0 };
    },
    async describe(frame) {
      const t0 = now();
      const result = await human.detect(frame, stageConfig('description', options));
      const { width } = sizeOf(frame);
      const counted = result.face.filter(
        (f) =>
          (f.boxScore ?? f.score) >= detectionConfig.face.minBoxScore &&
          f.box[2] >= width * detectionConfig.face.minWidthShare,
      );
      const faces = facesOf(counted, width);
      const embeddings = [...counted]
        .sort((a, b) => a.box[0] - b.box[0])
        .map((f) => f.embedding ?? []);
      return { faces, embeddings, ms: now() - t0 };
    },
    async objects(frame, { tiles = detectionConfig.objects.tiles.mode, remoteAsPhone } = {}) {
      const t0 = now();
      const { width, height } = sizeOf(frame);
      const whole = await human.detect(frame, stageConfig('objects'));
      const found = objectsIn(whole.object, { x: 0, y: 0, scale: 1 });
      const all = tiles === 'off' ? [] : tilesOf(width, height);
      const chosen = tiles === 'rotate' && all.length > 0 ? [all[nextTile++ % all.length]!] : all;
      for (const tile of chosen) {
        const part = human.tf.slice(frame, [0, tile.y, tile.x, 0], [1, tile.h, tile.w, 3]);
        try {
          const result = await human.detect(part as Tensor, stageConfig('objects'));
          found.push(...objectsIn(result.object, { x: tile.x, y: tile.y, scale: 1 }));
        } finally {
          human.tf.dispose(part);
        }
      }
      const merged = mergeObjects(found, remoteAsPhone === undefined ? {} : { remoteAsPhone });
      return { objects: merged, ms: now() - t0 };
    },
    similarity(a, b) {
      if (a.length === 0 || b.length === 0) return 0;
      return human.match.similarity(a as number[], b as number[]);
    },
  };
}
