/**
 * mulberry32: a tiny seeded PRNG with a 32-bit state. Not for secrets: for draws that must be
 * reproducible from a seed the audit log records. The state is a plain number, so it can be
 * stored as JSON between draws.
 */
export interface PrngStep {
  /** Uniform in [0, 1). */
  value: number;
  state: number;
}

export const normalizeSeed = (seed: number): number => (Number.isFinite(seed) ? seed >>> 0 : 0);

export function nextRandom(state: number): PrngStep {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, state: next };
}
