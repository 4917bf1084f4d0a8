import { describe, expect, it } from 'vitest';
import { detectionConfig } from './config.ts';
import { adaptPlan, coreShare, initialPlan, speechContext } from './rate.ts';

const settle = (cost: { faceMs: number; heavyMs: number }) => {
  let plan = initialPlan();
  for (let i = 0; i < 50; i++) plan = adaptPlan(plan, cost);
  return plan;
};

describe('adaptive rate', () => {
  it('keeps the configured rates on a fast machine', () => {
    expect(settle({ faceMs: 10, heavyMs: 100 })).toEqual(initialPlan());
  });

  it('backs off the face stage first, never below 2 Hz, then spaces the heavy models', () => {
    const plan = settle({ faceMs: 80, heavyMs: 900 });
    expect(plan.faceIntervalMs).toBeLessThanOrEqual(1000 / detectionConfig.rates.minFacePoseHz);
    expect(plan.faceIntervalMs).toBeGreaterThan(initialPlan().faceIntervalMs);
    expect(plan.heavyIntervalMs).toBeLessThanOrEqual(detectionConfig.rates.maxHeavyEveryMs);
    expect(plan.heavyIntervalMs).toBeGreaterThan(detectionConfig.rates.heavyEveryMs);
  });

  it('speeds up again when the machine has room', () => {
    const slow = settle({ faceMs: 80, heavyMs: 900 });
    let plan = slow;
    for (let i = 0; i < 50; i++) plan = adaptPlan(plan, { faceMs: 5, heavyMs: 50 });
    expect(plan).toEqual(initialPlan());
    expect(coreShare(plan, { faceMs: 5, heavyMs: 50 })).toBeLessThan(0.25);
  });

  it('reads speech with the face count', () => {
    expect(speechContext(1)).toBe('alone');
    expect(speechContext(2)).toBe('with-another-face');
    expect(speechContext(0)).toBe('no-face');
  });
});
