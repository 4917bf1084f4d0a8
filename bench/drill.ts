// `npm run drill -- --students 200 --minutes 5 [--seconds S] [--db sqlite|postgres]
//   [--kill-every 20s | --kills N] [--restart-db] [--restart-redis] [--disk-full [--no-mount]]
//   [--seed S] [--out file.json]`
// A crash and outage drill. Simulated examinees, each a student of a live written sitting, do
// what the web client does: a signal batch over the socket every 2 s, an answer autosave every
// 5 s (seq + SHA-256, POST …/answers) and an 8 KB evidence segment every 10 s (POST
// …/evidence/camera/:seq). Each keeps what the server acknowledged (answer seq + hash, signal
// batch seq, segment seq + hash) and an outbox it resends after any failure (network, 5xx, 507),
// with the web client's back-off (1 s doubling to 8 s). Meanwhile the drill kills the server with
// SIGKILL at seeded random moments and starts it again, restarts PostgreSQL or Redis, or fills
// the data disk (a tmpfs of its own holding the blob store and SQLite) for a while.
//
// At the end every outbox is drained, the server is stopped, and what each client holds as
// acknowledged is compared with the database and the blob store (each segment's bytes hashed).
// Printed and written to bench/results/drill.json (or --out): acknowledged items by kind, lost
// items (the goal is 0), the longest time a client could not save, each fault with how long the
// service took to come back, the options and the seed.
//
// PostgreSQL (--db postgres): a database of its own on 127.0.0.1:5432, dropped at the end.
// Whatever happens, PostgreSQL and Redis are left running (other programs on the machine use
// them), the file system is unmounted and the server stopped.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { LocalDiskBlobStore } from '../apps/server/src/adapters/local-disk.blob-store.ts';
import { openDatabase } from '../apps/server/src/db/database.ts';
import { arg, round } from './common.ts';
import { seedWrittenExam } from './seed.ts';

// ---------------------------------------------------------------- options
const flag = (name: string) => process.argv.includes(`--${name}`);
/** `20s`, `1m`, `500ms`, `20` (seconds) → ms; '' → 0. */
const duration = (s: string): number => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(s.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
};
const options = {
  students: Number(arg('students', '200')),
  seconds: Number(arg('seconds', String(Number(arg('minutes', '5')) * 60))),
  db: arg('db', 'sqlite') as 'sqlite' | 'postgres',
  killEveryMs: duration(arg('kill-every', '')),
  kills: arg('kills', '') === '' ? null : Number(arg('kills', '')),
  restartDb: flag('restart-db'),
  restartRedis: flag('restart-redis'),
  diskFull: flag('disk-full'),
  seed: Number(arg('seed', String(Date.now() % 2 ** 31))),
};
const OUT = arg('out', path.join(import.meta.dirname, 'results', 'drill.json'));
const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_VERSION = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql')[0] : '15';
const REDIS_START = [
  '--daemonize',
  'yes',
  '--bind',
  '127.0.0.1',
  '-::1',
  '--port',
  '6379',
  '--save',
  '',
  '--appendonly',
  'no',
  '--dir',
  '/var/lib/redis',
  '--logfile',
  '/var/log/redis/ci.log',
];
const SIGNAL_EVERY_MS = 2000;
const ANSWER_EVERY_MS = 5000;
const SEGMENT_EVERY_MS = 10_000;
const SEGMENT_BYTES = 8 * 1024;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 8000;
/** How long each request may take before the client gives up on it and tries again. */
const REQUEST_TIMEOUT_MS = 30_000;
/** After the load stops: how long the outboxes get to empty. */
const DRAIN_MS = 180_000;

// ---------------------------------------------------------------- seeded randomness
function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(options.seed);
const sha256 = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => console.log(`[drill +${((Date.now() - T0) / 1000).toFixed(1)}s] ${s}`);
const T0 = Date.now();

