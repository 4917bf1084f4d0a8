import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { IntegrityInput } from './integrity.score.ts';
import { flagCategories } from '../signals/flag.types.ts';
import { integrityBand, integrityScore } from './integrity.score.ts';
import { T0, flag, incident, warning } from './policy.fixtures.ts';

const base: IntegrityInput = {
  flags: [],
  warnings: [],
  incidents: [],
  now: T0 + 3_600_000,
  warningAckLimitSeconds: 60,
};

describe('integrityScore', () => {
  it.each([
    ['a clean session scores 100', base, 100],
    ['a gross flag costs 15', { ...base, flags: [flag('third_person', 'gross')] }, 85],
    ['a minor flag costs 2', { ...base, flags: [flag('looking_away', 'minor')] }, 98],
    [
      'minor flags of one category cost at most 10',
      { ...base, flags: Array.from({ length: 12 }, () => flag('looking_away', 'minor')) },
      90,
    ],
    ['an acknowledged warning costs 5', { ...base, warnings: [warning('w', 0, 10)] }, 95],
    ['an ignored warning costs 10', { ...base, warnings: [warning('w', 0, null)] }, 90],
    [
      'a technical incident the student reported costs 2',
      { ...base, incidents: [incident('student')] },
      98,
    ],
    ['a proctor’s own pause costs nothing', { ...base, incidents: [incident('proctor')] }, 100],
    [
      'incidents cost at most 10',
      { ...base, incidents: Array.from({ length: 9 }, () => incident('system')) },
      90,
    ],
    [
      'the score never goes below 0',
      { ...base, flags: Array.from({ length: 10 }, () => flag('phone_call', 'gross')) },
      0,
    ],
  ])('%s', (_name, input, score) => {
    expect(integrityScore(input).score).toBe(score);
  });

  it('explains each contribution, largest first', () => {
    const report = integrityScore({
      ...base,
      flags: [
        flag('third_person', 'gross'),
        flag('tab_switch', 'minor'),
        flag('tab_switch', 'minor'),
      ],
      warnings: [warning('w', 0, null)],
    });
    expect(report.contributions).toEqual([
      { source: 'flags', category: 'third_person', severity: 'gross', count: 1, points: 15 },
      { source: 'warnings', count: 1, points: 5 },
      { source: 'unacknowledged-warnings', count: 1, points: 5 },
      { source: 'flags', category: 'tab_switch', severity: 'minor', count: 2, points: 4 },
    ]);
    expect(report).toMatchObject({ score: 71, band: 'medium' });
  });

  it.each([
    [100, 'high'],
    [80, 'high'],
    [79, 'medium'],
    [50, 'medium'],
    [49, 'low'],
  ] as const)('bands a score of %i as %s', (score, band) => {
    expect(integrityBand(score)).toBe(band);
  });

  it('stays within 0..100, adds up, and never rises with one more flag', () => {
    const flagArb = fc.tuple(
      fc.constantFrom(...flagCategories),
      fc.constantFrom('minor' as const, 'gross' as const),
    );
    fc.assert(
      fc.property(fc.array(flagArb, { maxLength: 30 }), flagArb, (pairs, extra) => {
        const flags = pairs.map(([c, s]) => flag(c, s));
        const report = integrityScore({ ...base, flags });
        const points = report.contributions.reduce((sum, c) => sum + c.points, 0);
        expect(report.score).toBeGreaterThanOrEqual(0);
        expect(report.score).toBeLessThanOrEqual(100);
        expect(report.score).toBe(Math.max(0, 100 - points));
        const more = integrityScore({ ...base, flags: [...flags, flag(extra[0], extra[1])] });
        expect(more.score).toBeLessThanOrEqual(report.score);
      }),
    );
  });
});
