// The fuzzer (ADR 0020): requests and socket messages generated from the protocol's zod schemas,
// sent as every demo role to a real server, with the invariants checked after every batch.
// `runFuzz` is shared by `npm run fuzz` (bench/fuzz.ts) and CI's budget test (bench/fuzz.test.ts).
import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyAuditChain, type AuditEntry } from '@emtihan/domain';
import {
  api,
  ClientMessage,
  CSRF_HEADER,
  ORAL_SOCKET_EVENT,
  OralClientMessage,
  SOCKET_EVENT,
  type Endpoint,
} from '@emtihan/protocol';
import fc from 'fast-check';
import { sql } from 'kysely';
import sharp from 'sharp';
import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import { LocalDiskBlobStore } from '../apps/server/src/adapters/local-disk.blob-store.ts';
import { openDatabase, type Db } from '../apps/server/src/db/database.ts';
import { startChild } from './child.ts';
import { arbitraryOf, mutate, type Mode } from './fuzz-arbitrary.ts';

export interface FuzzOptions {
  requests: number;
  seed: number;
  db: 'sqlite' | 'postgres';
  /** Requests between two invariant checks. */
  batch?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  log?: (line: string) => void;
  /** Stop sending after this long (the figures then say how many were sent). */
  maxSeconds?: number;
}

export interface Failure {
  kind: '5xx' | 'invariant';
  batch: number;
  detail: string;
}

export interface FuzzResult {
  seed: number;
  db: string;
  requests: number;
  httpRequests: number;
  socketMessages: number;
  /** Requests the server accepted (2xx or an `ok` acknowledgement): they reached the services. */
  accepted: number;
  statuses: Record<string, number>;
  errorIds: Record<string, number>;
  distinctErrorIds: number;
  fiveXx: number;
  invariantBreaks: number;
  failures: Failure[];
  /** The command that replays this run. */
  replay: string;
  batches: number;
  durationS: number;
  /** Of which the checks after each batch. */
  invariantCheckS: number;
  requestsPerSecond: number;
  load1m: number;
  cpus: number;
}

const ROLES = [
  'anonymous',
  'student1',
  'student2',
  'student3',
  'student4',
  'student5',
  'proctor1',
  'examiner1',
  'admin',
  'office1',
] as const;
type Role = (typeof ROLES)[number];

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const sha256 = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Every declared reference, and those kept without a foreign key: [table, column, parent]. */
const REFERENCES: [string, string, string][] = [
  ['user_roles', 'user_id', 'users'],
  ['auth_sessions', 'user_id', 'users'],
  ['enrolments', 'course_id', 'courses'],
  ['enrolments', 'user_id', 'users'],
  ['exams', 'course_id', 'courses'],
  ['oral_slots', 'exam_id', 'exams'],
  ['exam_sessions', 'exam_id', 'exams'],
  ['exam_sessions', 'student_id', 'users'],
  ['audit_entries', 'session_id', 'exam_sessions'],
  ['answer_saves', 'session_id', 'exam_sessions'],
  ['session_files', 'session_id', 'exam_sessions'],
  ['lti_links', 'course_id', 'courses'],
  ['lti_links', 'exam_id', 'exams'],
  ['lti_grade_sends', 'exam_id', 'exams'],
  ['lti_grade_sends', 'user_id', 'users'],
  ['signal_batches', 'session_id', 'exam_sessions'],
  ['signal_trackers', 'session_id', 'exam_sessions'],
  ['flags', 'session_id', 'exam_sessions'],
  ['flags', 'exam_id', 'exams'],
  ['warning_checks', 'session_id', 'exam_sessions'],
  ['proctor_assignments', 'session_id', 'exam_sessions'],
  ['proctor_assignments', 'exam_id', 'exams'],
  ['proctor_assignments', 'proctor_id', 'users'],
  ['chat_messages', 'session_id', 'exam_sessions'],
  ['chat_messages', 'author_id', 'users'],
  ['evidence_segments', 'session_id', 'exam_sessions'],
  ['legal_holds', 'exam_id', 'exams'],
  ['flag_reviews', 'session_id', 'exam_sessions'],
  ['flag_reviews', 'flag_id', 'flags'],
  ['evidence_explanations', 'session_id', 'exam_sessions'],
  ['exam_grading', 'exam_id', 'exams'],
  ['sitting_grades', 'session_id', 'exam_sessions'],
  ['sitting_grades', 'student_id', 'users'],
  ['exam_task_files', 'exam_id', 'exams'],
  ['oral_setups', 'exam_id', 'exams'],
  ['oral_plans', 'slot_id', 'oral_slots'],
  ['oral_plans', 'exam_id', 'exams'],
  ['oral_sessions', 'slot_id', 'oral_slots'],
  ['oral_sessions', 'exam_id', 'exams'],
  ['oral_sessions', 'student_id', 'users'],
  ['oral_audit_entries', 'session_id', 'oral_sessions'],
  ['oral_grades', 'session_id', 'oral_sessions'],
  ['oral_grades', 'examiner_id', 'users'],
  ['oral_notes', 'session_id', 'oral_sessions'],
  ['oral_files', 'session_id', 'oral_sessions'],
  ['oral_evidence_segments', 'session_id', 'oral_sessions'],
  ['oral_committees', 'exam_id', 'exams'],
  ['oral_committees', 'chair_id', 'users'],
  ['oral_day_plans', 'exam_id', 'exams'],
  ['oral_ticket_pools', 'exam_id', 'exams'],
  ['accommodations', 'student_id', 'users'],
  ['exam_accommodations', 'exam_id', 'exams'],
  ['exam_accommodations', 'student_id', 'users'],
  ['accommodation_changes', 'student_id', 'users'],
];