// ---------------------------------------------------------------- what the clients saw
/** Every successful attempt: when it was sent and when it was acknowledged (for recovery). */
const successes: { sentAt: number; ackAt: number }[] = [];
/** Every answer the clients got, by kind and status (`answer:507 insufficient-storage`, …). */
const statusCounts: Record<string, number> = {};
const count = (k: string) => (statusCounts[k] = (statusCounts[k] ?? 0) + 1);
/** The longest a change waited for its acknowledgement, and its kind. */
let longestUnsavedMs = 0;
let longestUnsavedKind = '';

type Kind = 'answer' | 'signals' | 'evidence';
interface Item {
  kind: Kind;
  createdAt: number;
  seq: number;
  sha256: string;
  /** Answer body or segment bytes. */
  body?: string;
  bytes?: Buffer;
}

class Student {
  readonly acked: Record<Kind, Map<number, string>> = {
    answer: new Map(),
    signals: new Map(),
    evidence: new Map(),
  };
  /** Answers: only the newest unacknowledged one is kept (as the web's answer outbox). */
  answer: Item | null = null;
  signals: Item[] = [];
  evidence: Item[] = [];
  private answerSeq = 0;
  private signalSeq = 0;
  private segmentSeq = 0;
  private busy: Record<Kind, boolean> = { answer: false, signals: false, evidence: false };
  private retryAt: Record<Kind, number> = { answer: 0, signals: 0, evidence: 0 };
  private delay: Record<Kind, number> = {
    answer: RETRY_MIN_MS,
    signals: RETRY_MIN_MS,
    evidence: RETRY_MIN_MS,
  };
  refused = 0;
  socket: Socket | null = null;
  private text = '';
  /** Answer changes not yet covered by an acknowledged save: seq → when it was made. */
  private readonly answerChanges = new Map<number, number>();

  constructor(
    readonly sessionId: string,
    readonly token: string,
    private readonly url: () => string,
  ) {}

  connect(): void {
    this.socket = io(this.url(), {
      transports: ['websocket'],
      extraHeaders: { cookie: `emtihan_session=${this.token}` },
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
    });
    this.socket.on('connect', () => this.kick('signals'));
  }

  writeSignal(at: number) {
    const seq = this.signalSeq++;
    const body = JSON.stringify([{ kind: 'face-count', at, count: 1 }]);
    this.signals.push({ kind: 'signals', createdAt: at, seq, sha256: sha256(body), body });
    this.pump('signals');
  }

  writeAnswer(at: number) {
    this.text += `${this.sessionId.slice(0, 4)}:${at} `;
    if (this.text.length > 4000) this.text = this.text.slice(-2000);
    const seq = ++this.answerSeq;
    // An older unacknowledged save is replaced by the newer one (only the newest is sent); each
    // change's time is kept until a save at or above it is acknowledged.
    this.answerChanges.set(seq, at);
    this.answer = {
      kind: 'answer',
      createdAt: at,
      seq,
      sha256: sha256(this.text),
      body: this.text,
    };
    this.pump('answer');
  }

  writeSegment(at: number) {
    const bytes = randomBytes(SEGMENT_BYTES);
    const seq = this.segmentSeq++;
    this.evidence.push({ kind: 'evidence', createdAt: at, seq, sha256: sha256(bytes), bytes });
    this.pump('evidence');
  }

  pending(): number {
    return (this.answer ? 1 : 0) + this.signals.length + this.evidence.length;
  }

  /** A retry due now (the tick calls this every 250 ms). */
  retry(now: number) {
    for (const k of ['answer', 'signals', 'evidence'] as const)
      if (!this.busy[k] && this.retryAt[k] && this.retryAt[k] <= now) this.pump(k);
  }

  kick(k: Kind) {
    this.delay[k] = RETRY_MIN_MS;
    this.retryAt[k] = 0;
    this.pump(k);
  }

