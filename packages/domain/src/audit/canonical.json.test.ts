import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonical.json.ts';
import { DomainError } from '../common/result.types.ts';

describe('canonicalJson', () => {
  it.each([
    [
      'sorts keys at every depth',
      { b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } },
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    ],
    ['writes no whitespace', { a: [1, 2], b: 'x y' }, '{"a":[1,2],"b":"x y"}'],
    ['leaves out undefined members', { a: undefined, b: true }, '{"b":true}'],
    ['escapes strings as JSON does', { q: 'he said "сәлем"\n' }, '{"q":"he said \\"сәлем\\"\\n"}'],
    ['keeps array order', [3, 1, 2], '[3,1,2]'],
    ['writes scalars', 'text', '"text"'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('throws a stable error code for a number JSON cannot hold', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(DomainError);
    try {
      canonicalJson(Number.POSITIVE_INFINITY);
    } catch (error) {
      expect((error as DomainError).code).toBe('canonical-json-non-finite');
    }
  });

  it('gives the same text whatever the key order, and parses back to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value as never);
        const reparsed = JSON.parse(text) as unknown;
        expect(canonicalJson(reparsed as never)).toBe(text);
        const reversed = JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        ) as unknown;
        expect(canonicalJson(reversed as never)).toBe(text);
      }),
    );
  });
});
