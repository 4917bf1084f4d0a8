// `npm run bench:realtime [-- --n 500,2000,5000,10000 --seconds 30 --db sqlite|postgres
//   --mix honest|flags --workers K --relay yes|no|only --nice N]`
// N simulated students, each an authenticated student in a live sitting, send a signal every 2 s,
// a heartbeat every 5 s and a 20 KB snapshot every 10 s; one proctor watches the exam's staff
// room. The students run in K child processes (bench/realtime-students.ts); the real server runs
// as a child process with persistence on (bench/realtime-server.ts), and before it, under the
// same load, a bare Socket.IO relay (bench/realtime-relay.ts) as the baseline.
//
// Load mixes: `honest` (default): every signal is stored and reaches the proctor as the
// sitting's live state; one signal in 50 is a right click, which raises a flag with its audit
// entry (still far more flags than an honest sitting raises). `flags`: every signal raises a
// flag (the worst case for the audit chain and the flags table).
//
// Measured: signal → proctor latency (the live state, and separately the flag, received minus
// the signal's time; one clock), batch → acknowledgement, the heartbeat's round trip, the
// server's CPU (process.cpuUsage), RSS and event-loop delay, its SQL time by statement, the
// generators' CPU, and the durability check: every acknowledged signal is in the database.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { io, type Socket } from 'socket.io-client';
import { openDatabase } from '../apps/server/src/db/database.ts';
import type { StudentsJob, StudentsReport } from './realtime-students.ts';
import { seedWrittenExam, type Seeded as WrittenSeed } from './seed.ts';
import { startChild } from './child.ts';
import { arg, writeResult } from './common.ts';

const SIZES = arg('n', '500,2000,5000,10000').split(',').map(Number);
const SECONDS = Number(arg('seconds', '30'));
const WARMUP_S = 8;
const DB = arg('db', 'sqlite') as 'sqlite' | 'postgres';
const MIX = arg('mix', 'honest') as 'honest' | 'flags';
const FLAG_EVERY = MIX === 'flags' ? 1 : 50;
const RELAY = arg('relay', 'yes') !== 'no';
/** `--relay only`: the baseline alone (to measure the load generator against it). */
const SERVER = arg('relay', 'yes') !== 'only';
/**
 * `--nice N`: the student processes run at this niceness (the server and the proctor at 0), so
 * on a shared machine the kernel gives the server the core when both want it. An experiment,
 * not a measure: a starved generator sends less than its schedule (at 10,000 and nice 10 on a
 * loaded machine, half of it; see signalsPerSecond).
 */
const NICE = Number(arg('nice', '0'));
const workersFor = (n: number) => Number(arg('workers', String(Math.max(1, Math.ceil(n / 5000)))));
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SNAPSHOT_BYTES = 20 * 1024;
const load1 = () => Number(os.loadavg()[0]!.toFixed(1));
const LOAD_AT_START = load1();

interface Seeded extends WrittenSeed {
  /** The real server (not the relay). */
  real: boolean;
}

const seed = async (dataDir: string, n: number, schema?: string): Promise<Seeded> => ({
  ...(await seedWrittenExam(dataDir, n, schema ? { url: PG_URL, schema } : undefined)),
  real: true,
});

