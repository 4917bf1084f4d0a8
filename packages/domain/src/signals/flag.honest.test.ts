import { describe, expect, it } from 'vitest';
import type { FlagCategory, Severity } from './flag.types.ts';
import type { Signal } from './signal.types.ts';
import { evaluateSignals } from './flag.rules.ts';
import {
  devices,
  faces,
  honestMinute,
  matches,
  objects,
  poses,
  setUp,
  speech,
  visibility,
} from './signal.fixtures.ts';

const book = [{ label: 'book', score: 0.92 }];
const none: never[] = [];

// Honest behaviour the defaults must never flag: a blink, a glance, reading the allowed handouts.
const honest: [scenario: string, signals: Signal[], expected: [FlagCategory, Severity][]][] = [
  ['an honest minute → no flag', honestMinute(), []],
  [
    'honest student reading a handout for 10 s → no flag',
    [
      ...setUp(),
      ...faces([[0, 60, 1]]),
      ...poses([
        [0, 20, [0, 0]],
        [20, 30, [5, -40]],
        [30, 60, [0, 0]],
      ]),
      ...objects([
        [0, 20, none],
        [20, 30, book],
        [30, 60, none],
      ]),
    ],
    [],
  ],
  [
    'a blink (the face lost for 200 ms) → no flag',
    [
      ...setUp(),
      ...faces([
        [0, 10, 1],
        [10, 10.2, 0],
        [10.2, 60, 1],
      ]),
    ],
    [],
  ],
  [
    'a two-second look away → no flag',
    [
      ...setUp(),
      ...faces([[0, 60, 1]]),
      ...poses([
        [0, 10, [0, 0]],
        [10, 12, [55, 0]],
        [12, 60, [0, 0]],
      ]),
    ],
    [],
  ],
  [
    'a 0.5 s tab switch → no flag',
    [
      ...setUp(),
      ...visibility([
        [10, false],
        [10.5, true],
      ]),
    ],
    [],
  ],
  [
    'a 3 s burst of speech → no flag',
    [
      ...setUp(),
      ...speech([
        [10, true],
        [13, false],
      ]),
    ],
    [],
  ],
  [
    'one low face-match sample among good ones → no flag',
    [
      ...setUp(),
      ...faces([[0, 60, 1]]),
      ...matches([
        [0, 30, 0.8],
        [30, 31, 0.2],
        [31, 60, 0.8],
      ]),
    ],
    [],
  ],
  [
    'a book (an allowed handout) in view for a minute → no cheat_sheet',
    [...setUp(), ...objects([[0, 60, book]])],
    [],
  ],
  [
    'a phone seen with low confidence → no flag',
    [...setUp(), ...objects([[0, 20, [{ label: 'cell phone', score: 0.3 }]]])],
    [],
  ],
  [
    'a virtual camera installed but not in use → no flag',
    [...setUp(), devices(1, 'Integrated Webcam', 'Speakers', ['OBS Virtual Camera'])],
    [],
  ],
];

describe('evaluateSignals on honest behaviour', () => {
  it.each(honest)('%s', (_scenario, signals, expected) => {
    expect(evaluateSignals(signals)).toEqual(expected);
  });
});
