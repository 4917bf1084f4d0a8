// Messages between the page and the vision worker.
import type { DetectorName } from '@emtihan/domain';
import type { FrameFace, FrameObject } from '@emtihan/detection';

export interface FrameStages {
  /** Face count, head pose, gaze: off when neither the face nor the head-pose check runs. */
  faces: boolean;
  /** Exam objects on the frame and its tiles. */
  objects: boolean;
  /** faceres similarity to the reference face. */
  faceMatch: boolean;
}

export type ToWorker =
  | {
      type: 'init';
      modelBasePath: string;
      wasmPath: string;
      antispoof: boolean;
      faceMatch: boolean;
    }
  /** The check-in face photo; matching is off until it is accepted. */
  | { type: 'reference'; bitmap: ImageBitmap }
  | { type: 'frame'; id: number; bitmap: ImageBitmap; stages: FrameStages };

export interface Degraded {
  detector: DetectorName;
  detail: string;
}

export type FromWorker =
  | {
      type: 'ready';
      backend: string;
      /** The WASM backend runs with threads (the page is cross-origin isolated). */
      threads: boolean;
      /** Detectors whose model failed to load. */
      degraded: Degraded[];
    }
  | { type: 'reference'; ok: boolean; detail: string }
  | {
      type: 'result';
      id: number;
      faces: FrameFace[];
      objects?: FrameObject[];
      similarity?: number;
      /** Milliseconds spent per stage on this frame. */
      ms: { faces: number; objects?: number; faceMatch?: number };
      /** A small JPEG of the frame, when the result may raise a flag. */
      evidence?: Blob;
    }
  /** `fatal`: the worker cannot run at all (start-up failed); else one frame was lost. */
  | { type: 'failed'; detail: string; fatal: boolean };
