// All SQL about signals and flags (ADR 0006): signal batches (once per session + seq) with their
// signals in the same row (enough to rebuild a session's flag tracker on any node), flags, their
// evidence files, and the acknowledgement deadlines of warnings. Many sessions' writes commit
// in one transaction (the write-behind queue of the signal service calls `commitMany`).
import {
  nextAuditEntry,
  type Accommodation,
  type AuditDraft,
  type AuditEntry,
  type FlagCategory,
  type RestBreak,
  type Severity,
  type SittingSignal,
} from '@emtihan/domain';
import type SQLite from 'better-sqlite3';
import type { ServerCheckView } from '@emtihan/protocol';
import { sqliteFileOf, type Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { appendAuditIn, type Trx } from './session.repo.ts';

export interface StoredFlag {
  id: string;
  sessionId: string;
  examId: string;
  category: FlagCategory;
  severity: Severity;
  startAt: number;
  endAt: number;
  ongoing: boolean;
  evidenceFileId: string | null;
  source: 'signals' | 'warning';
  /** The server's re-check of the evidence (read with the flag; never written through it). */
  serverCheck?: ServerCheckView | null;
}

export interface StoredSignal {
  batchSeq: number;
  /** The signal's place in the page's batch; -1 for the server's rest-break marks. */
  idx: number;
  signal: SittingSignal;
  evidenceFileId: string | null;
}

/** The page's signals of a batch (the server's rest-break marks stored with them are not). */
const pageSignals = (signals: readonly StoredSignal[]): number =>
  signals.reduce((n, s) => (s.signal.kind === 'rest-break' ? n : n + 1), 0);

export interface EvidenceFile {
  id: string;
  blobKey: string;
  sha256: string;
  size: number;
  /** Queue the server's re-check of this snapshot with it (ADR 0009). */
  recheck?: boolean;
}

/** One session's share of a group commit. */
export interface SignalWrite {
  sessionId: string;
  batch?: { seq: number; signals: StoredSignal[] };
  /**
   * Stored only while the session's status (read in the commit's transaction: the database is
   * the truth, whichever node changed it) is one of these.
   */
  liveStatuses?: readonly string[];
  evidence?: EvidenceFile;
  flags: StoredFlag[];
  audit: AuditDraft[];
  /** Where the session's tracker stands after this batch (kept with it, if it is stored). */
  tracker?: { seq: number; state: string };
}

/**
 * What became of one write of a group: stored; its batch had been stored before (nothing of it
 * is stored again); or the sitting is no longer live (nothing of it is stored).
 */
export type CommitOutcome = 'stored' | 'duplicate' | 'not-live';

export interface DueWarningCheck {
  sessionId: string;
  warningId: string;
  dueAt: string;
}

const CHUNK = 400;

/** What the signal service needs of a sitting to take its batches. */
export interface SittingMeta {
  studentId: string;
  examId: string;
  status: string;
}

/** A sitting's accommodation and rest breaks, as its state holds them. */
export interface SittingRest {
  accommodation: Accommodation | null;
  breaks: RestBreak[];
}

const toSittingRest = (
  r: { accommodation: string | null; breaks: string | null } | undefined,
): SittingRest | undefined =>
  r && {
    accommodation: r.accommodation ? (JSON.parse(r.accommodation) as Accommodation) : null,
    breaks: r.breaks ? (JSON.parse(r.breaks) as RestBreak[]) : [],
  };

const toSittingMeta = (
  r: { student_id: string; exam_id: string; status: string } | undefined,
): SittingMeta | undefined => r && { studentId: r.student_id, examId: r.exam_id, status: r.status };

/** Reads of starting sittings run in one connection turn at most this many at a time. */
const READ_GROUP = 500;

interface PendingRead {
  run(st: SqliteStatements): unknown;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export class SignalRepo {
  private reads: PendingRead[] = [];
  private reading = false;

  constructor(private readonly db: Db) {}

  /**
   * Commits every write in one transaction and returns what became of each, and `durable`: a
   * promise kept once the commit is on disk (at once on PostgreSQL, whose commit waits for it).
   * Throws when the transaction fails: then nothing of any write is stored.
   */
  async commitMany(
    writes: SignalWrite[],
    now: string,
  ): Promise<{ outcomes: CommitOutcome[]; durable: Promise<void> }> {
    const sqlite = sqliteFileOf(this.db);
    if (!sqlite) {
      // PostgreSQL: a few multi-row statements per group, whatever its size (round trips).
      const outcomes = await this.db.transaction().execute((trx) => commitKysely(trx, writes, now));
      return { outcomes, durable: Promise.resolve() };
    }
    // SQLite: prepared statements run synchronously while holding Kysely's only connection, so
    // the group is one uninterrupted transaction with no SQL to build or parse. Its commit
    // writes the log without waiting for the disk; the fdatasync that makes it durable runs on
    // the thread pool while the next group commits (ADR 0015).
    const outcomes = await this.db
      .connection()
      .execute(async () => commitSqlite(sqlite.file, writes, now));
    return { outcomes, durable: sqlite.syncWal() };
  }

  /**
   * A sitting's student, exam and status (not its state document): what the signal service
   * needs to take its batches, read when the sitting starts sending on this node.
   */
  async sittingOf(sessionId: string): Promise<SittingMeta | undefined> {
    const sqlite = sqliteFileOf(this.db);
    if (sqlite) return this.read(sqlite.file, (st) => toSittingMeta(st.sitting.get(sessionId)));
    const r = await this.db
      .selectFrom('exam_sessions')
      .select(['student_id', 'exam_id', 'status'])
      .where('id', '=', sessionId)
      .executeTakeFirst();
    return toSittingMeta(r);
  }

  /**
   * A sitting's accommodation and rest breaks (two fields of its state document, not all of it):
   * read once when a sitting starts sending on this node, and with each batch of a sitting that
   * may take breaks (a break begun on any node is seen by the next batch).
   */
  async sittingRestOf(sessionId: string): Promise<SittingRest | undefined> {
    const sqlite = sqliteFileOf(this.db);
    if (sqlite) return this.read(sqlite.file, (st) => toSittingRest(st.rest.get(sessionId)));
    const r = await this.db
      .selectFrom('exam_sessions')
      .select('state')
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (!r) return undefined;
    const state = JSON.parse(r.state) as {
      terms?: { accommodation?: Accommodation };
      breaks?: RestBreak[];
    };
    return { accommodation: state.terms?.accommodation ?? null, breaks: state.breaks ?? [] };
  }

  /**
   * Everything needed to rebuild a session's tracker, in the order it was accepted: where it
   * last stood (`tracker`, unless `whole`) and the signals of the batches after that, or every
   * signal; every stored batch number; the session's flags.
   */
  async loadSession(
    sessionId: string,
    { whole = false }: { whole?: boolean } = {},
  ): Promise<{
    tracker?: { seq: number; state: string };
    signals: StoredSignal[];
    seqs: number[];
    flags: StoredFlag[];
  }> {
    const sqlite = sqliteFileOf(this.db);
    const [saved, batches, seqs, flags] = sqlite
      ? await this.read(sqlite.file, (st) => {
          const saved = whole ? undefined : st.tracker.get(sessionId);
          const batches = saved
            ? st.batchesAfter.all(sessionId, saved.seq)
            : st.batches.all(sessionId);
          // Every batch read: their numbers are all the numbers.
          const seqs = saved ? st.seqs.all(sessionId) : batches.map((b) => b.seq);
          return [saved, batches, seqs, st.flags.all(sessionId).map(toFlag)] as const;
        })
      : await this.loadKysely(sessionId, whole);
    const signals: StoredSignal[] = [];
    for (const b of batches) {
      const batchSeq = Number(b.seq);
      for (const s of JSON.parse(b.signals) as BatchSignal[]) {
        signals.push({
          batchSeq,
          idx: s.idx,
          signal: s.signal,
          evidenceFileId: s.evidenceFileId ?? null,
        });
      }
    }
    // Accepted times never go back, so this is the order of acceptance; within a batch, equal
    // times keep the batch's own order (a stable sort): a rest-break mark stored before a signal
    // of the same moment was taken before it.
    signals.sort((a, b) => a.signal.at - b.signal.at || a.batchSeq - b.batchSeq);
    return {
      ...(saved ? { tracker: { seq: Number(saved.seq), state: saved.state } } : {}),
      signals,
      seqs: seqs.map(Number),
      flags,
    };
  }

  private async loadKysely(sessionId: string, whole: boolean) {
    const saved = whole
      ? undefined
      : await this.db
          .selectFrom('signal_trackers')
          .select(['seq', 'state'])
          .where('session_id', '=', sessionId)
          .executeTakeFirst();
    let batches = this.db
      .selectFrom('signal_batches')
      .select(['seq', 'signals'])
      .where('session_id', '=', sessionId);
    if (saved) batches = batches.where('seq', '>', saved.seq);
    const [rows, seqs, flags] = await Promise.all([
      batches.execute(),
      // Without a stored tracker every batch is read: their numbers are all the numbers.
      saved
        ? this.db
            .selectFrom('signal_batches')
            .select('seq')
            .where('session_id', '=', sessionId)
            .execute()
        : undefined,
      this.flagsOfSession(sessionId),
    ]);
    return [saved, rows, (seqs ?? rows).map((r) => r.seq), flags] as const;
  }

  /**
   * SQLite: the reads of sittings that start (their meta, their tracker's batches and flags),
   * gathered while the event loop turns and run with prepared statements, up to READ_GROUP at a
   * time, in one turn of Kysely's only connection: no SQL built or compiled per read, and a
   * group commit waits behind one such turn, not behind a queued query per sitting (ADR 0015).
   */
  private read<T>(file: SQLite.Database, run: (st: SqliteStatements) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.reads.push({ run, resolve: resolve as (v: unknown) => void, reject });
      if (this.reading) return;
      this.reading = true;
      setImmediate(() => void this.flushReads(file));
    });
  }

  private async flushReads(file: SQLite.Database): Promise<void> {
    while (this.reads.length > 0) {
      const items = this.reads.splice(0, READ_GROUP);
      try {
        await this.db.connection().execute(async () => {
          const st = sqliteStatements(file);
          for (const item of items) {
            try {
              item.resolve(item.run(st));
            } catch (err) {
              item.reject(err);
            }
          }
        });
      } catch (err) {
        // The connection was not had: none of them ran (a settled promise ignores this).
        for (const item of items) item.reject(err);
      }
    }
    // In the same turn as the last check: a read queued from now on schedules the next flush.
    this.reading = false;
  }

  async flagsOfSession(sessionId: string): Promise<StoredFlag[]> {
    const rows = await this.withChecks()
      .where('flags.session_id', '=', sessionId)
      .orderBy('flags.start_at', 'desc')
      .execute();
    return rows.map(toFlag);
  }

  /** Every flag of the exam's sittings, newest first. */
  async flagsOfExam(examId: string): Promise<StoredFlag[]> {
    const rows = await this.withChecks()
      .where('flags.exam_id', '=', examId)
      .orderBy('flags.start_at', 'desc')
      .execute();
    return rows.map(toFlag);
  }

  /** The flags whose evidence is this file (to tell the staff what the re-check saw). */
  async flagsWithEvidence(fileId: string): Promise<StoredFlag[]> {
    const rows = await this.withChecks().where('flags.evidence_file_id', '=', fileId).execute();
    return rows.map(toFlag);
  }

  private withChecks() {
    return this.db
      .selectFrom('flags')
      .leftJoin('detection_checks as c', 'c.id', 'flags.evidence_file_id')
      .selectAll('flags')
      .select(['c.status as check_status', 'c.result as check_result']);
  }

  async countSignals(sessionId: string): Promise<number> {
    const r = await this.db
      .selectFrom('signal_batches')
      .select((eb) => eb.fn.sum<number | string | null>('count').as('n'))
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    return Number(r.n ?? 0);
  }

  /** Arms a warning's acknowledgement deadline, in the transaction that issues the warning. */
  async scheduleWarningCheck(
    trx: Trx,
    sessionId: string,
    warningId: string,
    dueAt: string,
  ): Promise<void> {
    await trx
      .insertInto('warning_checks')
      .values({ session_id: sessionId, warning_id: warningId, due_at: dueAt, done: 0 })
      .onConflict((oc) => oc.columns(['session_id', 'warning_id']).doNothing())
      .execute();
  }

  async dueWarningChecks(now: string, limit: number): Promise<DueWarningCheck[]> {
    const rows = await this.db
      .selectFrom('warning_checks')
      .selectAll()
      .where('done', '=', 0)
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ sessionId: r.session_id, warningId: r.warning_id, dueAt: r.due_at }));
  }

  /**
   * Closes a warning check, storing its flag (if any) and audit entries with it. False when
   * another node closed it first (then nothing is written).
   */
  async closeWarningCheck(
    check: DueWarningCheck,
    flag: StoredFlag | null,
    audit: AuditDraft[],
    now: string,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('warning_checks')
        .set({ done: 1 })
        .where('session_id', '=', check.sessionId)
        .where('warning_id', '=', check.warningId)
        .where('done', '=', 0)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      if (flag) await upsertFlag(trx, flag, now);
      await appendAuditIn(trx, check.sessionId, audit);
      return true;
    });
  }
}

