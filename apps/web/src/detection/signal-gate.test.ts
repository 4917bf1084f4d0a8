import { describe, expect, it } from 'vitest';
import type { FrameFace } from '@emtihan/detection';
import { ALL_CHECKS, checkAllows, createSignalGate, visionWanted } from './signal-gate';

const face = (yaw = 0, pitch = 0): FrameFace => ({
  score: 0.9,
  box: [100, 100, 200, 200],
  yaw,
  pitch,
});

describe('which detector results are sent', () => {
  it('sends the face count and pose at first, then only what changed', () => {
    const gate = createSignalGate();
    expect(gate.next(0, [face()])).toEqual([
      { kind: 'face-count', count: 1 },
      { kind: 'head-pose', yawDeg: 0, pitchDeg: 0 },
    ]);
    expect(gate.next(250, [face(3, 2)])).toEqual([]);
    expect(gate.next(500, [face(20, 2)])).toEqual([{ kind: 'head-pose', yawDeg: 20, pitchDeg: 2 }]);
    expect(gate.next(750, [])).toEqual([{ kind: 'face-count', count: 0 }]);
    expect(gate.next(1000, [])).toEqual([]);
  });

  it('refreshes the pose every ten seconds even when it does not move', () => {
    const gate = createSignalGate();
    gate.next(0, [face()]);
    expect(gate.next(10_000, [face()])).toEqual([{ kind: 'head-pose', yawDeg: 0, pitchDeg: 0 }]);
  });

  it('sends objects when the set of labels changes, including back to none', () => {
    const gate = createSignalGate();
    const phone = {
      label: 'cell phone',
      score: 0.5,
      box: [0, 0, 10, 20] as [number, number, number, number],
    };
    expect(gate.next(0, [face()], [phone]).filter((s) => s.kind === 'objects')).toHaveLength(1);
    expect(gate.next(3000, [face()], [phone]).filter((s) => s.kind === 'objects')).toHaveLength(0);
    expect(gate.next(6000, [face()], []).filter((s) => s.kind === 'objects')).toEqual([
      { kind: 'objects', detections: [] },
    ]);
  });

  it('sends the face match only when the verdict changes', () => {
    const gate = createSignalGate();
    expect(
      gate.next(0, [face()], undefined, 0.8).filter((s) => s.kind === 'face-match'),
    ).toHaveLength(1);
    expect(
      gate.next(3000, [face()], undefined, 0.85).filter((s) => s.kind === 'face-match'),
    ).toHaveLength(0);
    expect(
      gate.next(6000, [face()], undefined, 0.55).filter((s) => s.kind === 'face-match'),
    ).toHaveLength(0);
    expect(
      gate.next(9000, [face()], undefined, 0.3).filter((s) => s.kind === 'face-match'),
    ).toEqual([{ kind: 'face-match', similarity: 0.3 }]);
  });
});

describe('the exam’s checks decide what the camera’s models send', () => {
  const signals = createSignalGate().next(0, [face()], [], 0.9);
  it('every check on sends every kind', () => {
    expect(signals.filter((s) => checkAllows(s, ALL_CHECKS)).map((s) => s.kind)).toEqual([
      'face-count',
      'head-pose',
      'objects',
      'face-match',
    ]);
  });
  it('a check that is off sends nothing of its kind', () => {
    const noPose = { ...ALL_CHECKS, headPose: false, objects: false };
    expect(signals.filter((s) => checkAllows(s, noPose)).map((s) => s.kind)).toEqual([
      'face-count',
      'face-match',
    ]);
  });
  it('the models run only while some check of the picture is on', () => {
    expect(visionWanted(ALL_CHECKS)).toBe(true);
    expect(visionWanted({ faces: false, headPose: false, objects: false, speech: true })).toBe(
      false,
    );
    expect(visionWanted({ faces: false, headPose: false, objects: true, speech: false })).toBe(
      true,
    );
  });
});