/** Which table's ids fill a path parameter or a body field of this name. */
const ID_SOURCES: Record<string, string[]> = {
  examId: ['exams'],
  sessionId: ['exam_sessions', 'oral_sessions'],
  fileId: ['session_files', 'exam_task_files'],
  slotId: ['oral_slots'],
  sendId: ['lti_grade_sends'],
  userId: ['users'],
  studentId: ['users'],
  proctorId: ['users'],
  chairId: ['users'],
  courseId: ['courses'],
  presetId: ['exam_presets'],
  flagId: ['flags'],
  warningId: [],
};

type Pool = Record<string, string[]>;

/** One generated request: everything random is decided here, from the seed. */
interface HttpCase {
  kind: 'http';
  endpoint: string;
  role: Role;
  variant: Mode | 'invalid';
  params: unknown;
  query: unknown;
  body: unknown;
  /** How the body goes on the wire. */
  encoding: 'json' | 'garbage' | 'wrong-type' | 'oversize' | 'no-csrf';
  /** Binary uploads: which bytes. */
  bytes: 'picture' | 'png' | 'random' | 'empty' | 'text';
  contentType: number;
  picks: number[];
  junk: unknown;
}
interface SocketCase {
  kind: 'socket';
  role: Role;
  event: 'msg' | 'oral';
  variant: Mode | 'invalid';
  message: unknown;
  picks: number[];
  junk: unknown;
}
type Case = HttpCase | SocketCase;

const endpoints = Object.entries(api) as [string, Endpoint][];
const cache = new Map<string, fc.Arbitrary<unknown>>();
function arbOf(key: string, schema: z.ZodType, mode: Mode) {
  const k = `${key}|${mode}`;
  let a = cache.get(k);
  if (!a) cache.set(k, (a = arbitraryOf(schema, mode)));
  return a;
}

const variantArb = fc.constantFrom<Mode | 'invalid'>(
  'valid',
  'valid',
  'valid',
  'valid',
  'valid',
  'valid',
  'boundary',
  'boundary',
  'invalid',
  'invalid',
);
const picksArb = fc.array(fc.nat(), { minLength: 8, maxLength: 8 });
const junkArb = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, true, 0, -1, 1e308, '', '\u0000', [], {}, 'x'.repeat(5000)),
);