const flagRow = (f: StoredFlag, now: string): Database['flags'] => ({
  id: f.id,
  session_id: f.sessionId,
  exam_id: f.examId,
  category: f.category,
  severity: f.severity,
  start_at: f.startAt,
  end_at: f.endAt,
  ongoing: f.ongoing ? 1 : 0,
  evidence_file_id: f.evidenceFileId,
  source: f.source,
  created_at: now,
  updated_at: now,
});

/** The group's audit drafts per session, in order. */
function auditDrafts(writes: SignalWrite[]): Map<string, AuditDraft[]> {
  const drafts = new Map<string, AuditDraft[]>();
  for (const w of writes) {
    if (w.audit.length === 0) continue;
    const list = drafts.get(w.sessionId) ?? [];
    list.push(...w.audit);
    drafts.set(w.sessionId, list);
  }
  return drafts;
}

/** The audit rows that continue each session's chain from its last entry. */
function chainRows(
  drafts: Map<string, AuditDraft[]>,
  last: Map<string, AuditEntry>,
): Database['audit_entries'][] {
  const rows: Database['audit_entries'][] = [];
  for (const [sessionId, list] of drafts) {
    let previous: AuditEntry | null = last.get(sessionId) ?? null;
    for (const draft of list) {
      const entry = nextAuditEntry(previous, draft);
      rows.push({
        session_id: sessionId,
        seq: entry.seq,
        entry: JSON.stringify(entry),
        hash: entry.hash,
      });
      previous = entry;
    }
  }
  return rows;
}