  private head(k: Kind): Item | undefined {
    return k === 'answer'
      ? (this.answer ?? undefined)
      : k === 'signals'
        ? this.signals[0]
        : this.evidence[0];
  }

  private pump(k: Kind) {
    if (this.busy[k] || (this.retryAt[k] && this.retryAt[k] > Date.now())) return;
    const item = this.head(k);
    if (!item) return;
    this.busy[k] = true;
    const sentAt = Date.now();
    this.send(item)
      .then((outcome) => {
        this.busy[k] = false;
        if (outcome === 'ok') {
          const ackAt = Date.now();
          successes.push({ sentAt, ackAt });
          this.acked[k].set(item.seq, item.sha256);
          // How long the oldest change this acknowledgement covers went unsaved.
          let waited = ackAt - item.createdAt;
          if (k === 'answer') {
            for (const [seq, at] of this.answerChanges) {
              if (seq > item.seq) continue;
              waited = Math.max(waited, ackAt - at);
              this.answerChanges.delete(seq);
            }
          }
          if (waited > longestUnsavedMs) {
            longestUnsavedMs = waited;
            longestUnsavedKind = k;
          }
          if (k === 'answer') {
            if (this.answer === item) this.answer = null;
          } else if (k === 'signals') this.signals.shift();
          else this.evidence.shift();
          this.delay[k] = RETRY_MIN_MS;
          this.retryAt[k] = 0;
          this.pump(k);
          return;
        }
        if (outcome === 'refused') {
          // Not the drill's business (a bug in the drill or the server): counted, dropped.
          this.refused++;
          if (k === 'answer') this.answer = null;
          else if (k === 'signals') this.signals.shift();
          else this.evidence.shift();
          this.pump(k);
          return;
        }
        this.retryAt[k] = Date.now() + this.delay[k];
        this.delay[k] = Math.min(this.delay[k] * 2, RETRY_MAX_MS);
      })
      .catch(() => {
        this.busy[k] = false;
        this.retryAt[k] = Date.now() + this.delay[k];
      });
  }

  private async send(item: Item): Promise<'ok' | 'retry' | 'refused'> {
    if (item.kind === 'signals') return this.sendSignals(item);
    const base = this.url();
    const headers: Record<string, string> = {
      cookie: `emtihan_session=${this.token}`,
      'x-csrf-token': 'x',
    };
    let res: Response;
    try {
      if (item.kind === 'answer') {
        res = await fetch(`${base}/api/sessions/${this.sessionId}/answers`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ seq: item.seq, body: item.body, sha256: item.sha256 }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } else {
        const q = `sha256=${item.sha256}&startedAt=${item.createdAt}&durationMs=${SEGMENT_EVERY_MS}`;
        res = await fetch(
          `${base}/api/sessions/${this.sessionId}/evidence/camera/${item.seq}?${q}`,
          {
            method: 'POST',
            headers: { ...headers, 'content-type': 'video/webm' },
            body: new Uint8Array(item.bytes!),
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          },
        );
      }
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      count(
        `${item.kind}:${err.name === 'TimeoutError' ? 'timeout' : `network ${err.cause?.code ?? err.name}`}`,
      );
      return 'retry';
    }
    const body = (await res.json().catch(() => null)) as { error?: string; sha256?: string } | null;
    count(`${item.kind}:${res.status}${body?.error ? ` ${body.error}` : ''}`);
    if (res.ok) return body?.sha256 === item.sha256 ? 'ok' : 'refused';
    if (res.status >= 500 || res.status === 429) return 'retry';
    return 'refused';
  }

  private async sendSignals(item: Item): Promise<'ok' | 'retry' | 'refused'> {
    const socket = this.socket;
    if (!socket?.connected) {
      count('signals:disconnected');
      return 'retry';
    }
    try {
      const ack = (await socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck('msg', {
        type: 'signals',
        sessionId: this.sessionId,
        seq: item.seq,
        signals: JSON.parse(item.body!) as unknown,
      })) as { ok: boolean; reason?: string };
      count(`signals:${ack.ok ? 'ok' : ack.reason}`);
      if (ack.ok) return 'ok';
      return ack.reason === 'unavailable' ? 'retry' : 'refused';
    } catch {
      count('signals:timeout');
      return 'retry';
    }
  }
}

