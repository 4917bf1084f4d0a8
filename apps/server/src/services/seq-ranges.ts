/**
 * The batch numbers of a sitting stored so far, as ranges. A page numbers its batches from 0 and
 * sends them in order, so a sitting of hours is one range: a node serving 10,000 sittings for 3 h
 * (5,400 batches each) keeps 10,000 ranges, not 54 million numbers in sets. A number missing in
 * the middle (a batch another node never got) stays missing, so its resend is not taken for a
 * duplicate.
 */
export class SeqRanges {
  /** Sorted, disjoint and not touching: range i is starts[i]..ends[i], both included. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(seqs: Iterable<number> = []) {
    for (const seq of seqs) this.add(seq);
  }

  has(seq: number): boolean {
    const i = this.lastStartingBy(seq);
    return i >= 0 && seq <= this.ends[i]!;
  }

  add(seq: number): void {
    const i = this.lastStartingBy(seq);
    if (i >= 0 && seq <= this.ends[i]!) return;
    const joinsLeft = i >= 0 && this.ends[i] === seq - 1;
    const joinsRight = i + 1 < this.starts.length && this.starts[i + 1] === seq + 1;
    if (joinsLeft && joinsRight) {
      this.ends[i] = this.ends[i + 1]!;
      this.starts.splice(i + 1, 1);
      this.ends.splice(i + 1, 1);
    } else if (joinsLeft) {
      this.ends[i] = seq;
    } else if (joinsRight) {
      this.starts[i + 1] = seq;
    } else {
      this.starts.splice(i + 1, 0, seq);
      this.ends.splice(i + 1, 0, seq);
    }
  }

  /** The highest number held, or -1 for none. */
  get max(): number {
    return this.ends.at(-1) ?? -1;
  }

  /** The ranges, `[first, last]` each, in order (plain JSON). */
  ranges(): [number, number][] {
    return this.starts.map((start, i) => [start, this.ends[i]!]);
  }

  /** The numbers of `ranges()`. */
  static fromRanges(ranges: readonly (readonly [number, number])[]): SeqRanges {
    const seqs = new SeqRanges();
    for (const [first, last] of ranges) for (let seq = first; seq <= last; seq++) seqs.add(seq);
    return seqs;
  }

  /** How many ranges the numbers make. */
  get rangeCount(): number {
    return this.starts.length;
  }

  /** The index of the last range that starts at or before `seq`, or -1. */
  private lastStartingBy(seq: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
