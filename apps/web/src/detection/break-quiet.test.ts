import { describe, expect, it } from 'vitest';
import type { SignalInput } from '../signals/signal-sink';
import { createBreakQuiet } from './break-quiet';

const sent = (signals: [SignalInput, boolean][]) => {
  const q = createBreakQuiet();
  return { q, out: signals.map(([s, onBreak]) => q.pass(s, onBreak)) };
};

describe('what a page keeps back on a rest break', () => {
  it('sends everything outside a break', () => {
    const signals: SignalInput[] = [
      { kind: 'face-count', count: 0 },
      { kind: 'visibility', visible: false },
      { kind: 'head-pose', yawDeg: 80, pitchDeg: 0 },
    ];
    const { out } = sent(signals.map((s) => [s, false]));
    expect(out).toEqual(signals);
  });

  it('keeps back leaving the desk and the page, and sends where they stand when the break ends', () => {
    const { q, out } = sent([
      [{ kind: 'face-count', count: 1 }, false],
      [{ kind: 'face-count', count: 0 }, true],
      [{ kind: 'visibility', visible: false }, true],
      [{ kind: 'focus', focused: false }, true],
      [{ kind: 'head-pose', yawDeg: 80, pitchDeg: 0 }, true],
      [{ kind: 'visibility', visible: true }, true],
    ]);
    expect(out.slice(1)).toEqual([null, null, null, null, null]);
    expect(q.release()).toEqual([
      { kind: 'face-count', count: 0 },
      { kind: 'visibility', visible: true },
      { kind: 'focus', focused: false },
      { kind: 'head-pose', yawDeg: 80, pitchDeg: 0 },
    ]);
    expect(q.release()).toEqual([]);
  });

  it('sends what a break does not excuse: another person, voices, the camera', () => {
    const { q, out } = sent([
      [{ kind: 'face-count', count: 1 }, false],
      [{ kind: 'face-count', count: 2 }, true],
      // No face after two: the other person's being in view ends, which the server must hear.
      [{ kind: 'face-count', count: 0 }, true],
      [{ kind: 'speech', active: true }, true],
      [{ kind: 'camera', on: false }, true],
    ]);
    expect(out.slice(1)).toEqual([
      { kind: 'face-count', count: 2 },
      { kind: 'face-count', count: 0 },
      { kind: 'speech', active: true },
      { kind: 'camera', on: false },
    ]);
    expect(q.release()).toEqual([]);
  });

  it('a face back during the break is sent, and nothing of the absence is left to release', () => {
    const { q, out } = sent([
      [{ kind: 'face-count', count: 1 }, false],
      [{ kind: 'face-count', count: 0 }, true],
      [{ kind: 'face-count', count: 1 }, true],
    ]);
    expect(out.slice(1)).toEqual([null, { kind: 'face-count', count: 1 }]);
    expect(q.release()).toEqual([]);
  });
});