// ---------------------------------------------------------------- the machine's services
const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 }).toString();
const redisUp = () => {
  try {
    return sh('redis-cli', ['-h', '127.0.0.1', 'ping']).trim() === 'PONG';
  } catch {
    return false;
  }
};
const pgUp = () => {
  try {
    sh('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432']);
    return true;
  } catch {
    return false;
  }
};
const psql = (sqlText: string) =>
  sh('psql', [PG_ADMIN_URL, '-v', 'ON_ERROR_STOP=1', '-qc', sqlText]);

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

// ---------------------------------------------------------------- the drill
interface Fault {
  kind: 'kill' | 'crash' | 'restart-db' | 'restart-redis' | 'disk-full';
  /** Seconds after the load began. */
  atS: number;
  /** How long the fault itself lasted (the restart command, the full disk), ms. */
  faultMs: number;
  /** Kill: from the kill until the new server process listened, ms. */
  serverReadyMs?: number;
  /** From the fault's end until a save sent after it was acknowledged, ms. */
  backMs: number | null;
  /** Full disk: the answers given meanwhile, by status. */
  responses?: Record<string, number>;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-drill-'));
const dataDir = path.join(work, 'data');
fs.mkdirSync(dataDir);
let mounted = false;
let fullFlag: string | null = null;
let server: ChildProcess | null = null;
let pgDb: string | null = null;
let port = 0;
const students: Student[] = [];
const faults: Fault[] = [];

function startServer(): Promise<void> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO: 'false',
    // Rate limits off (ADR 0022): every simulated student comes from 127.0.0.1.
    RATE_LIMIT_FACTOR: '0',
    LOG_LEVEL: process.env.DRILL_LOG_LEVEL ?? 'fatal',
    ...(pgDb ? { DATABASE_URL: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${pgDb}`) } : {}),
    ...(options.restartRedis ? { REDIS_URL: 'redis://127.0.0.1:6379' } : {}),
    ...(fullFlag ? { DRILL_FULL_FLAG: fullFlag } : {}),
  };
  const child = fork(path.join(import.meta.dirname, 'drill-server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  server = child;
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`the server exited (${code}) before listening`));
    child.once('exit', onExit);
    child.on('message', (m: { type: string }) => {
      if (m.type !== 'ready') return;
      child.off('exit', onExit);
      child.on('exit', (code, sig) => {
        if (server === child && !expectedExit.has(child)) {
          // A finding: the server ended without being killed (it is started again, and counted).
          log(`the server died on its own (${code ?? sig}); starting it again`);
          const t = Date.now();
          const fault: Fault = {
            kind: 'crash',
            atS: round((t - loadStart) / 1000),
            faultMs: 0,
            backMs: null,
          };
          faults.push(fault);
          void startServerAgain()
            .then(async () => {
              fault.serverReadyMs = Date.now() - t;
              fault.backMs = await backAfter(t);
            })
            .catch((e: Error) => log(`restart failed: ${e.message}`));
        }
      });
      resolve();
    });
  });
}
const expectedExit = new WeakSet<ChildProcess>();

async function killServer(): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  expectedExit.add(child);
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

/** Starts the server, retrying while it cannot (the disk full, the database restarting). */
async function startServerAgain(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServer();
    } catch (e) {
      log(`the server did not start (${(e as Error).message}); attempt ${attempt}`);
      if (attempt >= 30) throw e;
      await sleep(1000);
    }
  }
}

/** The first acknowledgement of a save sent at or after `t`, ms after `t`, awaited up to 60 s. */
async function backAfter(t: number): Promise<number | null> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const s = successes.find((x) => x.sentAt >= t);
    if (s) return s.ackAt - t;
    await sleep(100);
  }
  return null;
}

function fillDisk(): string {
  const ballast = path.join(dataDir, 'ballast');
  const fd = fs.openSync(ballast, 'w');
  for (const size of [1 << 20, 64 << 10, 4 << 10, 512]) {
    const chunk = Buffer.alloc(size, 1);
    try {
      for (;;) fs.writeSync(fd, chunk);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
    }
  }
  fs.closeSync(fd);
  return ballast;
}

let loadStart = 0;

async function runFault(kind: Exclude<Fault['kind'], 'crash'>): Promise<void> {
  const atS = round((Date.now() - loadStart) / 1000);
  const t = Date.now();
  if (kind === 'kill') {
    await killServer();
    log('killed the server (SIGKILL)');
    await startServerAgain();
    const serverReadyMs = Date.now() - t;
    faults.push({ kind, atS, faultMs: 0, serverReadyMs, backMs: await backAfter(t) });
  } else if (kind === 'restart-db') {
    sh('pg_ctlcluster', ['--skip-systemctl-redirect', PG_VERSION!, 'main', 'restart']);
    const end = Date.now();
    log(`restarted PostgreSQL (${end - t} ms)`);
    faults.push({ kind, atS, faultMs: end - t, backMs: await backAfter(end) });
  } else if (kind === 'restart-redis') {
    try {
      sh('redis-cli', ['-h', '127.0.0.1', 'shutdown', 'nosave']);
    } catch {
      // redis-cli reports the lost connection of a shutdown as an error.
    }
    sh('redis-server', REDIS_START);
    while (!redisUp()) await sleep(50);
    const end = Date.now();
    log(`restarted Redis (${end - t} ms)`);
    faults.push({ kind, atS, faultMs: end - t, backMs: await backAfter(end) });
  } else {
    const before = { ...statusCounts };
    const holdMs = Math.min(30_000, Math.max(8_000, options.seconds * 100));
    let ballast: string | null = null;
    if (mounted) ballast = fillDisk();
    else fs.writeFileSync(fullFlag!, '');
    log(
      `the data disk is full (${mounted ? 'tmpfs filled' : 'blob store refuses'}) for ${holdMs} ms`,
    );
    await sleep(holdMs);
    if (ballast) fs.rmSync(ballast);
    else fs.rmSync(fullFlag!);
    const end = Date.now();
    log('space is back');
    const responses: Record<string, number> = {};
    for (const [k, v] of Object.entries(statusCounts))
      if (v - (before[k] ?? 0) > 0) responses[k] = v - (before[k] ?? 0);
    faults.push({ kind, atS, faultMs: end - t, backMs: await backAfter(end), responses });
  }
}

/** The faults' moments (ms after the load begins), seeded, one after another. */
function schedule(): { at: number; kind: Exclude<Fault['kind'], 'crash'> }[] {
  const T = options.seconds * 1000;
  const plan: { at: number; kind: Exclude<Fault['kind'], 'crash'> }[] = [];
  if (options.kills !== null) {
    for (let i = 0; i < options.kills; i++)
      plan.push({ at: T * (0.1 + 0.75 * ((i + random()) / options.kills)), kind: 'kill' });
  } else if (options.killEveryMs > 0) {
    let t = options.killEveryMs * (0.5 + random());
    while (t < T * 0.85) {
      plan.push({ at: t, kind: 'kill' });
      t += options.killEveryMs * (0.5 + random());
    }
  }
  if (options.restartDb && options.db !== 'postgres')
    log('--restart-db restarts PostgreSQL: use it with --db postgres (left out)');
  else if (options.restartDb) plan.push({ at: T * (0.25 + 0.1 * random()), kind: 'restart-db' });
  if (options.diskFull) plan.push({ at: T * (0.45 + 0.1 * random()), kind: 'disk-full' });
  if (options.restartRedis) plan.push({ at: T * (0.65 + 0.1 * random()), kind: 'restart-redis' });
  return plan.sort((a, b) => a.at - b.at);
}

async function verify(): Promise<{
  acknowledged: Record<Kind, number>;
  lost: Record<Kind, number>;
  examples: string[];
}> {
  const { db } = openDatabase(
    pgDb ? { dataDir, databaseUrl: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${pgDb}`) } : { dataDir },
  );
  const blobs = new LocalDiskBlobStore(path.join(dataDir, 'blobs'));
  const acknowledged = { answer: 0, signals: 0, evidence: 0 };
  const lost = { answer: 0, signals: 0, evidence: 0 };
  const examples: string[] = [];
  const miss = (k: Kind, what: string) => {
    lost[k]++;
    if (examples.length < 20) examples.push(what);
  };
  try {
    const answers = new Map(
      (await db.selectFrom('answer_saves').select(['session_id', 'seq', 'sha256']).execute()).map(
        (r) => [`${r.session_id}:${r.seq}`, r.sha256],
      ),
    );
    const batches = new Set(
      (await db.selectFrom('signal_batches').select(['session_id', 'seq']).execute()).map(
        (r) => `${r.session_id}:${Number(r.seq)}`,
      ),
    );
    const segments = new Map(
      (
        await db
          .selectFrom('evidence_segments')
          .select(['session_id', 'seq', 'sha256', 'blob_key'])
          .where('track', '=', 'camera')
          .execute()
      ).map((r) => [`${r.session_id}:${r.seq}`, r]),
    );
    for (const s of students) {
      for (const [seq, hash] of s.acked.answer) {
        acknowledged.answer++;
        if (answers.get(`${s.sessionId}:${seq}`) !== hash)
          miss('answer', `answer ${s.sessionId}:${seq}`);
      }
      for (const seq of s.acked.signals.keys()) {
        acknowledged.signals++;
        if (!batches.has(`${s.sessionId}:${seq}`)) miss('signals', `signals ${s.sessionId}:${seq}`);
      }
      for (const [seq, hash] of s.acked.evidence) {
        acknowledged.evidence++;
        const row = segments.get(`${s.sessionId}:${seq}`);
        const bytes = row?.sha256 === hash ? await blobs.get(row.blob_key) : undefined;
        if (!bytes || sha256(bytes) !== hash)
          miss('evidence', `segment ${s.sessionId}:camera:${seq}`);
      }
    }
  } finally {
    await db.destroy();
  }
  return { acknowledged, lost, examples };
}

