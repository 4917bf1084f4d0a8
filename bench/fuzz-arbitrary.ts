// fast-check arbitraries from zod 4 schemas (ADR 0020), for the fuzzer. zod-fast-check knows only
// zod 3 (and fast-check < 4), so this walks the schema's own definition (`_zod.def`): strings
// within their lengths and formats, numbers within their bounds, objects with their keys, unions
// by their options. `boundary` values sit on the edges (the longest string, the largest number,
// empty arrays, unicode and NUL bytes); `mutate` turns a value into an invalid one.
import fc from 'fast-check';
import type { z } from 'zod';

export type Mode = 'valid' | 'boundary';

interface Check {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number | bigint;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

type Def = Record<string, unknown> & { type: string; checks?: { _zod: { def: Check } }[] };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (d: Def): Check[] => (d.checks ?? []).map((c) => c._zod.def);

/** Valid strings are kept short (fast requests); the boundary mode reaches the maximum. */
const SHORT = 24;

/** Unicode that trips naive code: NUL, RTL marks, astral emoji, combining marks, Kazakh. */
const NASTY = ['\u0000', '\u202e', '😀', 'e\u0301', 'Қазақ', '\ud800', '<script>', "'; --", '%00'];

function stringArb(d: Def, mode: Mode): fc.Arbitrary<string> {
  const checks = checksOf(d);
  let min = 0;
  let max = Infinity;
  let format = typeof d.format === 'string' ? d.format : undefined;
  let pattern = d.pattern instanceof RegExp ? d.pattern : undefined;
  for (const c of checks) {
    if (c.check === 'min_length') min = Math.max(min, c.minimum!);
    if (c.check === 'max_length') max = Math.min(max, c.maximum!);
    if (c.check === 'length_equals') min = max = c.length!;
    if (c.check === 'string_format') {
      format = c.format;
      pattern = c.pattern;
    }
  }
  if (format === 'uuid' || format === 'guid') return fc.uuid();
  if (format === 'email')
    return fc
      .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/), fc.constantFrom('example.edu', 'uni.kz'))
      .map(([a, b]) => `${a}@${b}`);
  if (format === 'datetime')
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
      .map((x) => x.toISOString());
  if (format === 'date')
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
      .map((x) => x.toISOString().slice(0, 10));
  if (format === 'url') return fc.webUrl();
  if (pattern) {
    const re = new RegExp(pattern.source, pattern.flags.replace('g', ''));
    // Lengths by repetition and cutting: right for the character-class patterns the protocol uses.
    return fc.stringMatching(re).map((x) => {
      let y = x;
      while (y.length < min && x.length > 0) y += x;
      return y.slice(0, max);
    });
  }
  const hi = Math.min(max, min + SHORT);
  const plain = fc.string({ minLength: min, maxLength: hi });
  if (mode === 'valid')
    return fc.oneof(
      { weight: 4, arbitrary: plain },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: hi }) },
    );
  const edges: fc.Arbitrary<string>[] = [
    fc.constant('x'.repeat(min)),
    fc.constant('y'.repeat(Number.isFinite(max) ? max : 70_000)),
    fc
      .constantFrom(...NASTY)
      .map((s) => (s.length > max ? s.slice(0, max) : s.padEnd(min, s || 'x'))),
    fc.string({ unit: 'binary', minLength: min, maxLength: hi }),
    fc.constant(' '.repeat(Math.max(min, 1))),
  ];
  if (Number.isFinite(max)) edges.push(fc.constant('\u0000'.repeat(max)));
  return fc.oneof(...edges);
}

function numberArb(d: Def, mode: Mode): fc.Arbitrary<number> {
  const checks = checksOf(d);
  let min = -1e9;
  let max = 1e9;
  let int = false;
  for (const c of checks) {
    if (c.check === 'greater_than')
      min = Math.max(min, Number(c.value) + (c.inclusive ? 0 : int ? 1 : 1e-9));
    if (c.check === 'less_than')
      max = Math.min(max, Number(c.value) - (c.inclusive ? 0 : int ? 1 : 1e-9));
    if (c.check === 'number_format' && c.format && /int/.test(c.format)) int = true;
  }
  // `int` checks may come before the bounds: round them again.
  if (int) {
    min = Math.ceil(min);
    max = Math.floor(max);
  }
  if (min > max) return fc.constant(min);
  const inner = int
    ? fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, 2 ** 31) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  if (mode === 'valid') return inner;
  const edges = [min, max, 0, -0, 1, -1, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5, 2 ** 31];
  return fc.constantFrom(
    ...edges.filter((x) => x >= min && x <= max && (!int || Number.isInteger(x))),
  );
}

