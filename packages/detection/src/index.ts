// @emtihan/detection: the detectors' configuration and result mapping, shared by the browser's
// worker, the `detect` command and the server. Node-only parts: `@emtihan/detection/node`.
export type { ModelPaths, ExamObjectLabel, DetectionConfig, Stage, TileMode } from './config.ts';
export { detectionConfig, examObjectLabels, humanConfig, stageConfig } from './config.ts';
export type { Box, FrameFace, FrameObject, FrameResult } from './frame.ts';
export { facesOf, mergeObjects, objectsIn, remoteAsPhone, tilesOf } from './frame.ts';
export type { DetectionEngine, DescribeStage, FaceStage, ObjectStage } from './engine.ts';
export { createDetectionEngine, loadedModels } from './engine.ts';
export type {
  DescribedFace,
  FaceVerdict,
  IdentityComparison,
  IdentityGap,
  IdentityNote,
} from './identity.ts';
export { compareIdentity, faceVerdict } from './identity.ts';
export type { DetectorSignal } from './signals.ts';
export {
  calibratedScore,
  evidenceLabels,
  faceMatchSignal,
  faceSignals,
  mainFace,
  needsEvidence,
  objectSignal,
} from './signals.ts';
export type { RatePlan, StageCost } from './rate.ts';
export { adaptPlan, coreShare, initialPlan, smooth, speechContext } from './rate.ts';
