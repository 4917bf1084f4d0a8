// The server under test for `npm run bench:realtime`, as its own process (so its CPU and
// memory are its own): started exactly as `npm start` composes it, configured by environment.
// With BENCH_SQL_TIMING=1 every SQLite statement is timed (prepare and run, by statement shape)
// and the totals are sent with the stats: where the database time goes.
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../apps/server/src/config.ts';
import { start } from '../apps/server/src/main.ts';

interface Timing {
  count: number;
  prepareMs: number;
  runMs: number;
  rows: number;
}
const timings = new Map<string, Timing>();

/** Multi-row inserts differ only in their number of rows: one shape for all of them. */
const shape = (sql: string) =>
  sql
    .replace(/\((\?, )*\?\)(, \((\?, )*\?\))+/g, '(…rows)')
    .replace(/\((\?, )+\?\)/g, '(…)')
    .slice(0, 140);

if (process.env.BENCH_SQL_TIMING) {
  const proto = SQLite.prototype as unknown as { prepare(sql: string): SQLite.Statement };
  const prepare = proto.prepare;
  proto.prepare = function (this: unknown, sql: string) {
    const t0 = performance.now();
    const stmt = prepare.call(this, sql);
    const key = shape(sql);
    const t = timings.get(key) ?? { count: 0, prepareMs: 0, runMs: 0, rows: 0 };
    timings.set(key, t);
    t.prepareMs += performance.now() - t0;
    const rows = (sql.match(/\), \(/g)?.length ?? 0) + 1;
    for (const m of ['run', 'all', 'get', 'iterate'] as const) {
      const original = stmt[m] as (...a: unknown[]) => unknown;
      (stmt as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
        const t1 = performance.now();
        try {
          return original.apply(stmt, args);
        } finally {
          t.count++;
          t.rows += rows;
          t.runMs += performance.now() - t1;
        }
      };
    }
    return stmt;
  };
  // A transaction run through better-sqlite3's own helper (the signal group commit): its whole
  // time, BEGIN to COMMIT with the fsync, under one name.
  type Tx = ((...a: unknown[]) => unknown) & Record<Mode, (...a: unknown[]) => unknown>;
  type Mode = 'deferred' | 'immediate' | 'exclusive';
  const txProto = SQLite.prototype as unknown as {
    transaction(fn: (...a: unknown[]) => unknown): Tx;
  };
  const transaction = txProto.transaction;
  const timed =
    (mode: Mode, run: (...a: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      const key = `transaction (${mode}): the whole group commit with its fsync`;
      const t = timings.get(key) ?? { count: 0, prepareMs: 0, runMs: 0, rows: 0 };
      timings.set(key, t);
      const t0 = performance.now();
      try {
        return run(...args);
      } finally {
        t.count++;
        t.rows++;
        t.runMs += performance.now() - t0;
      }
    };
  txProto.transaction = function (this: unknown, fn: (...a: unknown[]) => unknown) {
    const tx = transaction.call(this, fn);
    // Its own properties are read-only: a new function with the same three variants.
    return Object.assign(timed('deferred', tx), {
      deferred: timed('deferred', tx.deferred),
      immediate: timed('immediate', tx.immediate),
      exclusive: timed('exclusive', tx.exclusive),
    });
  };
}

const { app, address } = await start(loadConfig());
// How long the event loop was held up: what every message waits behind.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
process.send?.({ type: 'ready', address });
process.on('message', (m: unknown) => {
  // `gc-stats`: the same, after a full garbage collection (the heap that stays).
  if (m === 'stats' || m === 'gc-stats') {
    if (m === 'gc-stats') fullGc();
    const memory = process.memoryUsage();
    process.send?.({
      type: 'stats',
      cpu: process.cpuUsage(),
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      // Bytes this process made the kernel write to storage (Linux): the log, checkpoints, blobs.
      diskWriteBytes: diskWriteBytes(),
      sql: Object.fromEntries(
        [...timings].map(([k, t]) => [
          k,
          { ...t, prepareMs: Math.round(t.prepareMs), runMs: Math.round(t.runMs) },
        ]),
      ),
      // The histogram holds the sampling interval (10 ms) plus the delay.
      loopMs: {
        p50: Math.max(0, loop.percentile(50) / 1e6 - 10),
        p99: Math.max(0, loop.percentile(99) / 1e6 - 10),
        max: Math.max(0, loop.max / 1e6 - 10),
      },
    });
    loop.reset();
  }
  if (m === 'stop') void app.close().then(() => process.exit(0));
});

function fullGc(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

function diskWriteBytes(): number {
  try {
    const io = fs.readFileSync('/proc/self/io', 'utf8');
    return Number(/^write_bytes: (\d+)$/m.exec(io)?.[1] ?? 0);
  } catch {
    return 0;
  }
}