/** An arbitrary of values the schema should accept (as far as its refinements allow). */
export function arbitraryOf(
  schema: z.ZodType,
  mode: Mode = 'valid',
  depth = 0,
): fc.Arbitrary<unknown> {
  const d = defOf(schema);
  const sub = (s: unknown) => arbitraryOf(s as z.ZodType, mode, depth + 1);
  switch (d.type) {
    case 'string':
      return stringArb(d, mode);
    case 'number':
      return numberArb(d, mode);
    case 'int':
      return numberArb(d, mode);
    case 'bigint':
      return fc.bigInt();
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'date':
      return fc.date();
    case 'literal':
      return fc.constantFrom(...(d.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries as Record<string, unknown>));
    case 'optional':
      return fc.option(sub(d.innerType), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(sub(d.innerType), { nil: null, freq: 4 });
    case 'default':
    case 'prefault':
      return fc.option(sub(d.innerType), { nil: undefined, freq: 3 });
    case 'nonoptional':
    case 'readonly':
    case 'catch':
    case 'success':
      return sub(d.innerType);
    case 'pipe':
      // The input side is what a client sends (`in` of a transform or a coercion).
      return defOf(d.in as z.ZodType).type === 'transform' ? sub(d.out) : sub(d.in);
    case 'transform':
      return fc.anything();
    case 'lazy':
      return depth > 6 ? fc.constant(null) : sub((d.getter as () => unknown)());
    case 'array': {
      const checks = checksOf(d);
      let min = 0;
      let max = 4;
      for (const c of checks) {
        if (c.check === 'min_length') min = c.minimum!;
        if (c.check === 'max_length') max = Math.min(c.maximum!, mode === 'valid' ? 4 : 50);
        if (c.check === 'length_equals') min = max = c.length!;
      }
      if (max < min) max = min;
      if (depth > 6) max = min;
      return fc
        .array(sub(d.element), { minLength: min, maxLength: Math.min(max, min + 4) })
        .chain((xs) =>
          mode === 'boundary' && xs.length > 0 && max > min + 4
            ? fc.constant(Array.from({ length: max }, (_, i) => xs[i % xs.length]))
            : fc.constant(xs),
        );
    }
    case 'tuple':
      return fc.tuple(...(d.items as z.ZodType[]).map(sub));
    case 'set':
      return fc.array(sub(d.valueType), { maxLength: 3 }).map((xs) => new Set(xs));
    case 'record': {
      const key = defOf(d.keyType as z.ZodType);
      const keys =
        key.type === 'enum'
          ? fc.subarray(Object.values(key.entries as Record<string, string>))
          : fc.array(sub(d.keyType), { maxLength: 3 });
      return keys.chain((ks) =>
        fc
          .tuple(...(ks as string[]).map(() => sub(d.valueType)))
          .map((vs) => Object.fromEntries((ks as string[]).map((k, i) => [String(k), vs[i]]))),
      );
    }
    case 'object': {
      const shape = d.shape as Record<string, z.ZodType>;
      const entries = Object.entries(shape);
      return fc.tuple(...entries.map(([, s]) => sub(s))).map((vs) => {
        const o: Record<string, unknown> = {};
        entries.forEach(([k], i) => {
          if (vs[i] !== undefined) o[k] = vs[i];
        });
        return o;
      });
    }
    case 'union':
      return fc.oneof(...(d.options as z.ZodType[]).map(sub));
    case 'intersection':
      return fc
        .tuple(sub(d.left), sub(d.right))
        .map(([a, b]) =>
          a && b && typeof a === 'object' && typeof b === 'object' ? { ...a, ...b } : a,
        );
    case 'custom':
    case 'any':
    case 'unknown':
      return fc.oneof(fc.constant({}), fc.jsonValue({ maxDepth: 2 }));
    case 'never':
      return fc.constant(undefined);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value that differs in one place: `r` is a list of random numbers picking where and how. */
export function mutate(value: unknown, r: number[], junk: unknown): unknown {
  const how = r[0]! % 6;
  const clone = structuredClone(value) as unknown;
  // The object or array to change, walking down at random.
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') {
      containers.push(v as Record<string, unknown>);
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(clone);
  if (containers.length === 0 || how === 5) return junk; // the whole value of a wrong type
  const target = containers[r[1]! % containers.length]!;
  const keys = Object.keys(target);
  const key = keys.length ? keys[r[2]! % keys.length]! : undefined;
  if (how === 0 || key === undefined) {
    // An unknown key.
    (target as Record<string, unknown>)[`extra${r[3]! % 3}`] = junk;
  } else if (how === 1 && !Array.isArray(target)) {
    delete target[key];
  } else if (how === 2) {
    (target as Record<string, unknown>)[key] = junk;
  } else if (how === 3) {
    (target as Record<string, unknown>)[key] = null;
  } else {
    const v = (target as Record<string, unknown>)[key];
    (target as Record<string, unknown>)[key] =
      typeof v === 'number' ? String(v) : typeof v === 'string' ? Number(v) || [v] : { v };
  }
  return clone;
}
