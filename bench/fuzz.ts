// `npm run fuzz [-- --requests 3000 --seed 1 --db sqlite|postgres --json]`: requests and socket
// messages generated from the protocol's zod schemas, sent as every demo role to a real server,
// the invariants checked after every batch (ADR 0020). Writes bench/results/fuzz.json; exits 1 on
// any 5xx or broken invariant, naming the seed that replays it.
import { arg, writeResult } from './common.ts';
import { runFuzz } from './fuzz-run.ts';

const json = process.argv.includes('--json');
const result = await runFuzz({
  requests: Number(arg('requests', '3000')),
  seed: Number(arg('seed', String(Date.now() % 1_000_000))),
  db: arg('db', 'sqlite') === 'postgres' ? 'postgres' : 'sqlite',
  log: json ? () => {} : (l) => console.error(l),
});
if (json) console.log(JSON.stringify(result));
else writeResult('fuzz', result);
if (json) writeResult('fuzz', result);
if (result.fiveXx > 0 || result.invariantBreaks > 0) {
  console.error(`FAILED: replay with ${result.replay}`);
  process.exitCode = 1;
}
