import { describe, expect, it } from 'vitest';
import type { EvaluateOptions } from './flag.rules.ts';
import type { FlagCategory, Severity } from './flag.types.ts';
import { sessionFlagCategories } from './flag.types.ts';
import type { FlagThresholds } from './flag.thresholds.ts';
import type { Signal } from './signal.types.ts';
import { evaluateSignals } from './flag.rules.ts';
import { defaultFlagThresholds, resolveFlagThresholds } from './flag.thresholds.ts';
import {
  devices,
  faces,
  focus,
  matches,
  objects,
  poses,
  sec,
  secondCamera,
  setUp,
  speech,
  visibility,
} from './signal.fixtures.ts';

const book = [{ label: 'book', score: 0.92 }];
const phone = [{ label: 'cell phone', score: 0.81 }];
const none: never[] = [];

type Row = [
  scenario: string,
  signals: Signal[],
  expected: [FlagCategory, Severity][],
  thresholds?: FlagThresholds,
  options?: EvaluateOptions,
];

// Named scenarios: what a sitting looks like to the detectors, and the flags it must raise.
const scenarios: Row[] = [
  // The seed's categories.
  [
    'tab hidden 1 s → tab_switch minor',
    [
      ...setUp(),
      ...visibility([
        [10, false],
        [11, true],
      ]),
    ],
    [['tab_switch', 'minor']],
  ],
  [
    'tab hidden 20 s → tab_switch gross',
    [
      ...setUp(),
      ...visibility([
        [10, false],
        [30, true],
      ]),
    ],
    [['tab_switch', 'gross']],
  ],
  [
    'window focus lost for 3 s → tab_switch minor',
    [
      ...setUp(),
      ...focus([
        [10, false],
        [13, true],
      ]),
    ],
    [['tab_switch', 'minor']],
  ],
  [
    'fullscreen left for 5 s → no flag unless the exam asks',
    [
      ...setUp(),
      { kind: 'fullscreen', at: sec(1), active: true },
      { kind: 'fullscreen', at: sec(10), active: false },
      { kind: 'fullscreen', at: sec(15), active: true },
    ],
    [],
  ],
  [
    'fullscreen left for 5 s → tab_switch minor when the exam asks',
    [
      ...setUp(),
      { kind: 'fullscreen', at: sec(1), active: true },
      { kind: 'fullscreen', at: sec(10), active: false },
      { kind: 'fullscreen', at: sec(15), active: true },
    ],
    [['tab_switch', 'minor']],
    resolveFlagThresholds({ tab_switch: { countFullscreenExit: true } }),
  ],
  [
    'headphones as the audio output for a minute → headphones gross',
    [
      ...setUp(),
      devices(1, 'Integrated Webcam', 'Headphones (Galaxy Buds2)'),
      devices(61, 'Integrated Webcam', 'Speakers'),
    ],
    [['headphones', 'gross']],
  ],
  [
    'Kazakh-labelled headphones for 5 s → headphones minor',
    [
      ...setUp(),
      devices(1, 'Integrated Webcam', 'Құлаққап (USB)'),
      devices(6, 'Integrated Webcam', 'Speakers'),
    ],
    [['headphones', 'minor']],
  ],
  [
    'headphones seen on camera for 3 s → headphones minor',
    [
      ...setUp(),
      ...objects([
        [0, 10, none],
        [10, 13, [{ label: 'headphones', score: 0.7 }]],
        [13, 20, none],
      ]),
    ],
    [['headphones', 'minor']],
  ],
  [
    'a second face for 4 s → third_person gross',
    [
      ...setUp(),
      ...faces([
        [0, 10, 1],
        [10, 14, 2],
        [14, 60, 1],
      ]),
    ],
    [['third_person', 'gross']],
  ],
  [
    'a second face for 4 s with one dropped frame → still one third_person gross',
    [
      ...setUp(),
      ...faces([
        [0, 10, 1],
        [10, 12, 2],
        [12, 12.2, 1],
        [12.2, 14, 2],
        [14, 60, 1],
      ]),
    ],
    [['third_person', 'gross']],
  ],
  [
    'a second face for 1.5 s → multiple_faces minor',
    [
      ...setUp(),
      ...faces([
        [0, 10, 1],
        [10, 11.5, 2],
        [11.5, 60, 1],
      ]),
    ],
    [['multiple_faces', 'minor']],
  ],
  [
    'notes labelled as cheat sheet for 6 s → cheat_sheet minor',
    [
      ...setUp(),
      ...objects([
        [0, 10, none],
        [10, 16, [{ label: 'cheat_sheet', score: 0.9 }]],
        [16, 20, none],
      ]),
    ],
    [['cheat_sheet', 'minor']],
  ],
  [
    'a book for 6 s when the exam forbids handouts → cheat_sheet minor',
    [
      ...setUp(),
      ...objects([
        [0, 10, none],
        [10, 16, book],
        [16, 20, none],
      ]),
    ],
    [['cheat_sheet', 'minor']],
    resolveFlagThresholds({ cheat_sheet: { objectLabels: ['cheat_sheet', 'book'] } }),
  ],
  [
    'a phone in view for 3 s → phone_call minor',
    [
      ...setUp(),
      ...objects([
        [0, 10, none],
        [10, 13, phone],
        [13, 20, none],
      ]),
    ],
    [['phone_call', 'minor']],
  ],
  [
    'a phone in view for 12 s → phone_call gross',
    [
      ...setUp(),
      ...objects([
        [0, 10, none],
        [10, 22, phone],
        [22, 30, none],
      ]),
    ],
    [['phone_call', 'gross']],
  ],
  [
    'a phone in view while talking → phone_call gross (and speech minor)',
    [
      ...setUp(),
      ...objects([
        [0, 10, none],
        [10, 16, phone],
        [16, 20, none],
      ]),
      ...speech([
        [10, true],
        [16, false],
      ]),
    ],
    [
      ['phone_call', 'gross'],
      ['speech', 'minor'],
    ],
  ],
  [
    'away from the camera for 40 s → left_without_warning gross only',
    [
      ...setUp(),
      ...faces([
        [0, 10, 1],
        [10, 50, 0],
        [50, 60, 1],
      ]),
    ],
    [['left_without_warning', 'gross']],
  ],
  // Detector categories.
  [
    'no face for 10 s → face_absent minor',
    [
      ...setUp(),
      ...faces([
        [0, 10, 1],
        [10, 20, 0],
        [20, 60, 1],
      ]),
    ],
    [['face_absent', 'minor']],
  ],
  [
    'looking to the side for 6 s → looking_away minor',
    [
      ...setUp(),
      ...faces([[0, 60, 1]]),
      ...poses([
        [0, 10, [0, 0]],
        [10, 16, [-50, 0]],
        [16, 60, [0, 0]],
      ]),
    ],
    [['looking_away', 'minor']],
  ],
  [
    'looking up for 6 s → looking_away minor',
    [
      ...setUp(),
      ...faces([[0, 60, 1]]),
      ...poses([
        [0, 10, [0, 0]],
        [10, 16, [0, 40]],
        [16, 60, [0, 0]],
      ]),
    ],
    [['looking_away', 'minor']],
  ],
  [
    'talking for 8 s → speech minor',
    [
      ...setUp(),
      ...speech([
        [10, true],
        [18, false],
      ]),
    ],
    [['speech', 'minor']],
  ],
  [
    'screen sharing stopped for 3 s → screen_share_stopped minor',
    [
      ...setUp(),
      { kind: 'screen-share', at: sec(10), active: false, displaySurface: null },
      { kind: 'screen-share', at: sec(13), active: true, displaySurface: 'monitor' },
    ],
    [['screen_share_stopped', 'minor']],
  ],
  [
    'screen sharing stopped for 40 s → screen_share_stopped gross',
    [
      ...setUp(),
      { kind: 'screen-share', at: sec(10), active: false, displaySurface: null },
      { kind: 'screen-share', at: sec(50), active: true, displaySurface: 'monitor' },
    ],
    [['screen_share_stopped', 'gross']],
  ],
  [
    'sharing one window for 5 s → not_entire_screen minor',
    [
      ...setUp(),
      { kind: 'screen-share', at: sec(10), active: true, displaySurface: 'window' },
      { kind: 'screen-share', at: sec(15), active: true, displaySurface: 'monitor' },
    ],
    [['not_entire_screen', 'minor']],
  ],
  [
    'sharing a browser tab for 30 s → not_entire_screen gross',
    [
      ...setUp(),
      { kind: 'screen-share', at: sec(10), active: true, displaySurface: 'browser' },
      { kind: 'screen-share', at: sec(40), active: true, displaySurface: 'monitor' },
    ],
    [['not_entire_screen', 'gross']],
  ],
  [
    'camera off for 5 s → camera_off minor',
    [
      ...setUp(),
      { kind: 'camera', at: sec(10), on: false },
      { kind: 'camera', at: sec(15), on: true },
    ],
    [['camera_off', 'minor']],
  ],
  [
    'microphone off for 70 s → microphone_off gross',
    [
      ...setUp(),
      { kind: 'microphone', at: sec(10), on: false },
      { kind: 'microphone', at: sec(80), on: true },
    ],
    [['microphone_off', 'gross']],
  ],
  [
    'a second display plugged in for 5 s → second_display minor',
    [
      ...setUp(),
      { kind: 'displays', at: sec(10), count: 2 },
      { kind: 'displays', at: sec(15), count: 1 },
    ],
    [['second_display', 'minor']],
  ],
  [
    'a virtual camera in use → virtual_camera gross',
    [
      ...setUp(),
      devices(10, 'OBS Virtual Camera', 'Speakers'),
      devices(12, 'Integrated Webcam', 'Speakers'),
    ],
    [['virtual_camera', 'gross']],
  ],
  [
    'another person’s face for 20 s → identity_mismatch gross',
    [
      ...setUp(),
      ...faces([[0, 60, 1]]),
      ...matches([
        [0, 15, 0.8],
        [15, 36, 0.2],
        [36, 60, 0.8],
      ]),
    ],
    [['identity_mismatch', 'gross']],
  ],
  [
    'a paste → copy_paste minor',
    [...setUp(), { kind: 'clipboard', at: sec(10), action: 'paste' }],
    [['copy_paste', 'minor']],
  ],
  [
    'a copy when only pastes count → no flag',
    [...setUp(), { kind: 'clipboard', at: sec(10), action: 'copy' }],
    [],
    resolveFlagThresholds({ copy_paste: { actions: ['paste'] } }),
  ],
  [
    'offline for 15 s → connection_lost minor',
    [
      ...setUp(),
      { kind: 'connectivity', at: sec(10), online: false },
      { kind: 'connectivity', at: sec(25), online: true },
    ],
    [['connection_lost', 'minor']],
  ],
  [
    'the context menu opened → context_menu minor',
    [...setUp(), { kind: 'context-menu', at: sec(12) }],
    [['context_menu', 'minor']],
  ],
  [
    'a VirtualBox graphics renderer → virtual_machine minor (weak evidence, never gross)',
    [
      ...setUp(),
      { kind: 'graphics', at: sec(1), renderer: 'ANGLE (VMware, Inc., SVGA3D; Build 2.0)' },
      { kind: 'visibility', at: sec(600), visible: true },
    ],
    [['virtual_machine', 'minor']],
  ],
  [
    'a software renderer (SwiftShader) → no flag',
    [
      ...setUp(),
      {
        kind: 'graphics',
        at: sec(1),
        renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device))',
      },
    ],
    [],
  ],
  [
    'the face detector degraded for ten minutes → detection_degraded minor, never gross',
    [
      ...setUp(),
      { kind: 'detector', at: sec(5), detector: 'face', status: 'degraded', detail: 'load failed' },
      { kind: 'detector', at: sec(605), detector: 'face', status: 'ok', detail: '' },
    ],
    [['detection_degraded', 'minor']],
  ],
  [
    'one detector recovers while another stays degraded → one ongoing detection_degraded',
    [
      ...setUp(),
      { kind: 'detector', at: sec(5), detector: 'face', status: 'degraded', detail: 'slow' },
      { kind: 'detector', at: sec(6), detector: 'speech', status: 'degraded', detail: 'no mic' },
      { kind: 'detector', at: sec(9), detector: 'face', status: 'ok', detail: '' },
    ],
    [['detection_degraded', 'minor']],
  ],
  // The phone as a second camera (issue 27).
  [
    'the phone hidden 20 s → second_camera_paused minor',
    [
      ...setUp(),
      ...secondCamera([
        [1, 'live'],
        [10, 'hidden'],
        [30, 'live'],
      ]),
    ],
    [['second_camera_paused', 'minor']],
  ],
  [
    'the phone offline 70 s → second_camera_lost minor (the pause before it superseded)',
    [
      ...setUp(),
      ...secondCamera([
        [1, 'live'],
        [10, 'offline'],
        [80, 'live'],
      ]),
    ],
    [['second_camera_lost', 'minor']],
  ],
  [
    'the phone locked 5 s → no flag',
    [
      ...setUp(),
      ...secondCamera([
        [1, 'live'],
        [10, 'hidden'],
        [15, 'live'],
      ]),
    ],
    [],
  ],
  [
    'a phone that never went live (still setting up its camera) → no flag',
    [
      ...setUp(),
      ...secondCamera([[1, 'hidden']]),
      { kind: 'visibility', at: sec(300), visible: true },
    ],
    [],
  ],
  [
    'the phone battery at 5 % → no flag (informational)',
    [
      ...setUp(),
      ...secondCamera([[1, 'live']]),
      { kind: 'second-camera-battery', at: sec(2), level: 0.05, charging: false },
      { kind: 'visibility', at: sec(300), visible: true },
    ],
    [],
  ],
  // Options.
  [
    'away for 40 s during a reported power cut → no flag',
    [
      ...setUp(),
      ...faces([
        [0, 10, 1],
        [10, 50, 0],
        [50, 60, 1],
      ]),
    ],
    [],
    undefined,
    { excused: [{ startAt: sec(9), endAt: sec(51) }] },
  ],
  [
    'a disabled category → no flag',
    [
      ...setUp(),
      ...visibility([
        [10, false],
        [30, true],
      ]),
    ],
    [],
    resolveFlagThresholds({ tab_switch: { enabled: false } }),
  ],
];

describe('evaluateSignals scenarios', () => {
  it.each(scenarios)('%s', (_scenario, signals, expected, thresholds, options) => {
    const flags = evaluateSignals(signals, thresholds ?? defaultFlagThresholds, options);
    expect(flags.map((f) => [f.category, f.severity])).toEqual(expected);
  });

  it('covers every category raised by signals with a scenario that raises it', () => {
    const raised = new Set(scenarios.flatMap(([, , expected]) => expected.map(([c]) => c)));
    const fromSignals = Object.keys(defaultFlagThresholds).filter(
      (c) => !(sessionFlagCategories as readonly string[]).includes(c),
    );
    expect([...raised].sort()).toEqual(fromSignals.sort());
  });

  it('never raises a session category (an unacknowledged warning) from signals', () => {
    const all = scenarios.flatMap(([, signals]) => evaluateSignals(signals));
    expect(all.some((f) => f.category === 'warning_unacknowledged')).toBe(false);
  });
});