function httpCaseArb(): fc.Arbitrary<HttpCase> {
  return fc.constantFrom(...endpoints).chain(([name, ep]) =>
    fc
      .record({
        role: fc.oneof(
          fc.constantFrom(...ROLES),
          fc.constant<Role>(
            ep.access === 'admin' ? 'admin' : ep.access === 'accommodations' ? 'office1' : 'admin',
          ),
        ),
        variant: variantArb,
        // Mostly JSON; 1 in 40 garbage, a wrong type or no CSRF token; 1 in 1000 over 1 MB.
        encoding: fc
          .nat({ max: 999 })
          .map((n): HttpCase['encoding'] =>
            n < 25
              ? 'garbage'
              : n < 50
                ? 'wrong-type'
                : n < 75
                  ? 'no-csrf'
                  : n < 76
                    ? 'oversize'
                    : 'json',
          ),
        bytes: fc.constantFrom<HttpCase['bytes']>(
          'picture',
          'picture',
          'png',
          'random',
          'empty',
          'text',
        ),
        contentType: fc.nat(),
        picks: picksArb,
        junk: junkArb,
      })
      .chain((r) => {
        const mode: Mode = r.variant === 'boundary' ? 'boundary' : 'valid';
        return fc
          .record({
            params: arbOf(`${name}.params`, ep.params, 'valid'),
            query: ep.query ? arbOf(`${name}.query`, ep.query, mode) : fc.constant(undefined),
            body: ep.binary ? fc.constant(undefined) : arbOf(`${name}.body`, ep.body, mode),
          })
          .map((parts) => ({ kind: 'http' as const, endpoint: name, ...r, ...parts }));
      }),
  );
}

function socketCaseArb(): fc.Arbitrary<SocketCase> {
  return fc
    .record({
      role: fc.constantFrom(...ROLES),
      event: fc.constantFrom<'msg' | 'oral'>('msg', 'msg', 'oral'),
      variant: variantArb,
      picks: picksArb,
      junk: junkArb,
    })
    .chain((r) => {
      const schema = r.event === 'msg' ? ClientMessage : OralClientMessage;
      const mode: Mode = r.variant === 'boundary' ? 'boundary' : 'valid';
      return arbOf(r.event, schema, mode).map((message) => ({
        kind: 'socket' as const,
        ...r,
        message,
      }));
    });
}

export const caseArb: fc.Arbitrary<Case> = fc.oneof(
  { weight: 85, arbitrary: httpCaseArb() },
  { weight: 15, arbitrary: socketCaseArb() },
);

/** Strings under id-like keys replaced by ids of the seeded world (most of the time). */
function withRealIds(value: unknown, pool: Pool, picks: number[], chance = 0.8): unknown {
  let i = 0;
  const pick = (key: string): string | undefined => {
    const sources = ID_SOURCES[key] ?? (/Ids?$/.test(key) ? Object.keys(pool) : undefined);
    if (!sources) return undefined;
    const r = picks[i++ % picks.length]! + i * 7919;
    if ((r % 100) / 100 >= chance) return undefined;
    const ids = sources.flatMap((s) => pool[s] ?? []);
    return ids.length ? ids[r % ids.length] : undefined;
  };
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string' && key) return pick(key) ?? v;
    if (Array.isArray(v))
      return key && /Ids$/.test(key)
        ? v.map((x) => (typeof x === 'string' ? (pick(key) ?? x) : walk(x)))
        : v.map((x) => walk(x));
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value);
}

interface Login {
  cookie: string;
  csrf: string;
  userId: string;
}

interface Acks {
  answers: Map<string, { sessionId: string; seq: number; sha256: string }>;
  files: Map<
    string,
    { table: 'session_files' | 'exam_task_files'; parent: string; sha256: string }
  >;
  evidence: Map<string, { sessionId: string; track: string; seq: number; sha256: string }>;
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const batchSize = opts.batch ?? 250;
  const concurrency = opts.concurrency ?? 8;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-fuzz-'));
  const schema =
    opts.db === 'postgres' ? `fuzz_${process.pid}_${randomBytes(3).toString('hex')}` : undefined;
  const started = performance.now();

  const serverLog: string[] = [];
  const failures: Failure[] = [];
  const statuses: Record<string, number> = {};
  const errorIds: Record<string, number> = {};
  let httpRequests = 0;
  let socketMessages = 0;
  let accepted = 0;
  let fiveXx = 0;
  let invariantBreaks = 0;
  let batchNo = 0;
  let invariantMs = 0;
  const count = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
  const fail = (kind: Failure['kind'], detail: string) => {
    if (kind === '5xx') fiveXx++;
    else invariantBreaks++;
    if (failures.length < 50) failures.push({ kind, batch: batchNo, detail: detail.slice(0, 600) });
    log(`FAIL ${kind} (batch ${batchNo}): ${detail.slice(0, 300)}`);
  };

