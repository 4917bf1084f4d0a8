import { describe, expect, it } from 'vitest';
import { defaultFlagThresholds } from '@emtihan/domain';
import type { FrameFace } from './frame.ts';
import { mergeObjects, remoteAsPhone, tilesOf } from './frame.ts';
import { detectionConfig } from './config.ts';
import {
  calibratedScore,
  faceMatchSignal,
  faceSignals,
  needsEvidence,
  objectSignal,
} from './signals.ts';

const face = (x: number, w: number, yaw = 0, pitch = 0): FrameFace => ({
  score: 0.9,
  box: [x, 10, w, w],
  yaw,
  pitch,
});

describe('detector results as signals', () => {
  it('reports the count, and the pose of the nearest face', () => {
    expect(faceSignals([])).toEqual([{ kind: 'face-count', count: 0 }]);
    expect(faceSignals([face(0, 50, 40, 0), face(100, 200, -5, 3)])).toEqual([
      { kind: 'face-count', count: 2 },
      { kind: 'head-pose', yawDeg: -5, pitchDeg: 3 },
    ]);
  });

  it('maps each label bar to the domain threshold, so a phone at its bar counts', () => {
    const bar = defaultFlagThresholds.phone_call.minScore;
    expect(calibratedScore('cell phone', 0.35)).toBe(bar);
    expect(calibratedScore('cell phone', 1)).toBe(1);
    expect(calibratedScore('cell phone', 0.2)).toBeLessThan(bar);
    expect(objectSignal([{ label: 'cell phone', score: 0.5, box: [0, 0, 1, 1] }])).toEqual({
      kind: 'objects',
      detections: [{ label: 'cell phone', score: calibratedScore('cell phone', 0.5) }],
    });
  });

  it('says nothing about identity between the match and mismatch bars', () => {
    expect(faceMatchSignal(0.9)).toEqual({ kind: 'face-match', similarity: 0.9 });
    expect(faceMatchSignal(0.55)).toBeNull();
    expect(faceMatchSignal(0.3)).toEqual({ kind: 'face-match', similarity: 0.3 });
  });

  it('keeps a snapshot when the face count is not one or a phone is seen', () => {
    expect(needsEvidence([face(0, 50)], [])).toBe(false);
    expect(needsEvidence([], null)).toBe(true);
    expect(needsEvidence([face(0, 50), face(80, 50)], null)).toBe(true);
    expect(
      needsEvidence([face(0, 50)], [{ label: 'cell phone', score: 0.5, box: [0, 0, 1, 1] }]),
    ).toBe(true);
  });
});

describe('phone-finding tiles', () => {
  it('cover the whole frame with overlap', () => {
    const tiles = tilesOf(640, 480);
    expect(tiles).toHaveLength(4);
    expect(Math.min(...tiles.map((t) => t.x))).toBe(0);
    expect(Math.max(...tiles.map((t) => t.x + t.w))).toBe(640);
    expect(Math.max(...tiles.map((t) => t.y + t.h))).toBe(480);
  });

  it('merge one object seen on the whole frame and on a tile, and drop irrelevant labels', () => {
    const merged = mergeObjects([
      { label: 'cell phone', score: 0.4, box: [100, 100, 40, 80] },
      { label: 'cell phone', score: 0.6, box: [102, 98, 42, 78] },
      { label: 'cell phone', score: 0.5, box: [400, 300, 40, 80] },
      { label: 'person', score: 0.9, box: [0, 0, 300, 400] },
      { label: 'book', score: 0.2, box: [0, 0, 30, 40] },
    ]);
    expect(merged).toEqual([
      { label: 'cell phone', score: 0.6, box: [102, 98, 42, 78] },
      { label: 'cell phone', score: 0.5, box: [400, 300, 40, 80] },
    ]);
  });

  it('report a sure remote as a phone candidate whose calibrated score reads at the phone bar', () => {
    const bar = detectionConfig.objects.remoteAsPhone!;
    const atBar = remoteAsPhone({ label: 'remote', score: bar, box: [10, 10, 20, 40] });
    expect(atBar).toEqual({
      label: 'cell phone',
      score: detectionConfig.objects.labelMinScore['cell phone'],
      box: [10, 10, 20, 40],
      seenAs: 'remote',
    });
    expect(calibratedScore('cell phone', atBar.score)).toBe(
      defaultFlagThresholds.phone_call.minScore,
    );
    expect(remoteAsPhone({ label: 'remote', score: 1, box: [0, 0, 1, 1] }).score).toBe(1);
    // Below the bar, or with the rule off, a remote stays a remote (and under its own bar).
    const weak = {
      label: 'remote',
      score: bar - 0.05,
      box: [0, 0, 1, 1] as [number, number, number, number],
    };
    expect(remoteAsPhone(weak)).toBe(weak);
    expect(mergeObjects([weak])).toEqual([]);
    const sure = {
      label: 'remote',
      score: 0.7,
      box: [5, 5, 20, 40] as [number, number, number, number],
    };
    expect(mergeObjects([sure], { remoteAsPhone: null })).toEqual([
      { label: 'remote', score: 0.7, box: [5, 5, 20, 40] },
    ]);
    // A phone and a remote on the same spot (whole frame and tile) are one phone.
    const merged = mergeObjects([sure, { label: 'cell phone', score: 0.5, box: [6, 4, 20, 41] }]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.label).toBe('cell phone');
  });
});
