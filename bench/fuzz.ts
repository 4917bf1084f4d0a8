// `npm run fuzz [-- --requests 3000 --seed 1 --db sqlite|postgres --json --max-seconds S]`: requests and socket
// messages generated from the protocol's zod schemas, sent as every demo role to a real server,
// the invariants checked after every batch (ADR 0020). Writes bench/results/fuzz.json (fuzz-postgres.json); exits 1 on
// any 5xx or broken invariant, naming the seed that replays it.
import fs from 'node:fs';
import path from 'node:path';
import { arg, writeResult } from './common.ts';
import { runFuzz } from './fuzz-run.ts';

const json = process.argv.includes('--json');
const result = await runFuzz({
  requests: Number(arg('requests', '3000')),
  seed: Number(arg('seed', String(Date.now() % 1_000_000))),
  db: arg('db', 'sqlite') === 'postgres' ? 'postgres' : 'sqlite',
  log: json ? () => {} : (l) => console.error(l),
  ...(process.argv.includes('--max-seconds')
    ? { maxSeconds: Number(arg('max-seconds', '0')) }
    : {}),
});
// PostgreSQL's figures beside SQLite's.
const name = result.db === 'postgres' ? 'fuzz-postgres' : 'fuzz';
if (json) {
  console.log(JSON.stringify(result));
  fs.writeFileSync(
    path.join(import.meta.dirname, 'results', `${name}.json`),
    JSON.stringify(result, null, 2) + '\n',
  );
} else writeResult(name, result);
if (result.fiveXx > 0 || result.invariantBreaks > 0) {
  console.error(`FAILED: replay with ${result.replay}`);
  process.exitCode = 1;
}