type SqlTimings = Record<string, { count: number; prepareMs: number; runMs: number; rows: number }>;
interface ServerStats {
  cpu: NodeJS.CpuUsage;
  rss: number;
  diskWriteBytes: number;
  sql: SqlTimings;
  loopMs: { p50: number; p99: number; max: number };
}
function serverStats(child: ChildProcess): Promise<ServerStats> {
  return new Promise((resolve) => {
    const on = (m: { type: string } & ServerStats) => {
      if (m.type !== 'stats') return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
    child.send('stats');
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const summary = (values: number[]) => {
  const v = [...values].sort((a, b) => a - b);
  return { p50: quantile(v, 0.5), p99: quantile(v, 0.99), max: v.at(-1) ?? null };
};
const round = (x: number, d = 1) => Number(x.toFixed(d));

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    extraHeaders: { cookie: `emtihan_session=${token}` },
    reconnection: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('msg', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the load against a server at `url` (the real one or the relay) and measures. */
async function drive(
  child: ChildProcess,
  url: string,
  seeded: Seeded,
): Promise<{ result: Record<string, unknown>; signalsAcked: number }> {
  const n = seeded.students.length;
  const live: number[] = [];
  const flags: number[] = [];
  const seenLive = new Set<string>();
  const seenFlags = new Set<string>();
  let measureFrom = Infinity;
  let measureTo = Infinity;
  const inWindow = (at: number) => at >= measureFrom && at < measureTo;

  const proctor = await connect(url, seeded.proctorToken);
  await proctor.emitWithAck('msg', { type: 'watch-exam', examId: seeded.examId });
  proctor.on(
    'msg',
    (m: {
      type: string;
      flag?: { sessionId: string; startAt: number };
      states?: { sessionId: string; at: number }[];
    }) => {
      const now = Date.now();
      if (m.type === 'flag' && m.flag && inWindow(m.flag.startAt)) {
        flags.push(now - m.flag.startAt);
        seenFlags.add(`${m.flag.sessionId}:${m.flag.startAt}`);
      }
      if (m.type === 'live-states' && m.states) {
        for (const s of m.states) {
          if (!inWindow(s.at)) continue;
          live.push(now - s.at);
          seenLive.add(`${s.sessionId}:${s.at}`);
        }
      }
    },
  );

  const k = Math.min(workersFor(n), n);
  const per = Math.ceil(n / k);
  const workers = Array.from({ length: k }, () =>
    fork(path.join(import.meta.dirname, 'realtime-students.ts'), [], {
      execArgv: [
        '--import',
        'tsx',
        ...(process.env.BENCH_PROFILE_STUDENTS
          ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE_STUDENTS]
          : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  if (NICE) for (const w of workers) os.setPriority(w.pid!, NICE);
  const reply = (w: ChildProcess, type: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const on = (m: { type: string } & Record<string, unknown>) => {
        if (m.type !== type) return;
        w.off('message', on);
        resolve(m);
      };
      w.on('message', on);
    });
  await Promise.all(
    workers.map((w, i) => {
      const job: StudentsJob = {
        url,
        students: seeded.students.slice(i * per, (i + 1) * per),
        flagEvery: FLAG_EVERY,
        snapshotBytes: SNAPSHOT_BYTES,
      };
      w.send({ type: 'connect', job });
      return reply(w, 'connected');
    }),
  );
  const start = Date.now();
  measureFrom = start + WARMUP_S * 1000;
  measureTo = measureFrom + SECONDS * 1000;
  for (const w of workers) w.send({ type: 'go', measureFrom, measureTo });
  await sleep(measureFrom - Date.now());
  const before = await serverStats(child);
  for (const w of workers) w.send({ type: 'measure' });
  const proctorCpuFrom = process.cpuUsage();
  const loadAtStart = load1();
  await sleep(measureTo - Date.now());
  const after = await serverStats(child);
  for (const w of workers) w.send({ type: 'measured' });
  const proctorCpu = process.cpuUsage(proctorCpuFrom);
  const loadAtEnd = load1();
  const reports = (await Promise.all(
    workers.map((w) => {
      w.send({ type: 'stop' });
      return reply(w, 'report').then((m) => m.report);
    }),
  )) as StudentsReport[];
  // The last live states and flags are sent right after their acknowledgements.
  await sleep(1000);
  proctor.close();

  const expected = reports.flatMap((r) => r.expected);
  const expectedFlags = reports.flatMap((r) => r.expectedFlags);
  const reasons: Record<string, number> = {};
  for (const r of reports)
    for (const [k2, v] of Object.entries(r.reasons)) reasons[k2] = (reasons[k2] ?? 0) + v;
  const cpuSeconds =
    (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1e6;
  const generatorCpu = reports.reduce((a, r) => a + r.cpu.user + r.cpu.system, 0) / 1e6;
  const sqlTime = Object.entries(after.sql)
    .map(([statement, t]) => {
      const b = before.sql[statement] ?? { count: 0, prepareMs: 0, runMs: 0, rows: 0 };
      return {
        statement,
        perSecond: round((t.count - b.count) / SECONDS),
        rowsPerSecond: round((t.rows - b.rows) / SECONDS),
        coreShare: round((t.prepareMs - b.prepareMs + t.runMs - b.runMs) / 1000 / SECONDS, 3),
      };
    })
    .filter((t) => t.perSecond > 0)
    .sort((a, b) => b.coreShare - a.coreShare)
    .slice(0, 8);
  return {
    signalsAcked: reports.reduce((a, r) => a + r.signalsAcked, 0),
    result: {
      loadAverage1m: { atStart: loadAtStart, atEnd: loadAtEnd },
      signalsPerSecond: Math.round(expected.length / SECONDS),
      latencyMs: summary(live),
      liveStatesMissing: expected.filter((x) => !seenLive.has(x)).length,
      ...(seeded.real
        ? {
            flagLatencyMs: summary(flags),
            flagsExpected: expectedFlags.length,
            flagsMissing: expectedFlags.filter((x) => !seenFlags.has(x)).length,
          }
        : {}),
      ackMs: summary(reports.flatMap((r) => r.ackMs)),
      heartbeatRoundTripMs: summary(reports.flatMap((r) => r.pingMs)),
      errors: reports.reduce((a, r) => a + r.errors, 0),
      ...(Object.keys(reasons).length ? { errorReasons: reasons } : {}),
      serverCpuCores: round(cpuSeconds / SECONDS, 3),
      serverRssMB: Math.round(after.rss / 1024 / 1024),
      serverDiskWriteMBps: round(
        (after.diskWriteBytes - before.diskWriteBytes) / 2 ** 20 / SECONDS,
        2,
      ),
      serverEventLoopDelayMs: {
        p50: round(after.loopMs.p50),
        p99: round(after.loopMs.p99),
        max: round(after.loopMs.max),
      },
      generatorCpuCores: round(generatorCpu / SECONDS, 3),
      generatorProcesses: k,
      // This process: the proctor's socket (every live state and flag) and the bench itself.
      proctorCpuCores: round((proctorCpu.user + proctorCpu.system) / 1e6 / SECONDS, 3),
      ...(sqlTime.length ? { sqlTime } : {}),
    },
  };
}

async function runRelay(n: number) {
  const { child, url } = await startChild('realtime-relay.ts', {});
  const seeded: Seeded = {
    examId: 'bench-exam',
    proctorToken: 'x',
    students: Array.from({ length: n }, () => ({ token: 'x', sessionId: randomUUID() })),
    real: false,
  };
  const { result } = await drive(child, url, seeded);
  child.removeAllListeners('exit');
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  return result;
}

async function runServer(n: number) {
  const dataDir = fs.mkdtempSync(path.join(process.env.BENCH_TMP ?? os.tmpdir(), 'emtihan-bench-'));
  const schema = DB === 'postgres' ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const seeded = await seed(dataDir, n, schema);
  const { child, url } = await startChild('realtime-server.ts', {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO: 'false',
    LOG_LEVEL: 'error',
    BENCH_SQL_TIMING: '1',
    // Thousands of clients from 127.0.0.1: the benchmark measures fan-out, not the limiter.
    RATE_LIMIT_FACTOR: '0',
    ...(DB === 'postgres' ? { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema } : {}),
  });
  const { result, signalsAcked } = await drive(child, url, seeded);
  child.removeAllListeners('exit');
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  // Durability: every signal acknowledged as stored is in the database (the server is gone).
  const { db } = openDatabase(
    DB === 'postgres' ? { dataDir, databaseUrl: PG_URL, schema } : { dataDir },
  );
  const row = await db
    .selectFrom('signal_batches')
    .select((eb) => eb.fn.sum<number | string | null>('count').as('n'))
    .executeTakeFirstOrThrow();
  const signalsStored = Number(row.n ?? 0);
  if (DB === 'postgres') await sql`drop schema ${sql.id(schema!)} cascade`.execute(db);
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    ...result,
    signalsAcked,
    signalsStored,
    lost: Math.max(0, signalsAcked - signalsStored),
  };
}

const runs = [];
for (const n of SIZES) {
  const entry: Record<string, unknown> = { n, seconds: SECONDS };
  if (RELAY) {
    console.log(`bench:realtime N=${n}: bare Socket.IO relay (baseline)…`);
    entry.relay = await runRelay(n);
    console.log(JSON.stringify(entry.relay));
  }
  if (SERVER) {
    console.log(`bench:realtime N=${n}: server (${DB}, ${MIX}, ${SECONDS} s after ${WARMUP_S} s)…`);
    entry.server = await runServer(n);
    console.log(JSON.stringify(entry.server));
  }
  entry.goal =
    n <= 2000 ? 'p99 < 50 ms at 2000' : n >= 10000 ? 'p99 < 250 ms at 10000' : 'p99 < 250 ms';
  runs.push(entry);
}
const result = {
  benchmark: 'realtime',
  at: new Date().toISOString(),
  command: `npm run bench:realtime -- ${process.argv.slice(2).join(' ')}`.trim(),
  database: DB,
  mix: MIX,
  loadAverage1m: { atStart: LOAD_AT_START, atEnd: load1() },
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? '',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  load:
    MIX === 'flags'
      ? 'per student: a signal every 2 s, each a right click that raises a flag (stored with an audit entry, sent to the proctor), a heartbeat every 5 s, a 20 KB snapshot every 10 s (validated, not kept); every batch stored before its acknowledgement'
      : 'per student: a signal every 2 s (49 in 50 "one face", all fine; 1 in 50 a right click that raises a flag with an audit entry, sent to the proctor), a heartbeat every 5 s, a 20 KB snapshot every 10 s (validated, not kept: it begins no condition); every batch stored (group commit, synchronous=FULL) before its acknowledgement, and each stored batch reaches the proctor as its sitting\'s live state (one message per exam and commit)',
  note: "One machine of 2 cores shared with other sessions (loadAverage1m: the whole machine). relay = a bare Socket.IO relay (no auth, no checks, no database) driven by the same students just before the server, under the same load: the baseline of the moment. latencyMs = the proctor receiving the live state minus the signal time (same clock); flagLatencyMs the same for flags. The students run in generatorProcesses child processes beside the server on the same 2 cores. lost = signals acknowledged as stored but not in the database after the server stopped. sqlTime = the server's SQLite time by statement, as a share of a core.",
  runs,
};
writeResult('realtime', result);
process.exit(0);
