import { describe, expect, it } from 'vitest';
import { chooseProctor } from './proctor-choice.rules.ts';

const load = (o: Record<string, number>) => new Map(Object.entries(o));

describe('which proctor a new sitting goes to', () => {
  it('is the least busy proctor of the course when the exam names none', () => {
    expect(
      chooseProctor({
        courseProctors: ['b', 'a'],
        named: [],
        maxEach: null,
        load: load({ a: 2, b: 1 }),
      }),
    ).toBe('b');
  });

  it('is a named proctor, even when an unnamed one is idle', () => {
    expect(
      chooseProctor({
        courseProctors: ['a', 'b', 'c'],
        named: ['c'],
        maxEach: null,
        load: load({ c: 9 }),
      }),
    ).toBe('c');
  });

  it('spills over to the course’s other proctors once every named one is full', () => {
    const input = { courseProctors: ['a', 'b', 'c'], named: ['a', 'b'], maxEach: 2 };
    expect(chooseProctor({ ...input, load: load({ a: 2, b: 1 }) })).toBe('b');
    expect(chooseProctor({ ...input, load: load({ a: 2, b: 2 }) })).toBe('c');
    expect(chooseProctor({ ...input, load: load({ a: 3, b: 2, c: 2 }) })).toBe('b');
  });

  it('is nobody when the course has no proctor, and ignores a named stranger', () => {
    expect(
      chooseProctor({ courseProctors: [], named: ['x'], maxEach: 1, load: load({}) }),
    ).toBeNull();
    expect(
      chooseProctor({ courseProctors: ['a'], named: ['x'], maxEach: null, load: load({}) }),
    ).toBe('a');
  });
});
