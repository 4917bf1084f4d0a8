import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SeqRanges } from './seq-ranges.ts';

describe('SeqRanges', () => {
  it('holds a three-hour sitting’s batches, sent in order, as one range', () => {
    const seqs = new SeqRanges();
    for (let seq = 0; seq < 5_400; seq++) seqs.add(seq);
    expect(seqs.rangeCount).toBe(1);
    expect(seqs.has(0) && seqs.has(2_700) && seqs.has(5_399)).toBe(true);
    expect(seqs.has(5_400)).toBe(false);
    expect(seqs.max).toBe(5_399);
  });

  it('keeps a missing batch missing, and closes the gap when it comes', () => {
    const seqs = new SeqRanges([0, 1, 2, 4, 5]);
    expect(seqs.has(3)).toBe(false);
    expect(seqs.rangeCount).toBe(2);
    seqs.add(3);
    expect(seqs.has(3)).toBe(true);
    expect(seqs.rangeCount).toBe(1);
    expect(new SeqRanges().max).toBe(-1);
  });

  it('answers as a set of the same numbers would, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 80 }),
        fc.array(fc.integer({ min: -2, max: 62 }), { maxLength: 40 }),
        (added, asked) => {
          const seqs = new SeqRanges(added);
          const set = new Set(added);
          // As stored (plain JSON ranges) and read back, too.
          const again = SeqRanges.fromRanges(JSON.parse(JSON.stringify(seqs.ranges())));
          for (const seq of [...added, ...asked]) {
            expect(seqs.has(seq)).toBe(set.has(seq));
            expect(again.has(seq)).toBe(set.has(seq));
          }
          expect(seqs.max).toBe(added.length ? Math.max(...added) : -1);
        },
      ),
    );
  });
});