  const { child, url } = await startServer(dataDir, schema, serverLog, (m) =>
    fail('invariant', `server ${m.event}: ${m.detail}`),
  );
  const { db } = openDatabase(schema ? { dataDir, databaseUrl: PG_URL, schema } : { dataDir });
  const blobs = new LocalDiskBlobStore(path.join(dataDir, 'blobs'));
  const logins = new Map<Role, Login>();
  const sockets = new Map<Role, Socket>();
  const acks: Acks = { answers: new Map(), files: new Map(), evidence: new Map() };
  const answerSeq = new Map<string, number>();
  const pictures = [
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer(),
    await sharp({ create: { width: 20, height: 12, channels: 3, background: '#a37' } })
      .png()
      .toBuffer(),
  ].map((b) => new Uint8Array(b) as Uint8Array<ArrayBuffer>);

  async function login(role: Role): Promise<Login | undefined> {
    if (role === 'anonymous') return undefined;
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: role, password: 'demo' }),
    });
    const body = (await res.json()) as { csrfToken?: string; user?: { id: string } };
    if (res.status !== 200) {
      logins.delete(role);
      return undefined;
    }
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const l = { cookie, csrf: body.csrfToken!, userId: body.user!.id };
    logins.set(role, l);
    sockets.get(role)?.disconnect();
    sockets.delete(role);
    return l;
  }

  async function socketOf(role: Role): Promise<Socket> {
    let s = sockets.get(role);
    if (s?.connected) return s;
    s?.disconnect();
    const l = logins.get(role);
    s = io(url, {
      transports: ['websocket'],
      reconnection: false,
      ...(l ? { extraHeaders: { cookie: l.cookie } } : {}),
    });
    sockets.set(role, s);
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 3000);
      s.once('connect', () => (clearTimeout(t), resolve()));
      s.once('connect_error', () => (clearTimeout(t), resolve()));
    });
    return s;
  }

  const pool: Pool = {};
  async function refreshPool() {
    for (const table of new Set(Object.values(ID_SOURCES).flat())) {
      const rows = await db
        .selectFrom(table as 'users')
        .select('id')
        .limit(400)
        .execute();
      pool[table] = rows.map((r) => r.id);
    }
  }

  try {
    for (const role of ROLES) await login(role);
    await warmUp();
    await refreshPool();

    const batches = Math.ceil(opts.requests / batchSize);
    for (batchNo = 0; batchNo < batches; batchNo++) {
      if (opts.maxSeconds && performance.now() - started > opts.maxSeconds * 1000) {
        log(`stopped after ${opts.maxSeconds} s (--max-seconds)`);
        break;
      }
      const n = Math.min(batchSize, opts.requests - batchNo * batchSize);
      const cases = fc.sample(caseArb, { seed: opts.seed + batchNo * 1_000_003, numRuns: n });
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < cases.length) {
            const c = cases[next++]!;
            try {
              if (c.kind === 'http') await sendHttp(c);
              else await sendSocket(c);
            } catch (e) {
              if (c.kind === 'http') httpRequests++;
              const cause = (e as { cause?: unknown }).cause;
              fail(
                'invariant',
                `${c.kind} ${c.kind === 'http' ? `${c.endpoint} as ${c.role} (${c.variant}, ${c.encoding})` : c.event}: ${String(e)} ${cause ? String(cause) : ''} ${JSON.stringify(c.kind === 'http' ? c.body : c.message)?.slice(0, 200) ?? ''}`,
              );
            }
          }
        }),
      );
      const t0 = performance.now();
      await checkInvariants();
      invariantMs += performance.now() - t0;
      if (batchNo % 10 === 0) await refreshPool();
      if (batchNo % 20 === 0 || batchNo === batches - 1) {
        const done = httpRequests + socketMessages;
        const s = (performance.now() - started) / 1000;
        log(
          `batch ${batchNo + 1}/${batches}: ${done} requests, ${accepted} accepted, ${fiveXx} 5xx, ${invariantBreaks} breaks, ${Math.round(done / s)}/s`,
        );
      }
    }
  } finally {
    for (const s of sockets.values()) s.disconnect();
    child.send('stop');
    await new Promise((r) => child.once('exit', r));
    if (schema)
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db).catch(() => {});
    await db.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const durationS = (performance.now() - started) / 1000;
  const requests = httpRequests + socketMessages;
  return {
    seed: opts.seed,
    db: opts.db,
    requests,
    httpRequests,
    socketMessages,
    accepted,
    statuses,
    errorIds,
    distinctErrorIds: Object.keys(errorIds).length,
    fiveXx,
    invariantBreaks,
    failures,
    replay: `npm run fuzz -- --requests ${opts.requests} --seed ${opts.seed}${opts.db === 'postgres' ? ' --db postgres' : ''}`,
    batches: batchNo,
    durationS: Math.round(durationS * 10) / 10,
    invariantCheckS: Math.round(invariantMs / 100) / 10,
    requestsPerSecond: Math.round(requests / durationS),
    load1m: Math.round(os.loadavg()[0]! * 100) / 100,
    cpus: os.cpus().length,
  };

  /** Students 3–5 start the written exam without a live proctor, 1–2 wait for proctor1. */
  async function warmUp() {
    const exams = (await db.selectFrom('exams').select(['id', 'title', 'kind']).execute()).filter(
      (e) => e.kind === 'written',
    );
    for (const [role, title] of [
      ['student1', 'Written exam (live proctoring)'],
      ['student2', 'Written exam (live proctoring)'],
      ['student3', 'Written exam'],
      ['student4', 'Written exam'],
      ['student5', 'Written exam'],
    ] as const) {
      const exam = exams.find((e) => e.title === title);
      const l = logins.get(role);
      if (!exam || !l) continue;
      const call = async (method: string, p: string, body?: unknown, type = 'application/json') => {
        const res = await fetch(url + p, {
          method,
          headers: {
            cookie: l.cookie,
            [CSRF_HEADER]: l.csrf,
            ...(body === undefined ? {} : { 'content-type': type }),
          },
          body:
            body instanceof Uint8Array
              ? (body as Uint8Array<ArrayBuffer>)
              : body === undefined
                ? undefined
                : JSON.stringify(body),
        });
        return (await res.json()) as Record<string, unknown>;
      };
      const opened = await call('GET', `/api/exams/${exam.id}/my-session`);
      const sessionId = opened.sessionId as string;
      await call('POST', `/api/sessions/${sessionId}/commands`, { type: 'begin-check-in' });
      const hashes: Record<string, string> = {};
      for (const kind of ['id-document', 'face'] as const) {
        const f = await call(
          'POST',
          `/api/sessions/${sessionId}/files?kind=${kind}&name=p.jpg`,
          pictures[0],
          'image/jpeg',
        );
        hashes[kind] = f.sha256 as string;
        if (typeof f.id === 'string')
          acks.files.set(f.id, {
            table: 'session_files',
            parent: sessionId,
            sha256: f.sha256 as string,
          });
      }
      const me = await call('GET', '/api/me');
      const done = await call('POST', `/api/sessions/${sessionId}/commands`, {
        type: 'complete-check-in',
        typedName: (me.user as { fullName: string }).fullName,
        idDocumentSha256: hashes['id-document'],
        faceSha256: hashes.face,
        consentRecording: true,
        consentFaceMatching: false,
      });
      log(
        `warm-up: ${role} ${String((done.state as { status?: string } | undefined)?.status ?? JSON.stringify(done))}`,
      );
    }
  }

  function recordResponse(status: number, body: Record<string, unknown> | undefined) {
    count(statuses, String(status));
    if (status >= 200 && status < 300) accepted++;
    const id = typeof body?.error === 'string' ? body.error : undefined;
    if (id) count(errorIds, typeof body?.reason === 'string' ? `${id}:${body.reason}` : id);
  }

  async function sendHttp(c: HttpCase) {
    const ep = api[c.endpoint as keyof typeof api] as Endpoint;
    let auth = logins.get(c.role);
    if (c.role !== 'anonymous' && !auth) auth = await login(c.role);
    const invalidPart = c.picks[0]! % 3;
    let params = c.params as Record<string, unknown>;
    let query = c.query as Record<string, unknown> | undefined;
    let body = c.body;
    if (c.variant === 'invalid') {
      if (invalidPart === 0 && Object.keys(params).length)
        params = mutate(params, c.picks.slice(1), c.junk) as Record<string, unknown>;
      else if (invalidPart === 1 && query)
        query = mutate(query, c.picks.slice(1), c.junk) as Record<string, unknown>;
      else body = mutate(body ?? {}, c.picks.slice(1), c.junk);
    } else {
      params = withRealIds(params, pool, c.picks) as Record<string, unknown>;
      body = withRealIds(body, pool, c.picks.slice(2), 0.6);
      query = withRealIds(query, pool, c.picks.slice(3)) as Record<string, unknown> | undefined;
      // The fuzzer's own accounts stay usable: no admin change to them.
      if (
        (c.endpoint === 'updateUser' || c.endpoint === 'revokeUserSessions') &&
        typeof params?.userId === 'string'
      ) {
        const own = new Set([...logins.values()].map((l) => l.userId));
        if (own.has(params.userId)) params = { userId: `fuzz-${c.picks[4]}` };
      }
      if (
        c.endpoint === 'saveAnswer' &&
        body &&
        typeof body === 'object' &&
        c.picks[5]! % 4 !== 0
      ) {
        // A save that passes the hash check: the body's own hash and the next sequence number.
        const b = body as { body?: string; seq?: number; sha256?: string };
        const sid = String(params.sessionId);
        const seq = (answerSeq.get(sid) ?? 0) + 1;
        answerSeq.set(sid, seq);
        if (typeof b.body === 'string') body = { ...b, seq, sha256: sha256(b.body) };
      }
    }
    let p = ep.path.replace(/:(\w+)/g, (_, k: string) =>
      encodeURIComponent(
        params && typeof params === 'object' && k in params ? String(params[k]) : `x${c.picks[6]}`,
      ),
    );
    if (query && typeof query === 'object') {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(query))
        qs.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
      if ([...qs].length) p += `?${qs}`;
    }
    const headers: Record<string, string> = {};
    if (auth) headers.cookie = auth.cookie;
    if (auth && ep.method !== 'GET' && c.encoding !== 'no-csrf') headers[CSRF_HEADER] = auth.csrf;
    let payload: string | Uint8Array<ArrayBuffer> | undefined;
    if (ep.binary) {
      const types = [...ep.binary.contentTypes, 'text/html', 'image/svg+xml'];
      headers['content-type'] = types[c.contentType % types.length]!;
      payload =
        c.bytes === 'picture'
          ? pictures[0]
          : c.bytes === 'png'
            ? pictures[1]
            : c.bytes === 'random'
              ? new Uint8Array(randomBytesFrom(c.picks))
              : c.bytes === 'text'
                ? new TextEncoder().encode('<svg onload=alert(1)></svg>')
                : new Uint8Array(0);
      if (c.bytes === 'picture' && headers['content-type'] !== 'image/jpeg')
        headers['content-type'] = 'image/jpeg';
    } else if (ep.method !== 'GET') {
      headers['content-type'] = c.encoding === 'wrong-type' ? 'text/plain' : 'application/json';
      payload =
        c.encoding === 'garbage'
          ? `{"a":${JSON.stringify(body)?.slice(0, 40) ?? ''}`
          : c.encoding === 'oversize'
            ? JSON.stringify({ pad: 'z'.repeat(1_100_000) })
            : JSON.stringify(body ?? {});
    }
    let res: Response;
    try {
      // A server that holds one request for a minute holds the others too: a break, not a wait.
      res = await fetch(url + p, {
        method: ep.method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(60_000),
      });
    } catch (e) {
      // A body over the server's limit is answered (413) and the connection closed while the
      // client still writes: the client sees EPIPE or a reset, not a server fault.
      if ((payload?.length ?? 0) > 1024 * 1024) {
        httpRequests++;
        count(statuses, 'closed-oversize');
        return;
      }
      throw e;
    }
    httpRequests++;
    const text = await res.text();
    let json: Record<string, unknown> | undefined;
    try {
      json =
        text && res.headers.get('content-type')?.includes('json')
          ? (JSON.parse(text) as Record<string, unknown>)
          : undefined;
    } catch {
      json = undefined;
    }
    recordResponse(res.status, json);
    if (res.status >= 500) {
      fail(
        '5xx',
        `${res.status} ${ep.method} ${p.slice(0, 200)} as ${c.role} (${c.variant}, ${c.encoding}): ${text.slice(0, 200)} body=${JSON.stringify(body)?.slice(0, 200)}`,
      );
    }
    if (res.status === 401 && auth && json?.error === 'unauthenticated') await login(c.role);
    if (res.status === 200 && json) track(c.endpoint, params, json);
    // The role logs in again after its own logout, for the requests that follow.
    if (c.endpoint === 'logout' && res.status === 200 && auth) await login(c.role);
  }

  function track(endpoint: string, params: Record<string, unknown>, json: Record<string, unknown>) {
    const sha = json.sha256 as string;
    if (endpoint === 'saveAnswer' && json.duplicate === false)
      acks.answers.set(`${String(params.sessionId)}#${String(json.seq)}`, {
        sessionId: String(params.sessionId),
        seq: Number(json.seq),
        sha256: sha,
      });
    if (endpoint === 'uploadSessionFile')
      acks.files.set(String(json.id), {
        table: 'session_files',
        parent: String(params.sessionId),
        sha256: sha,
      });
    if (endpoint === 'uploadTaskFile')
      acks.files.set(String(json.id), {
        table: 'exam_task_files',
        parent: String(params.examId),
        sha256: sha,
      });
    if (endpoint === 'removeSessionFile' || endpoint === 'removeTaskFile')
      acks.files.delete(String(params.fileId));
    if (endpoint === 'uploadEvidence')
      acks.evidence.set(`${String(params.sessionId)}#${String(json.track)}#${String(json.seq)}`, {
        sessionId: String(params.sessionId),
        track: String(json.track),
        seq: Number(json.seq),
        sha256: sha,
      });
  }

  async function sendSocket(c: SocketCase) {
    const socket = await socketOf(c.role);
    let message = c.message;
    message =
      c.variant === 'invalid'
        ? mutate(message, c.picks, c.junk)
        : withRealIds(message, pool, c.picks);
    const event = c.event === 'msg' ? SOCKET_EVENT : ORAL_SOCKET_EVENT;
    socketMessages++;
    if (!socket.connected) {
      count(statuses, 'socket-refused');
      return;
    }
    const ack = (await socket
      .timeout(10_000)
      .emitWithAck(event, message)
      .catch((e: unknown) => ({ timeout: String(e) }))) as Record<string, unknown>;
    if ('timeout' in ack) {
      count(statuses, 'socket-no-ack');
      log(
        `no acknowledgement in 10 s: ${event} as ${c.role} ${JSON.stringify(message).slice(0, 300)}`,
      );
      return;
    }
    count(statuses, ack.ok ? 'socket-ok' : 'socket-refused');
    if (ack.ok) accepted++;
    else if (typeof ack.reason === 'string') count(errorIds, `socket:${ack.reason}`);
    if (ack.reason === 'unavailable')
      fail(
        '5xx',
        `socket ${event} as ${c.role}: unavailable ${JSON.stringify(message).slice(0, 200)}`,
      );
  }

  async function checkInvariants() {
    // The server's log: errors and unhandled rejections.
    for (const line of serverLog.splice(0)) {
      const level = /"level":(\d+)/.exec(line)?.[1];
      if ((level && Number(level) >= 50) || /unhandledRejection|uncaughtException/.test(line))
        fail('invariant', `server log: ${line}`);
    }
    const health = await fetch(`${url}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    if (health !== 200) fail('invariant', `/healthz answered ${health}`);
    // Audit chains, written and oral.
    for (const table of ['audit_entries', 'oral_audit_entries'] as const) {
      const rows = await db
        .selectFrom(table)
        .select(['session_id', 'seq', 'entry', 'hash'])
        .orderBy('session_id')
        .orderBy('seq')
        .execute();
      const chains = new Map<string, AuditEntry[]>();
      for (const r of rows) {
        const e = JSON.parse(r.entry) as AuditEntry;
        if (e.hash !== r.hash)
          fail('invariant', `${table} ${r.session_id}#${r.seq}: hash column differs`);
        chains.set(r.session_id, [...(chains.get(r.session_id) ?? []), e]);
      }
      for (const [id, chain] of chains) {
        const v = verifyAuditChain(chain);
        if (!v.ok) fail('invariant', `${table} of ${id} broken at ${v.brokenAt}`);
      }
    }
    // References.
    for (const [table, column, parent] of REFERENCES) {
      const r = await sql<{
        n: number | string;
      }>`select count(*) as n from ${sql.table(table)} c where c.${sql.ref(column)} is not null and not exists (select 1 from ${sql.table(parent)} p where p.id = c.${sql.ref(column)})`.execute(
        db,
      );
      const n = Number(r.rows[0]?.n ?? 0);
      if (n > 0) fail('invariant', `${n} rows of ${table}.${column} name a missing ${parent}`);
    }
    // Stored answers: each the hash it was acknowledged with, and its body that hash.
    const answers = await db
      .selectFrom('answer_saves')
      .select(['session_id', 'seq', 'sha256', 'body'])
      .execute();
    const byKey = new Map(answers.map((a) => [`${a.session_id}#${Number(a.seq)}`, a]));
    for (const a of answers)
      if (sha256(a.body) !== a.sha256)
        fail('invariant', `answer ${a.session_id}#${a.seq}: body does not have its hash`);
    for (const [key, ack] of acks.answers) {
      const row = byKey.get(key);
      if (!row) {
        const alive = await db
          .selectFrom('exam_sessions')
          .select('id')
          .where('id', '=', ack.sessionId)
          .executeTakeFirst();
        if (alive) fail('invariant', `acknowledged answer ${key} is gone`);
        else acks.answers.delete(key);
      } else if (row.sha256 !== ack.sha256)
        fail('invariant', `answer ${key}: ${row.sha256} ≠ acknowledged ${ack.sha256}`);
    }
    // Files: the row and the blob's bytes keep the acknowledged hash.
    for (const [id, ack] of acks.files) {
      const row = await db
        .selectFrom(ack.table)
        .select(['sha256', 'blob_key'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) {
        const parentTable = ack.table === 'session_files' ? 'exam_sessions' : 'exams';
        const alive = await db
          .selectFrom(parentTable)
          .select('id')
          .where('id', '=', ack.parent)
          .executeTakeFirst();
        // Every DELETE comes from the fuzzer and untracks its file: a row gone otherwise is lost.
        if (alive) fail('invariant', `acknowledged file ${id} is gone`);
        acks.files.delete(id);
        continue;
      }
      if (row.sha256 !== ack.sha256)
        fail('invariant', `file ${id}: ${row.sha256} ≠ acknowledged ${ack.sha256}`);
      const bytes = await blobs.get(row.blob_key);
      if (!bytes || sha256(bytes) !== ack.sha256)
        fail('invariant', `file ${id}: blob ${bytes ? 'differs' : 'missing'}`);
    }
    for (const [key, ack] of acks.evidence) {
      const row = await db
        .selectFrom('evidence_segments')
        .select(['sha256', 'blob_key', 'deleted_at'])
        .where('session_id', '=', ack.sessionId)
        .where('track', '=', ack.track)
        .where('seq', '=', ack.seq)
        .executeTakeFirst();
      if (!row) {
        fail('invariant', `acknowledged evidence ${key} is gone`);
        acks.evidence.delete(key);
      } else if (row.sha256 !== ack.sha256) fail('invariant', `evidence ${key}: hash differs`);
    }
  }
}

