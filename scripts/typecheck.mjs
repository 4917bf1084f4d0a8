// `npm run typecheck`: `tsc -p` for every project, two at a time (one per core), each project's
// output printed whole when it ends. Exits non-zero when any project has errors.
import { spawn } from 'node:child_process';
import os from 'node:os';

// The largest first, so that the two lanes end at about the same time.
const PROJECTS = [
  'apps/server',
  'apps/web',
  'apps/web/e2e',
  'bench',
  'packages/protocol',
  'packages/detection',
  'packages/domain',
];
const LANES = Math.max(1, Math.min(2, os.availableParallelism()));

function check(project) {
  return new Promise((resolve) => {
    const started = Date.now();
    const tsc = spawn('npx', ['tsc', '-p', project], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    tsc.stdout.on('data', (chunk) => (output += chunk));
    tsc.stderr.on('data', (chunk) => (output += chunk));
    tsc.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`tsc -p ${project}: ${code === 0 ? 'ok' : 'errors'} (${seconds} s)`);
      if (output) console.log(output.trimEnd());
      resolve(code === 0);
    });
  });
}

const queue = [...PROJECTS];
const lanes = Array.from({ length: LANES }, async () => {
  let ok = true;
  for (let project = queue.shift(); project; project = queue.shift()) {
    ok = (await check(project)) && ok;
  }
  return ok;
});
const results = await Promise.all(lanes);
process.exitCode = results.every(Boolean) ? 0 : 1;
