// Adaptive rate: how often the page hands the worker a frame for each stage. Starts at the
// configured rates and backs off when the measured work would take more than the target share
// of one core: first the face stage (never below its minimum rate), then the heavy models
// (never further apart than their maximum). Speeds up again when there is room.
import { detectionConfig } from './config.ts';

export interface RatePlan {
  faceIntervalMs: number;
  heavyIntervalMs: number;
}

export interface StageCost {
  /** Average milliseconds of the face stage per frame. */
  faceMs: number;
  /** Average milliseconds of one heavy pass (objects with tiles, face match). */
  heavyMs: number;
}

const r = detectionConfig.rates;

export function initialPlan(): RatePlan {
  return { faceIntervalMs: 1000 / r.facePoseHz, heavyIntervalMs: r.heavyEveryMs };
}

/** Share of one core the plan costs (1 = a whole core). */
export function coreShare(plan: RatePlan, cost: StageCost): number {
  return cost.faceMs / plan.faceIntervalMs + cost.heavyMs / plan.heavyIntervalMs;
}

/** The next plan after measuring `cost` (one step at a time; call it every few seconds). */
export function adaptPlan(plan: RatePlan, cost: StageCost): RatePlan {
  const share = coreShare(plan, cost);
  const slowestFace = 1000 / r.minFacePoseHz;
  const fastestFace = 1000 / r.facePoseHz;
  if (share > r.targetCoreShare * 1.1) {
    if (plan.faceIntervalMs < slowestFace) {
      return { ...plan, faceIntervalMs: Math.min(slowestFace, plan.faceIntervalMs * 1.25) };
    }
    if (plan.heavyIntervalMs < r.maxHeavyEveryMs) {
      return { ...plan, heavyIntervalMs: Math.min(r.maxHeavyEveryMs, plan.heavyIntervalMs * 1.25) };
    }
    return plan;
  }
  if (share < r.targetCoreShare * 0.6) {
    if (plan.heavyIntervalMs > r.heavyEveryMs) {
      return { ...plan, heavyIntervalMs: Math.max(r.heavyEveryMs, plan.heavyIntervalMs / 1.25) };
    }
    if (plan.faceIntervalMs > fastestFace) {
      return { ...plan, faceIntervalMs: Math.max(fastestFace, plan.faceIntervalMs / 1.25) };
    }
  }
  return plan;
}

/** Exponential moving average, for the stage costs. */
export const smooth = (previous: number | null, next: number, weight = 0.2): number =>
  previous === null ? next : previous + weight * (next - previous);

/** "Voices while alone" or "voices with another face": speech read with the face count. */
export function speechContext(faceCount: number | null): 'alone' | 'with-another-face' | 'no-face' {
  if (faceCount === null || faceCount === 0) return 'no-face';
  return faceCount === 1 ? 'alone' : 'with-another-face';
}
