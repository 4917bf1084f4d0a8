import { describe, expect, it } from 'vitest';
import type { ExamCheckSettings } from '../exam/exam-thresholds.ts';
import type { FlagThresholds } from './flag.thresholds.ts';
import type { Signal } from './signal.types.ts';
import { examFlagThresholds } from '../exam/exam-thresholds.ts';
import { evaluateSignals } from './flag.rules.ts';
import { createFlagTracker } from './flag.tracker.ts';
import { sec, secondCamera, setUp } from './signal.fixtures.ts';
import { isSecondCameraSignal } from './signal.types.ts';

// The student's phone as a second camera (issue 27): what the proctor sees as it goes away and
// comes back, read live as the server reads it (the tracker at each moment).

const exam = (
  secondCameraMode: ExamCheckSettings['secondCamera'],
  sensitivity: ExamCheckSettings['sensitivity'] = 'standard',
): FlagThresholds =>
  examFlagThresholds({
    automaticChecks: true,
    checks: { faces: true, headPose: true, objects: true, speech: true, browser: true },
    sensitivity,
    media: { camera: true, microphone: true, screen: true },
    requireFullscreen: false,
    watchClipboard: true,
    secondDisplay: 'warn',
    faceMatching: false,
    handoutsAllowed: true,
    secondCamera: secondCameraMode,
  });

/** The phone's flags as a proctor's console would show them at `atSec` ([category, severity, ongoing]). */
function seenAt(thresholds: FlagThresholds, signals: Signal[], atSec: number) {
  const tracker = createFlagTracker(thresholds);
  for (const s of signals.filter((s) => s.at <= sec(atSec))) tracker.push(s);
  return tracker
    .flags({ now: sec(atSec) })
    .filter((f) => f.category.startsWith('second_camera'))
    .map((f) => [f.category, f.severity, f.ongoing] as const);
}

const hidden70s: Signal[] = [
  ...setUp(),
  ...secondCamera([
    [1, 'live'],
    [10, 'hidden'],
    [80, 'live'],
  ]),
];

describe('the phone as a second camera', () => {
  it('hidden for 70 s: paused after the debounce, then lost; live again: the flag closes', () => {
    const optional = exam('optional');
    expect(seenAt(optional, hidden70s, 15)).toEqual([]);
    expect(seenAt(optional, hidden70s, 25)).toEqual([['second_camera_paused', 'minor', true]]);
    expect(seenAt(optional, hidden70s, 75)).toEqual([['second_camera_lost', 'minor', true]]);
    expect(seenAt(optional, hidden70s, 90)).toEqual([['second_camera_lost', 'minor', false]]);
  });

  it('lost is gross when the exam requires the second camera', () => {
    const required = exam('required');
    expect(seenAt(required, hidden70s, 25)).toEqual([['second_camera_paused', 'minor', true]]);
    expect(seenAt(required, hidden70s, 90)).toEqual([['second_camera_lost', 'gross', false]]);
  });

  it('raises nothing when the exam has no second camera', () => {
    expect(seenAt(exam('off'), hidden70s, 75)).toEqual([]);
    expect(seenAt(exam('off'), hidden70s, 90)).toEqual([]);
  });

  it('a short lock under the debounce raises nothing', () => {
    const signals = [
      ...setUp(),
      ...secondCamera([
        [1, 'live'],
        [10, 'hidden'],
        [17, 'live'],
      ]),
    ];
    expect(seenAt(exam('required'), signals, 60)).toEqual([]);
  });

  it('each way of going away counts: hidden, camera ended, frozen, offline', () => {
    for (const state of ['hidden', 'ended', 'frozen', 'offline'] as const) {
      const signals = [
        ...setUp(),
        ...secondCamera([
          [1, 'live'],
          [10, state],
          [30, 'live'],
        ]),
      ];
      expect(evaluateSignals(signals, exam('optional')).map((f) => f.category)).toEqual([
        'second_camera_paused',
      ]);
    }
  });

  it('nothing before any phone signal, however long the sitting', () => {
    const signals = [...setUp(), { kind: 'visibility', at: sec(3600), visible: true } as const];
    expect(evaluateSignals(signals, exam('required'))).toEqual([]);
  });

  it('tells the phone’s own kinds from the laptop’s (the laptop page may not send them)', () => {
    expect(isSecondCameraSignal({ kind: 'second-camera' })).toBe(true);
    expect(isSecondCameraSignal({ kind: 'second-camera-battery' })).toBe(true);
    expect(isSecondCameraSignal({ kind: 'visibility' })).toBe(false);
  });

  it('waits twice as long when lenient', () => {
    const lenient = exam('optional', 'lenient');
    expect(seenAt(lenient, hidden70s, 25)).toEqual([]);
    expect(seenAt(lenient, hidden70s, 35)).toEqual([['second_camera_paused', 'minor', true]]);
  });
});