/** The last state of each flag in the group (one row may not be upserted twice). */
function lastFlagStates(writes: SignalWrite[]): StoredFlag[] {
  const flags = new Map<string, StoredFlag>();
  for (const w of writes)
    for (const f of w.flags) flags.set(`${f.sessionId}:${f.category}:${f.startAt}`, f);
  return [...flags.values()];
}

/** A signal as its batch's row holds it (`signal_batches.signals`, a JSON array). */
interface BatchSignal {
  idx: number;
  signal: SittingSignal;
  evidenceFileId?: string;
}

/** The batch's signals as one JSON text: one row per batch, one B-tree to write (ADR 0015). */
const batchSignals = (signals: StoredSignal[]): string =>
  JSON.stringify(
    signals.map((s): BatchSignal =>
      s.evidenceFileId
        ? { idx: s.idx, signal: s.signal, evidenceFileId: s.evidenceFileId }
        : { idx: s.idx, signal: s.signal },
    ),
  );

const fileRow = (sessionId: string, e: EvidenceFile, now: string): Database['session_files'] => ({
  id: e.id,
  session_id: sessionId,
  kind: 'flag-evidence',
  name: `${e.id}.jpg`,
  content_type: 'image/jpeg',
  size: e.size,
  sha256: e.sha256,
  blob_key: e.blobKey,
  created_at: now,
});