function randomBytesFrom(picks: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < (picks[7]! % 64) + 1; i++)
    out.push((picks[i % picks.length]! * (i + 31)) & 0xff);
  return out;
}

async function startServer(
  dataDir: string,
  schema: string | undefined,
  serverLog: string[],
  onUnhandled: (m: { event: string; detail: string }) => void,
): Promise<{ child: ChildProcess; url: string }> {
  if (schema) {
    const { db } = openDatabase({ dataDir, databaseUrl: PG_URL, schema: 'public' });
    await sql`create schema ${sql.id(schema)}`.execute(db);
    await db.destroy();
  }
  const { child, url } = await startChild(
    'fuzz-server.ts',
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO: 'true',
      LOG_LEVEL: 'warn',
      // The fuzzer logs each role in again after a revocation: not an attack to slow down.
      LOGIN_RATE_LIMIT: '1000000',
      // Every request comes from 127.0.0.1: rate limits (ADR 0022) off, as for the benches.
      RATE_LIMIT_FACTOR: '0',
      SERVER_DETECTION: 'false',
      ...(schema ? { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema } : {}),
    },
    'pipe',
  );
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) serverLog.push(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('message', (m: { type: string; event?: string; detail?: string }) => {
    if (m.type === 'unhandled') onUnhandled({ event: m.event!, detail: m.detail! });
  });
  return { child, url };
}

export type { Db };
