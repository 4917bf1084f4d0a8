// CI's fuzzing budget (ADR 0020): 3,000 generated requests and socket messages against a real
// server as every demo role, with the invariants checked after every batch. A failure names the
// seed; `npm run fuzz -- --requests 3000 --seed <seed>` replays it.
import { expect, it } from 'vitest';
import { runFuzz } from './fuzz-run.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261208);

it('3,000 fuzzed requests: no 5xx, no broken invariant, and most reach the services', async () => {
  const r = await runFuzz({ requests: 3000, seed: SEED, db: 'sqlite', log: () => {} });
  expect(r.failures, `replay: ${r.replay}`).toEqual([]);
  expect(r.fiveXx).toBe(0);
  expect(r.invariantBreaks).toBe(0);
  expect(r.requests).toBe(3000);
  // Valid-shaped input with real ids gets through validation and authorization often enough for
  // the services to be exercised, not only the validators.
  expect(r.accepted).toBeGreaterThan(300);
}, 300_000);
