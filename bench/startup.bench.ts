// `npm run bench:startup [-- --n 7]`: how long the server takes to start and how much memory it
// holds once started, as `npm start` composes it (under tsx, on SQLite, no demo data): N starts,
// each on a new data folder (so the migrations run), one at a time. For each: milliseconds from
// the fork to listening, CPU seconds spent by then, the JavaScript heap after a full GC and the
// resident memory; the medians are the figures. Writes bench/results/startup.json and prints it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChild } from './child.ts';
import { arg, load1m, median, round, writeResult } from './common.ts';

const N = Number(arg('n', '7'));

interface Stats {
  type: string;
  cpu: NodeJS.CpuUsage;
  rss: number;
  heapUsed: number;
}

async function once() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-bench-startup-'));
  const t0 = performance.now();
  const { child } = await startChild('realtime-server.ts', {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO: 'false',
    LOG_LEVEL: 'error',
  });
  const readyMs = performance.now() - t0;
  try {
    const stats = await new Promise<Stats>((resolve) => {
      child.on('message', (m: Stats) => m.type === 'stats' && resolve(m));
      child.send('gc-stats');
    });
    return {
      readyMs: Math.round(readyMs),
      cpuSeconds: round((stats.cpu.user + stats.cpu.system) / 1e6, 2),
      heapMB: round(stats.heapUsed / 1e6),
      rssMB: round(stats.rss / 1e6),
    };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.send('stop');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const loadAtStart = load1m();
const runs = [];
for (let i = 0; i < N; i++) {
  const r = await once();
  console.log(JSON.stringify(r));
  runs.push(r);
}
const result = {
  benchmark: 'startup',
  at: new Date().toISOString(),
  command: `npm run bench:startup -- ${process.argv.slice(2).join(' ')}`.trim(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', node: process.version },
  loadAverage1m: { atStart: loadAtStart, atEnd: load1m() },
  note: 'The server as `npm start` composes it (tsx, SQLite, a new data folder: migrations run; DEMO=false), started by `bench/realtime-server.ts`. readyMs: fork to listening, tsx included; heapMB: the V8 heap in use after a full GC; rssMB: resident memory then.',
  median: {
    readyMs: median(runs.map((r) => r.readyMs)),
    cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    heapMB: median(runs.map((r) => r.heapMB)),
    rssMB: median(runs.map((r) => r.rssMB)),
  },
  runs,
};
writeResult('startup', result);