let cleaned = false;
async function cleanUp(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  for (const s of students) s.socket?.close();
  await killServer().catch(() => {});
  // Other programs on this machine use PostgreSQL and Redis: never leave them stopped.
  if (!pgUp()) {
    try {
      sh('pg_ctlcluster', ['--skip-systemctl-redirect', PG_VERSION!, 'main', 'start']);
    } catch (e) {
      console.error(`could not start PostgreSQL: ${(e as Error).message}`);
    }
  }
  if (!redisUp()) {
    try {
      sh('redis-server', REDIS_START);
    } catch (e) {
      console.error(`could not start Redis: ${(e as Error).message}`);
    }
  }
  if (pgDb) {
    for (let i = 0; i < 20 && !pgUp(); i++) await sleep(250);
    try {
      psql(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
    } catch (e) {
      console.error(`could not drop ${pgDb}: ${(e as Error).message}`);
    }
  }
  if (mounted) {
    try {
      sh('umount', [dataDir]);
    } catch (e) {
      console.error(`could not unmount ${dataDir}: ${(e as Error).message}`);
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => void cleanUp().finally(() => process.exit(130)));

async function main() {
  log(`options ${JSON.stringify(options)}`);
  if (options.diskFull) {
    try {
      // `--no-mount`: the stand-in even where mounting works (to try it).
      if (flag('no-mount')) throw new Error('--no-mount');
      sh('mount', ['-t', 'tmpfs', '-o', 'size=192m', 'tmpfs', dataDir]);
      mounted = true;
    } catch (e) {
      fullFlag = path.join(work, 'full');
      log(
        `no tmpfs for the data (${(e as Error).message.split('\n')[0]}): the blob store refuses with ENOSPC instead`,
      );
    }
  }
  if (options.db === 'postgres') {
    pgDb = `emtihan_drill_${process.pid}`;
    psql(`CREATE DATABASE ${pgDb}`);
  }
  port = await freePort();
  const seeded = await seedWrittenExam(
    dataDir,
    options.students,
    pgDb ? { url: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${pgDb}`), schema: 'public' } : undefined,
  );
  await startServer();
  const url = () => `http://127.0.0.1:${port}`;
  for (const s of seeded.students) students.push(new Student(s.sessionId, s.token, url));
  for (const s of students) s.connect();
  log(
    `${students.length} students on ${url()} (${options.db}${mounted ? ', data on a 192 MB tmpfs' : ''})`,
  );

  loadStart = Date.now();
  const end = loadStart + options.seconds * 1000;
  // Each student's three schedules, from seeded phases.
  const phases = students.map(() => [random(), random(), random()] as const);
  const next = phases.map(([a, b, c]) => ({
    signal: loadStart + a * SIGNAL_EVERY_MS,
    answer: loadStart + b * ANSWER_EVERY_MS,
    segment: loadStart + c * SEGMENT_EVERY_MS,
  }));
  const tick = setInterval(() => {
    const now = Date.now();
    students.forEach((s, i) => {
      const n = next[i]!;
      if (now < end) {
        if (now >= n.signal) {
          s.writeSignal(now);
          n.signal += SIGNAL_EVERY_MS;
        }
        if (now >= n.answer) {
          s.writeAnswer(now);
          n.answer += ANSWER_EVERY_MS;
        }
        if (now >= n.segment) {
          s.writeSegment(now);
          n.segment += SEGMENT_EVERY_MS;
        }
      }
      s.retry(now);
    });
  }, 50);

  for (const f of schedule()) {
    const wait = loadStart + f.at - Date.now();
    if (wait > 0) await sleep(wait);
    await runFault(f.kind);
  }
  const left = end - Date.now();
  if (left > 0) await sleep(left);
  log('load stopped; draining the outboxes');
  const drainFrom = Date.now();
  while (students.some((s) => s.pending() > 0) && Date.now() - drainFrom < DRAIN_MS)
    await sleep(200);
  clearInterval(tick);
  const stillPending = students.reduce((n, s) => n + s.pending(), 0);
  for (const s of students) s.socket?.close();
  await killServer();

  const checked = await verify();
  const result = {
    options,
    machine: { cpus: os.cpus().length, load1mAtEnd: round(os.loadavg()[0]!, 2) },
    dataDisk: options.diskFull
      ? mounted
        ? 'tmpfs 192 MB (filled with a ballast file)'
        : 'blob store refusing with ENOSPC (no mount allowed)'
      : 'temporary folder',
    acknowledged: checked.acknowledged,
    lost: checked.lost,
    lostTotal: checked.lost.answer + checked.lost.signals + checked.lost.evidence,
    lostExamples: checked.examples,
    stillInOutboxAtEnd: stillPending,
    refusedByServer: students.reduce((n, s) => n + s.refused, 0),
    longestUnsavedMs,
    longestUnsavedKind,
    faults: faults.sort((a, b) => a.atS - b.atS),
    responses: statusCounts,
  };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
  console.log(`written to ${path.relative(process.cwd(), OUT)}`);
  return result.lostTotal === 0 && stillPending === 0 ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(e);
} finally {
  await cleanUp();
}
process.exit(code);
