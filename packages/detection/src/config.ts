// One model configuration for every place the detectors run: the student's browser (a Web
// Worker), the `detect` command and the server's re-check of an uploaded snapshot. Changing a
// threshold here changes all three.
import type { Config } from '@vladmandic/human';

/** Where the models and the tfjs WASM binaries are read from (a URL prefix ending in `/`). */
export interface ModelPaths {
  modelBasePath: string;
  wasmPath: string;
}

/** COCO labels that matter in an exam room, as the object model names them. */
export const examObjectLabels = [
  'cell phone',
  'book',
  'laptop',
  'remote',
  'keyboard',
  'tv',
] as const;
export type ExamObjectLabel = (typeof examObjectLabels)[number];

/** How the object stage uses tiles (see `detectionConfig.objects.tiles`). */
export type TileMode = 'off' | 'rotate' | 'all';

export const detectionConfig = {
  face: {
    /** Detector box score a face needs to count (the mesh's own score stays high on junk). */
    minBoxScore: 0.5,
    /** Faces narrower than this share of the frame's width are ignored (posters far behind). */
    minWidthShare: 0.04,
    /** How many faces the detector may return: more than one, or "two faces" is never seen. */
    maxDetected: 10,
  },
  objects: {
    /** Score a labelled object needs to be reported at all. */
    minScore: 0.3,
    /** Per label: the score from which it counts as seen (phones are small: lower bar). */
    labelMinScore: {
      'cell phone': 0.35,
      book: 0.45,
      laptop: 0.5,
      remote: 0.45,
      keyboard: 0.6,
      tv: 0.6,
    } satisfies Record<ExamObjectLabel, number>,
    /**
     * Phone-finding strategy: the whole frame, then overlapping tiles at a higher resolution (a
     * phone is a few dozen pixels in a 640×480 webcam frame; the model sees it better enlarged).
     * `grid` tiles per side; `overlap` is the share of a tile shared with its neighbour.
     * `mode`: `rotate` adds one tile per heavy pass, in turn (a phone kept in view is looked at
     * enlarged within `grid²` passes, at twice the cost of the whole frame instead of five
     * times); `all` runs every tile (a single picture: the detect command, the server's
     * re-check); `off` the whole frame only. ADR 0016 has the figures.
     */
    tiles: { mode: 'rotate' as TileMode, grid: 2, overlap: 0.25 },
    /**
     * The object model often calls a phone held in a hand, seen from its back or edge, a
     * `remote`. A remote this sure is reported as a phone candidate (`seenAs: 'remote'`); on the
     * test pictures no phone-free frame came near it (ADR 0016). `null` turns the rule off.
     */
    remoteAsPhone: 0.4 as number | null,
    /** Boxes of the same label overlapping more than this (IoU) are one object. */
    mergeIou: 0.4,
  },
  faceMatch: {
    /** Similarity (human.match.similarity of faceres embeddings) from which the face matches. */
    match: 0.6,
    /** Below this the face is another person's. Between the two: undecided, nothing reported. */
    mismatch: 0.5,
    /** The check-in photo's face must be at least this wide, else matching is off. */
    minReferenceFaceWidth: 200,
    /**
     * A face on the ID photo narrower than this is still compared, but the proctor is told the
     * figure is less reliable (the same face at 96 px wide scored only 0.57: FIELD-NOTES).
     */
    minIdFaceWidth: 120,
  },
  rates: {
    /** Face count, head pose and gaze: per second (target ≥ 2). */
    facePoseHz: 4,
    /** Lowest rate the back-off may fall to. */
    minFacePoseHz: 2,
    /** Objects (with tiles), face match and anti-spoofing: at most this far apart. */
    heavyEveryMs: 3_000,
    /** Longest spacing after back-off on a slow machine. */
    maxHeavyEveryMs: 6_000,
    /** Share of one core the worker aims to stay under (back-off starts above it). */
    targetCoreShare: 0.25,
  },
  /** Width of the evidence JPEG pushed with a signal that may raise a flag. */
  evidenceWidth: 320,
} as const;

export type DetectionConfig = typeof detectionConfig;

/** Which models a `human.detect` call runs. */
export type Stage = 'face' | 'heavy';

const off = { enabled: false } as const;

/**
 * The `human` configuration: one instance, models loaded once; each call turns on the stage it
 * needs (`stageConfig`). Caching and skipping are off: each frame is judged on its own.
 */
export function humanConfig(
  paths: ModelPaths,
  options: { antispoof?: boolean; faceMatch?: boolean } = {},
): Partial<Config> {
  return {
    backend: 'wasm',
    modelBasePath: paths.modelBasePath,
    wasmPath: paths.wasmPath,
    wasmPlatformFetch: false,
    debug: false,
    async: true,
    warmup: 'none',
    cacheModels: false,
    // Validation reads a model's graph: on a model that failed to load it throws.
    validateModels: false,
    cacheSensitivity: 0,
    deallocate: false,
    filter: { enabled: false },
    gesture: off,
    body: off,
    hand: off,
    segmentation: off,
    face: {
      enabled: true,
      detector: {
        enabled: true,
        rotation: false,
        maxDetected: detectionConfig.face.maxDetected,
        minConfidence: 0.3,
        iouThreshold: 0.2,
        skipFrames: 0,
        skipTime: 0,
        return: false,
      },
      mesh: { enabled: true },
      attention: off,
      iris: { enabled: true },
      // faceres (7 MB) loads only where the exam matches faces.
      description: { enabled: options.faceMatch ?? false, skipFrames: 0, skipTime: 0 },
      emotion: off,
      antispoof: { enabled: options.antispoof ?? false, skipFrames: 0, skipTime: 0 },
      liveness: off,
      gear: off,
    },
    object: {
      enabled: true,
      modelPath: 'centernet.json',
      minConfidence: detectionConfig.objects.minScore * 0.6,
      maxDetected: 20,
      skipFrames: 0,
      skipTime: 0,
    },
  } as Partial<Config>;
}

/** Per-call overrides: the cheap stage (detector, mesh, iris) or one of the heavy models. */
export function stageConfig(
  stage: 'face' | 'description' | 'objects',
  options: { antispoof?: boolean } = {},
): Partial<Config> {
  const face = stage !== 'objects';
  const heavyFace = stage === 'description';
  return {
    face: {
      enabled: face,
      description: { enabled: heavyFace },
      antispoof: { enabled: heavyFace && (options.antispoof ?? false) },
    },
    object: { enabled: stage === 'objects' },
  } as Partial<Config>;
}
