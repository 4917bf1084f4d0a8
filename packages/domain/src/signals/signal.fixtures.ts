import type { EpochMs } from '../common/time.types.ts';
import type { Detection, SecondCameraState, Signal } from './signal.types.ts';

// Test support for the flag-rule tests (not exported from the package): streams that look like
// what the browser and the detectors send, built from (from, to, value) stretches in seconds.

export const T0: EpochMs = 1_750_000_000_000;
export const sec = (s: number): EpochMs => T0 + Math.round(s * 1000);

type Stretch<V> = [fromSec: number, toSec: number, value: V];

/** A sampled detector: one signal every `everyMs` over each stretch, the next stretch taking over. */
function sampled<V>(
  stretches: Stretch<V>[],
  everyMs: number,
  make: (at: EpochMs, v: V) => Signal,
): Signal[] {
  const out: Signal[] = [];
  for (const [from, to, value] of stretches) {
    for (let t = sec(from); t < sec(to); t += everyMs) out.push(make(t, value));
  }
  const last = stretches[stretches.length - 1];
  if (last) out.push(make(sec(last[1]), last[2]));
  return out;
}

export const faces = (stretches: Stretch<number>[], everyMs = 200): Signal[] =>
  sampled(stretches, everyMs, (at, count) => ({ kind: 'face-count', at, count }));

export const poses = (
  stretches: Stretch<[yaw: number, pitch: number]>[],
  everyMs = 200,
): Signal[] =>
  sampled(stretches, everyMs, (at, [yawDeg, pitchDeg]) => ({
    kind: 'head-pose',
    at,
    yawDeg,
    pitchDeg,
  }));

export const objects = (stretches: Stretch<Detection[]>[], everyMs = 500): Signal[] =>
  sampled(stretches, everyMs, (at, detections) => ({ kind: 'objects', at, detections }));

export const matches = (stretches: Stretch<number>[], everyMs = 3000): Signal[] =>
  sampled(stretches, everyMs, (at, similarity) => ({ kind: 'face-match', at, similarity }));

/** A state signal that changes at each listed second. */
export const changes = <V>(
  points: [atSec: number, value: V][],
  make: (at: EpochMs, v: V) => Signal,
): Signal[] => points.map(([s, v]) => make(sec(s), v));

export const visibility = (points: [number, boolean][]): Signal[] =>
  changes(points, (at, visible) => ({ kind: 'visibility', at, visible }));
export const focus = (points: [number, boolean][]): Signal[] =>
  changes(points, (at, focused) => ({ kind: 'focus', at, focused }));
export const secondCamera = (points: [number, SecondCameraState][]): Signal[] =>
  changes(points, (at, state) => ({ kind: 'second-camera', at, state }));
export const speech = (points: [number, boolean][]): Signal[] =>
  changes(points, (at, active) => ({ kind: 'speech', at, active }));

export const devices = (
  atSec: number,
  camera: string,
  output: string,
  installed: string[] = [],
): Signal => ({
  kind: 'media-devices',
  at: sec(atSec),
  activeVideoInput: camera,
  activeAudioOutput: output,
  videoInputs: [camera, ...installed],
  audioOutputs: [output],
});

/** The state of an honest sitting at second 0: one face, screen shared, camera and mic on. */
export const setUp = (): Signal[] => [
  { kind: 'screen-share', at: sec(0), active: true, displaySurface: 'monitor' },
  { kind: 'camera', at: sec(0), on: true },
  { kind: 'microphone', at: sec(0), on: true },
  { kind: 'displays', at: sec(0), count: 1 },
  devices(0, 'Integrated Webcam', 'Speakers (Realtek Audio)'),
];

/** An honest minute: set up, one face looking at the screen. */
export const honestMinute = (): Signal[] => [
  ...setUp(),
  ...faces([[0, 60, 1]]),
  ...poses([[0, 60, [0, 0]]]),
];
