import { describe, expect, it } from 'vitest';
import { evaluateSignals, severityFor } from './flag.rules.ts';
import { defaultFlagThresholds } from './flag.thresholds.ts';
import { sec, setUp, visibility } from './signal.fixtures.ts';

describe('evaluateSignals details', () => {
  it('gives a flag its start, end, duration and causing signals', () => {
    const signals = [
      ...setUp(),
      ...visibility([
        [10, false],
        [30, true],
      ]),
    ];
    const [flag] = evaluateSignals(signals);
    expect(flag).toMatchObject({
      startAt: sec(10),
      endAt: sec(30),
      durationMs: 20_000,
      ongoing: false,
    });
    expect(flag!.signalIndexes.map((i) => signals[i]!.kind)).toEqual(['visibility']);
  });

  it('reports a condition still holding at now as an ongoing flag ending at now', () => {
    const signals = [...setUp(), ...visibility([[10, false]])];
    const [flag] = evaluateSignals(signals, defaultFlagThresholds, { now: sec(40) });
    expect(flag).toMatchObject({
      category: 'tab_switch',
      severity: 'gross',
      ongoing: true,
      endAt: sec(40),
    });
  });

  it('reads signals in time order, with indexes into the array as given', () => {
    const signals = [...visibility([[30, true]]), ...setUp(), ...visibility([[10, false]])];
    const [flag] = evaluateSignals(signals);
    expect(flag).toMatchObject({ category: 'tab_switch', startAt: sec(10), endAt: sec(30) });
    expect(signals[flag!.signalIndexes[0]!]).toEqual(visibility([[10, false]])[0]);
  });

  it('gives no flags for no signals', () => {
    expect(evaluateSignals([])).toEqual([]);
  });

  it('sorts flags by start time', () => {
    const signals = [
      ...setUp(),
      ...visibility([
        [30, false],
        [31, true],
      ]),
      { kind: 'clipboard' as const, at: sec(5), action: 'paste' as const },
    ];
    expect(evaluateSignals(signals).map((f) => f.category)).toEqual(['copy_paste', 'tab_switch']);
  });
});

describe('severityFor', () => {
  const rule = { enabled: true, minorAfterMs: 1000, grossAfterMs: 15_000, mergeGapMs: 0 };
  it.each([
    [999, null],
    [1000, 'minor'],
    [14_999, 'minor'],
    [15_000, 'gross'],
  ] as const)('classes %i ms as %s', (ms, severity) => {
    expect(severityFor(ms, rule)).toBe(severity);
  });

  it('never gives a severity whose threshold is null', () => {
    expect(severityFor(1e9, { ...rule, grossAfterMs: null })).toBe('minor');
    expect(severityFor(0, { ...rule, minorAfterMs: null, grossAfterMs: 0 })).toBe('gross');
  });
});