async function commitKysely(
  trx: Trx,
  writes: SignalWrite[],
  now: string,
): Promise<CommitOutcome[]> {
  const checked = [
    ...new Set(writes.filter((w) => w.batch && w.liveStatuses).map((w) => w.sessionId)),
  ];
  const status = new Map<string, string>();
  for (let i = 0; i < checked.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('exam_sessions')
      .select(['id', 'status'])
      .where('id', 'in', checked.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) status.set(r.id, r.status);
  }
  const live = writes.map(
    (w) => !w.batch || !w.liveStatuses || w.liveStatuses.includes(status.get(w.sessionId) ?? ''),
  );
  const stored = new Set<string>();
  const batches = writes.flatMap((w, i) =>
    w.batch && live[i]
      ? [
          {
            session_id: w.sessionId,
            seq: w.batch.seq,
            count: pageSignals(w.batch.signals),
            received_at: now,
            signals: batchSignals(w.batch.signals),
          },
        ]
      : [],
  );
  for (let i = 0; i < batches.length; i += CHUNK) {
    const rows = await trx
      .insertInto('signal_batches')
      .values(batches.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['session_id', 'seq']).doNothing())
      .returning(['session_id', 'seq'])
      .execute();
    for (const r of rows) stored.add(`${r.session_id}:${Number(r.seq)}`);
  }
  const outcomes: CommitOutcome[] = writes.map((w, i) =>
    !live[i]
      ? 'not-live'
      : !w.batch || stored.has(`${w.sessionId}:${w.batch.seq}`)
        ? 'stored'
        : 'duplicate',
  );
  const kept = writes.filter((_, i) => outcomes[i] === 'stored');
  const files = kept.flatMap((w) => (w.evidence ? [fileRow(w.sessionId, w.evidence, now)] : []));
  for (let i = 0; i < files.length; i += CHUNK) {
    await trx
      .insertInto('session_files')
      .values(files.slice(i, i + CHUNK))
      .execute();
  }
  // The server's re-check of each snapshot, queued with it: durable, off the ingestion path.
  const checks = kept.flatMap((w) =>
    w.evidence?.recheck ? [checkRow(w.sessionId, w.evidence.id, now)] : [],
  );
  for (let i = 0; i < checks.length; i += CHUNK) {
    await trx
      .insertInto('detection_checks')
      .values(checks.slice(i, i + CHUNK))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  // Where each tracker stands: kept only if newer than the one stored (another node's).
  const trackers = kept.flatMap((w) =>
    w.tracker
      ? [{ session_id: w.sessionId, seq: w.tracker.seq, state: w.tracker.state, updated_at: now }]
      : [],
  );
  for (let i = 0; i < trackers.length; i += CHUNK) {
    await trx
      .insertInto('signal_trackers')
      .values(trackers.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc
          .column('session_id')
          .doUpdateSet((eb) => ({
            seq: eb.ref('excluded.seq'),
            state: eb.ref('excluded.state'),
            updated_at: eb.ref('excluded.updated_at'),
          }))
          .whereRef('excluded.seq', '>', 'signal_trackers.seq'),
      )
      .execute();
  }
  const flagRows = lastFlagStates(kept).map((f) => flagRow(f, now));
  for (let i = 0; i < flagRows.length; i += CHUNK) {
    await trx
      .insertInto('flags')
      .values(flagRows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['session_id', 'category', 'start_at']).doUpdateSet((eb) => ({
          severity: eb.ref('excluded.severity'),
          end_at: eb.ref('excluded.end_at'),
          ongoing: eb.ref('excluded.ongoing'),
          evidence_file_id: eb.ref('excluded.evidence_file_id'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  const drafts = auditDrafts(kept);
  if (drafts.size > 0) {
    // Each session's last entry: one read for the group.
    const lastRows = await trx
      .selectFrom('audit_entries as a')
      .select(['a.session_id', 'a.entry'])
      .where('a.session_id', 'in', [...drafts.keys()])
      .where((eb) =>
        eb(
          'a.seq',
          '=',
          eb
            .selectFrom('audit_entries as b')
            .select((b) => b.fn.max('b.seq').as('m'))
            .whereRef('b.session_id', '=', 'a.session_id'),
        ),
      )
      .execute();
    const last = new Map(lastRows.map((r) => [r.session_id, JSON.parse(r.entry) as AuditEntry]));
    const auditRows = chainRows(drafts, last);
    for (let i = 0; i < auditRows.length; i += CHUNK) {
      await trx
        .insertInto('audit_entries')
        .values(auditRows.slice(i, i + CHUNK))
        .execute();
    }
  }
  return outcomes;
}

/** The statements of a SQLite group commit and of a starting sitting's reads, prepared once per file. */
function prepareStatements(file: SQLite.Database) {
  return {
    syncNormal: file.prepare('pragma synchronous = NORMAL'),
    syncFull: file.prepare('pragma synchronous = FULL'),
    status: file.prepare<[string], { status: string }>(
      'select status from exam_sessions where id = ?',
    ),
    batch: file.prepare(
      'insert into signal_batches (session_id, seq, count, received_at, signals) values (?, ?, ?, ?, ?) ' +
        'on conflict (session_id, seq) do nothing',
    ),
    file: file.prepare(
      'insert into session_files (id, session_id, kind, name, content_type, size, sha256, blob_key, created_at) ' +
        'values (@id, @session_id, @kind, @name, @content_type, @size, @sha256, @blob_key, @created_at)',
    ),
    flag: file.prepare(
      'insert into flags (id, session_id, exam_id, category, severity, start_at, end_at, ongoing, evidence_file_id, source, created_at, updated_at) ' +
        'values (@id, @session_id, @exam_id, @category, @severity, @start_at, @end_at, @ongoing, @evidence_file_id, @source, @created_at, @updated_at) ' +
        'on conflict (session_id, category, start_at) do update set severity = excluded.severity, ' +
        'end_at = excluded.end_at, ongoing = excluded.ongoing, ' +
        'evidence_file_id = excluded.evidence_file_id, updated_at = excluded.updated_at',
    ),
    check: file.prepare(
      'insert into detection_checks (id, kind, session_id, input, status, attempts, lease_until, result, created_at, updated_at) ' +
        'values (@id, @kind, @session_id, @input, @status, @attempts, @lease_until, @result, @created_at, @updated_at) ' +
        'on conflict (id) do nothing',
    ),
    lastAudit: file.prepare<[string], { entry: string }>(
      'select entry from audit_entries where session_id = ? order by seq desc limit 1',
    ),
    audit: file.prepare(
      'insert into audit_entries (session_id, seq, entry, hash) values (@session_id, @seq, @entry, @hash)',
    ),
    // The reads of a sitting that starts sending on this node.
    sitting: file.prepare<[string], { student_id: string; exam_id: string; status: string }>(
      'select student_id, exam_id, status from exam_sessions where id = ?',
    ),
    rest: file.prepare<[string], { accommodation: string | null; breaks: string | null }>(
      "select json_extract(state, '$.terms.accommodation') as accommodation, " +
        "json_extract(state, '$.breaks') as breaks from exam_sessions where id = ?",
    ),
    batches: file.prepare<[string], { seq: number; signals: string }>(
      'select seq, signals from signal_batches where session_id = ?',
    ),
    batchesAfter: file.prepare<[string, number | string], { seq: number; signals: string }>(
      'select seq, signals from signal_batches where session_id = ? and seq > ?',
    ),
    seqs: file
      .prepare<[string], number>('select seq from signal_batches where session_id = ?')
      .pluck(),
    tracker: file.prepare<[string], { seq: number; state: string }>(
      'select seq, state from signal_trackers where session_id = ?',
    ),
    saveTracker: file.prepare(
      'insert into signal_trackers (session_id, seq, state, updated_at) values (?, ?, ?, ?) ' +
        'on conflict (session_id) do update set seq = excluded.seq, state = excluded.state, ' +
        'updated_at = excluded.updated_at where excluded.seq > signal_trackers.seq',
    ),
    flags: file.prepare<
      [string],
      Database['flags'] & { check_status: string | null; check_result: string | null }
    >(
      'select flags.*, c.status as check_status, c.result as check_result from flags ' +
        'left join detection_checks as c on c.id = flags.evidence_file_id ' +
        'where flags.session_id = ? order by flags.start_at desc',
    ),
  };
}
type SqliteStatements = ReturnType<typeof prepareStatements>;
const prepared = new WeakMap<SQLite.Database, SqliteStatements>();

function sqliteStatements(file: SQLite.Database): SqliteStatements {
  let s = prepared.get(file);
  if (!s) {
    s = prepareStatements(file);
    prepared.set(file, s);
  }
  return s;
}

function commitSqlite(file: SQLite.Database, writes: SignalWrite[], now: string): CommitOutcome[] {
  const st = sqliteStatements(file);
  // `synchronous = NORMAL` for this transaction only: its commit does not wait for the disk (the
  // caller syncs the log before acknowledging); every other transaction keeps FULL.
  st.syncNormal.run();
  try {
    return commitGroup(file, st, writes, now);
  } finally {
    st.syncFull.run();
  }
}

function commitGroup(
  file: SQLite.Database,
  st: ReturnType<typeof prepareStatements>,
  writes: SignalWrite[],
  now: string,
): CommitOutcome[] {
  // `immediate`: the write lock from the start, so no other writer can slip in between.
  return file
    .transaction((): CommitOutcome[] => {
      const status = new Map<string, string | undefined>();
      const outcomes = writes.map((w): CommitOutcome => {
        if (!w.batch) return 'stored';
        if (w.liveStatuses) {
          if (!status.has(w.sessionId)) status.set(w.sessionId, st.status.get(w.sessionId)?.status);
          if (!w.liveStatuses.includes(status.get(w.sessionId) ?? '')) return 'not-live';
        }
        const r = st.batch.run(
          w.sessionId,
          w.batch.seq,
          pageSignals(w.batch.signals),
          now,
          batchSignals(w.batch.signals),
        );
        return r.changes === 1 ? 'stored' : 'duplicate';
      });
      const kept = writes.filter((_, i) => outcomes[i] === 'stored');
      for (const w of kept) {
        if (w.evidence) st.file.run(fileRow(w.sessionId, w.evidence, now));
        if (w.evidence?.recheck) st.check.run(checkRow(w.sessionId, w.evidence.id, now));
        if (w.tracker) st.saveTracker.run(w.sessionId, w.tracker.seq, w.tracker.state, now);
      }
      for (const f of lastFlagStates(kept)) st.flag.run(flagRow(f, now));
      const drafts = auditDrafts(kept);
      const last = new Map<string, AuditEntry>();
      for (const sessionId of drafts.keys()) {
        const r = st.lastAudit.get(sessionId);
        if (r) last.set(sessionId, JSON.parse(r.entry) as AuditEntry);
      }
      for (const row of chainRows(drafts, last)) st.audit.run(row);
      return outcomes;
    })
    .immediate();
}

async function upsertFlag(trx: Trx, f: StoredFlag, now: string): Promise<void> {
  await trx
    .insertInto('flags')
    .values(flagRow(f, now))
    .onConflict((oc) =>
      oc.columns(['session_id', 'category', 'start_at']).doUpdateSet({
        severity: f.severity,
        end_at: f.endAt,
        ongoing: f.ongoing ? 1 : 0,
        evidence_file_id: f.evidenceFileId,
        updated_at: now,
      }),
    )
    .execute();
}

function checkRow(sessionId: string, fileId: string, now: string) {
  return {
    id: fileId,
    kind: 'evidence',
    session_id: sessionId,
    input: JSON.stringify({ fileId }),
    status: 'pending',
    attempts: 0,
    lease_until: null,
    result: null,
    created_at: now,
    updated_at: now,
  };
}

/** A check row as the staff see it: status, and what was seen once done. */
export function serverCheckOf(
  status: string | null | undefined,
  result: string | null | undefined,
): ServerCheckView | null {
  if (!status) return null;
  if (status === 'done' && result) {
    const seen = JSON.parse(result) as { faces: number; objects: string[]; similarity?: number };
    return {
      status: 'done',
      faces: seen.faces,
      objects: seen.objects,
      ...(seen.similarity !== undefined ? { similarity: seen.similarity } : {}),
    };
  }
  return { status: status === 'failed' ? 'failed' : 'pending' };
}

function toFlag(
  r: Database['flags'] & { check_status?: string | null; check_result?: string | null },
): StoredFlag {
  return {
    serverCheck: serverCheckOf(r.check_status, r.check_result),
    id: r.id,
    sessionId: r.session_id,
    examId: r.exam_id,
    category: r.category as FlagCategory,
    severity: r.severity as Severity,
    startAt: Number(r.start_at),
    endAt: Number(r.end_at),
    ongoing: Number(r.ongoing) === 1,
    evidenceFileId: r.evidence_file_id,
    source: r.source as StoredFlag['source'],
  };
}
