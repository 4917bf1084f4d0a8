// Rate limits per account and per client address (ADR 0022). Fixed windows counted in a store
// every node shares when Redis is configured (one process's memory otherwise: the single-node
// demo). A limit is a preset from `limits`; HTTP routes name one (`route(..., { limit })`), the
// socket counts every message, and a handler may count by hand (`limiter.check`).

export interface Limit {
  /** Named in keys and logs. */
  name: string;
  windowMs: number;
  /** Allowed per window for one account (a login name for login); 0: not counted per account. */
  perAccount: number;
  /** Allowed per window from one client address (a campus NAT holds a whole class). */
  perAddress: number;
}

const MINUTE = 60_000;

/**
 * The presets, before `RATE_LIMIT_FACTOR`. Sized from what a real exam sends (ADR 0022): the
 * recorder's two tracks in 60-second segments, snapshots of two tracks every `snapshotSeconds`
 * (5 s at the least), signal batches at most every 300 ms, and a backlog after a lost network.
 */
export const limits = {
  /** Log in: `LOGIN_RATE_LIMIT` per login name (replaced at start-up), a lecture hall per address. */
  login: { name: 'login', windowMs: MINUTE, perAccount: 10, perAddress: 300 },
  /** Evidence segments and snapshots: worst real cadence 26 a minute per student. */
  evidence: { name: 'evidence', windowMs: MINUTE, perAccount: 240, perAddress: 20_000 },
  /** Attachments, ID/face/room photos, task files, the oral ID snapshot, the speed test. */
  files: { name: 'files', windowMs: MINUTE, perAccount: 60, perAddress: 3_000 },
  /** Socket messages (both events): signal batches, watching, live-video signalling. */
  socket: { name: 'socket', windowMs: MINUTE, perAccount: 1_200, perAddress: 60_000 },
  /**
   * Pairing a phone with a sitting (routes still to come: `route('pair…', h, { limit:
   * limits.pairing })`). A code is short, so guessing is slowed hard; a class pairs once.
   */
  pairing: { name: 'pairing', windowMs: MINUTE, perAccount: 10, perAddress: 60 },
} as const satisfies Record<string, Limit>;

/** A fixed-window counter: the count after this hit and the time left in its window. */
export interface CounterStore {
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  close(): Promise<void>;
}

export class MemoryCounters implements CounterStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private hits = 0;
  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowMs: number) {
    const now = this.now();
    if (++this.hits % 1000 === 0) this.sweep(now);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return { count: w.count, resetInMs: w.resetAt - now };
  }

  private sweep(now: number) {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }

  async close() {}
}

/** INCR, the window's expiry set by the first hit, and the time left: one round trip. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

/** Counters in Redis, shared by every node (the client is loaded only when configured). */
export async function redisCounters(url: string, prefix: string): Promise<CounterStore> {
  const { createClient } = await import('redis');
  const client = createClient({ url });
  await client.connect();
  return {
    async hit(key, windowMs) {
      const [count, ttl] = (await client.eval(HIT_SCRIPT, {
        keys: [`${prefix}rl:${key}`],
        arguments: [String(windowMs)],
      })) as [number, number];
      return { count, resetInMs: ttl };
    },
    async close() {
      await client.quit().catch(() => {});
    },
  };
}

export interface Exceeded {
  limit: Limit;
  per: 'account' | 'address';
  max: number;
  retryAfterMs: number;
}

export class RateLimiter {
  constructor(
    private readonly store: CounterStore,
    /** `RATE_LIMIT_FACTOR`: multiplies every limit; 0 turns limiting off. */
    private readonly factor: number,
    private readonly onStoreError: (err: unknown) => void = () => {},
  ) {}

  get enabled(): boolean {
    return this.factor > 0;
  }

  /**
   * Counts one request of `account` (when known) from `address` against `limit`; the first
   * limit exceeded, or null. A store that fails lets the request through (an exam goes on
   * without its limiter rather than stopping), and says so in the log.
   */
  async check(
    limit: Limit,
    who: { account?: string | undefined; address: string },
  ): Promise<Exceeded | null> {
    if (!this.enabled) return null;
    const counts: [Exceeded['per'], string, number][] = [
      ['address', who.address, limit.perAddress],
    ];
    if (who.account !== undefined && limit.perAccount > 0)
      counts.unshift(['account', who.account, limit.perAccount]);
    try {
      const hits = await Promise.all(
        counts.map(([per, id]) => this.store.hit(`${limit.name}:${per}:${id}`, limit.windowMs)),
      );
      for (let i = 0; i < counts.length; i++) {
        const [per, , base] = counts[i]!;
        const max = scaledLimit(base, this.factor);
        if (hits[i]!.count > max) {
          return { limit, per, max, retryAfterMs: Math.max(0, hits[i]!.resetInMs) };
        }
      }
      return null;
    } catch (err) {
      this.onStoreError(err);
      return null;
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** A preset's number under `RATE_LIMIT_FACTOR` (never below 1 while limiting is on). */
export const scaledLimit = (base: number, factor: number): number =>
  Math.max(1, Math.round(base * factor));

/** The refusal's words, for logs and clients that show the message as it is. */
export function exceededMessage(e: Exceeded): string {
  const seconds = Math.ceil(e.retryAfterMs / 1000);
  return `Too many requests (${e.max} per ${e.limit.windowMs / 1000} s per ${e.per}); try again in ${seconds} s`;
}
