import { describe, expect, it } from 'vitest';
import {
  limits,
  MemoryCounters,
  RateLimiter,
  scaledLimit,
  type CounterStore,
} from './rate-limits.ts';

describe('the rate limiter', () => {
  it('counts a window per account and per address, and says when the window ends', async () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(new MemoryCounters(() => now), 1);
    const { perAccount } = limits.pairing;
    for (let i = 0; i < perAccount; i++) {
      expect(
        await limiter.check(limits.pairing, { account: 'code-1', address: `10.0.0.${i}` }),
      ).toBe(null);
    }
    now += 15_000;
    const refused = await limiter.check(limits.pairing, { account: 'code-1', address: '10.0.1.1' });
    expect(refused).toMatchObject({ per: 'account', max: perAccount, retryAfterMs: 45_000 });
    // Another account from the same address is not refused; the window ends, the count starts again.
    expect(await limiter.check(limits.pairing, { account: 'code-2', address: '10.0.1.1' })).toBe(
      null,
    );
    now += 45_000;
    expect(await limiter.check(limits.pairing, { account: 'code-1', address: '10.0.1.2' })).toBe(
      null,
    );
  });

  it('counts an address alone when the caller is unknown', async () => {
    const limiter = new RateLimiter(new MemoryCounters(), 1);
    const { perAddress } = limits.pairing;
    for (let i = 0; i < perAddress; i++) {
      expect(await limiter.check(limits.pairing, { address: '10.9.9.9' })).toBe(null);
    }
    expect(await limiter.check(limits.pairing, { address: '10.9.9.9' })).toMatchObject({
      per: 'address',
      max: perAddress,
    });
  });

  it('scales every preset by RATE_LIMIT_FACTOR, never below one, and 0 turns it off', async () => {
    expect(scaledLimit(240, 0.01)).toBe(2);
    expect(scaledLimit(10, 0.001)).toBe(1);
    expect(scaledLimit(10, 5)).toBe(50);
    const off = new RateLimiter(new MemoryCounters(), 0);
    for (let i = 0; i < 100; i++) {
      expect(await off.check(limits.pairing, { account: 'a', address: 'b' })).toBe(null);
    }
  });

  it('lets requests through when its counters cannot be reached, and reports it', async () => {
    const broken: CounterStore = {
      hit: () => Promise.reject(new Error('redis down')),
      close: async () => {},
    };
    const errors: unknown[] = [];
    const limiter = new RateLimiter(broken, 1, (err) => errors.push(err));
    expect(await limiter.check(limits.login, { account: 'x', address: 'y' })).toBe(null);
    expect(errors).toHaveLength(1);
  });
});
