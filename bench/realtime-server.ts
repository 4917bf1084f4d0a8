// The server under test for `npm run bench:realtime`, as its own process (so its CPU and
// memory are its own): started exactly as `npm start` composes it, configured by environment.
// With BENCH_SQL_TIMING=1 every SQLite statement is timed (prepare and run, by statement shape)
// and the totals are sent with the stats: where the database time goes.
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
}

const { app, address } = await start(loadConfig());
process.send?.({ type: 'ready', address });
process.on('message', (m: unknown) => {
  if (m === 'stats') {
    process.send?.({
      type: 'stats',
      cpu: process.cpuUsage(),
      rss: process.memoryUsage().rss,
      sql: Object.fromEntries(
        [...timings].map(([k, t]) => [
          k,
          { ...t, prepareMs: Math.round(t.prepareMs), runMs: Math.round(t.runMs) },
        ]),
      ),
    });
  }
  if (m === 'stop') void app.close().then(() => process.exit(0));
});
