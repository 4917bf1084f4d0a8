import { describe, expect, it } from 'vitest';
import type { Flag } from '../signals/flag.types.ts';
import type { Warning } from '../written/written-session.types.ts';
import type { TerminationGround } from './violation.policy.ts';
import { defaultExamConfig } from '../exam/exam-config.defaults.ts';
import { assessViolations, isWarningUnacknowledged, proposeWarnings } from './violation.policy.ts';
import { T0, flag, warning } from './policy.fixtures.ts';

const policy = defaultExamConfig.violationPolicy; // 2 gross, 2 unacknowledged, 60 s
const now = T0 + 600_000;

describe('isWarningUnacknowledged', () => {
  it.each([
    ['acknowledged within the limit', warning('w', 0, 30), false],
    ['acknowledged exactly at the limit', warning('w', 0, 60), false],
    ['acknowledged late (silence counts even if answered later)', warning('w', 0, 61), true],
    ['not acknowledged, limit over', warning('w', 0, null), true],
    ['not acknowledged, limit not over yet', warning('w', 590, null), false],
  ] as const)('is %s → %s', (_name, w, expected) => {
    expect(isWarningUnacknowledged(w, now, 60)).toBe(expected);
  });
});

describe('assessViolations', () => {
  const rows: [string, Flag[], Warning[], TerminationGround[]][] = [
    ['an exam with nothing against the student proposes nothing', [], [], []],
    ['one gross violation proposes nothing', [flag('third_person', 'gross')], [], []],
    [
      'many minor flags propose nothing',
      Array.from({ length: 9 }, () => flag('looking_away', 'minor')),
      [],
      [],
    ],
    [
      'several (two) gross violations propose termination',
      [flag('third_person', 'gross'), flag('phone_call', 'gross', 60)],
      [],
      ['gross-violations'],
    ],
    ['one ignored warning proposes nothing', [], [warning('a', 0, null)], []],
    [
      'two ignored warnings propose termination',
      [],
      [warning('a', 0, null), warning('b', 100, 200)],
      ['unacknowledged-warnings'],
    ],
    [
      'two answered warnings propose nothing',
      [],
      [warning('a', 0, 10), warning('b', 100, 120)],
      [],
    ],
    [
      'both grounds are named together',
      [flag('headphones', 'gross'), flag('tab_switch', 'gross')],
      [warning('a', 0, null), warning('b', 1, null)],
      ['gross-violations', 'unacknowledged-warnings'],
    ],
  ];

  it.each(rows)('%s', (_name, flags, warnings, grounds) => {
    const result = assessViolations({ flags, warnings, now }, policy);
    expect(result.grounds).toEqual(grounds);
    expect(result.proposeTermination).toBe(grounds.length > 0);
  });

  it('follows the exam’s own policy numbers', () => {
    const strict = { ...policy, grossViolationsToProposeTermination: 1 };
    expect(
      assessViolations({ flags: [flag('speech', 'gross')], warnings: [], now }, strict),
    ).toEqual({
      grossViolations: 1,
      unacknowledgedWarnings: 0,
      proposeTermination: true,
      grounds: ['gross-violations'],
    });
  });
});

describe('proposeWarnings', () => {
  it('proposes one warning per category of unanswered gross flags', () => {
    const flags = [
      flag('third_person', 'gross', 10),
      flag('third_person', 'gross', 50),
      flag('speech', 'minor', 20),
    ];
    expect(proposeWarnings(flags, [])).toEqual([
      { category: 'third_person', flagStartAt: T0 + 10_000, templateKey: 'warning.third_person' },
    ]);
  });

  it('proposes nothing for a flag already answered by a warning of its category', () => {
    const flags = [flag('phone_call', 'gross', 10)];
    expect(proposeWarnings(flags, [warning('w', 12, null, 'phone_call')])).toEqual([]);
    expect(proposeWarnings(flags, [warning('w', 5, null, 'phone_call')])).toHaveLength(1);
    expect(proposeWarnings(flags, [warning('w', 12, null, 'speech')])).toHaveLength(1);
  });
});
