// All SQL about evidence: recorded segments and snapshots (one row per session, track and seq,
// added together with its audit entry), legal holds, job leases and students' explanations.
// One class for both kinds of session: a written session's segments and chain, or (`'oral'`) an
// oral turn's recordings in their own table and the oral session's chain (ADR 0012).
import type SQLite from 'better-sqlite3';
import { nextAuditEntry, type AuditDraft, type AuditEntry } from '@emtihan/domain';
import type { EvidenceSegmentView, EvidenceTrack } from '@emtihan/protocol';
import type { Transaction } from 'kysely';
import { sqliteFileOf, sqliteReaderOf, type Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { appendOralAuditIn } from './oral.repo.ts';
import { appendAuditIn } from './session.repo.ts';

/** Whose segments: a written exam session's, or an oral exam session's. */
export type EvidenceChain = 'written' | 'oral';

// The two segment tables have the same columns, and both session tables have `id` and
// `exam_id`: Kysely is given the written names' types, the SQL the chain's own names.
const TABLES = {
  written: {
    segments: 'evidence_segments',
    sessions: 'exam_sessions',
    audit: 'audit_entries',
    files: 'session_files',
  },
  oral: {
    segments: 'oral_evidence_segments',
    sessions: 'oral_sessions',
    audit: 'oral_audit_entries',
    files: 'oral_files',
  },
} as const;

export interface StoredSegment extends EvidenceSegmentView {
  sessionId: string;
  blobKey: string;
}

export interface Explanation {
  id: string;
  sessionId: string;
  target: string;
  authorId: string;
  body: string;
  createdAt: string;
}

const RETRIES = 8;

export class EvidenceRepo {
  constructor(
    private readonly db: Db,
    readonly chain: EvidenceChain = 'written',
  ) {}

  private get segments(): 'evidence_segments' {
    return TABLES[this.chain].segments as 'evidence_segments';
  }

  private get sessions(): 'exam_sessions' {
    return TABLES[this.chain].sessions as 'exam_sessions';
  }

  private get files(): 'session_files' {
    return TABLES[this.chain].files as 'session_files';
  }

  private append(trx: Transaction<Database>, sessionId: string, drafts: AuditDraft[]) {
    return this.chain === 'oral'
      ? appendOralAuditIn(trx, sessionId, drafts)
      : appendAuditIn(trx, sessionId, drafts);
  }

  async find(sessionId: string, track: string, seq: number): Promise<StoredSegment | undefined> {
    // Asked for every upload: prepared once on SQLite.
    const sqlite = sqliteReaderOf(this.db);
    if (sqlite) {
      const [row] = await sqlite<Database['evidence_segments']>(
        `select * from ${this.segments} where session_id = ? and track = ? and seq = ?`,
        [sessionId, track, seq],
      );
      return row && toSegment(row);
    }
    const r = await this.db
      .selectFrom(this.segments)
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('track', '=', track)
      .where('seq', '=', seq)
      .executeTakeFirst();
    return r && toSegment(r);
  }

  async list(sessionId: string): Promise<StoredSegment[]> {
    const rows = await this.db
      .selectFrom(this.segments)
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('track')
      .orderBy('seq')
      .execute();
    return rows.map(toSegment);
  }

  /**
   * Records a stored segment and its audit entry in one transaction. Returns false when the
   * (session, track, seq) row exists already (another request stored it first): nothing written.
   */
  async insert(s: StoredSegment, audit: AuditDraft): Promise<boolean> {
    const [inserted] = await this.insertMany([{ segment: s, audit }]);
    return inserted!;
  }

  /**
   * Records several stored segments, each with its audit entry, in one transaction (one commit,
   * one fsync: the group commit of uploads). For each item, false when its (session, track, seq)
   * row existed already, in the database or earlier in the same list: nothing written for it.
   * Concurrent appends to one session's chain collide on its primary key and are retried.
   */
  async insertMany(items: { segment: StoredSegment; audit: AuditDraft }[]): Promise<boolean[]> {
    const { inserted, durable } = await this.commitMany(items);
    await durable;
    return inserted;
  }

  /**
   * Kept once everything committed so far is on disk: a row read here may be committed by a group
   * whose log is still being flushed (`commitMany`), so whoever acknowledges it waits for this.
   */
  durable(): Promise<void> {
    return sqliteFileOf(this.db)?.syncWal() ?? Promise.resolve();
  }

  /**
   * `insertMany` in two steps: the transaction, then `durable`, kept once its commit is on disk
   * (at once on PostgreSQL, whose commit waits for it). On SQLite the transaction runs as
   * prepared statements without awaiting, so no other query slips in, and its commit does not
   * wait for the disk: the fdatasync of the log runs on libuv's thread pool while the event loop
   * goes on and the next group commits (as the signals' group commit, ADR 0015). Nothing may be
   * acknowledged before `durable` is kept.
   */
  async commitMany(
    items: { segment: StoredSegment; audit: AuditDraft }[],
  ): Promise<{ inserted: boolean[]; durable: Promise<void> }> {
    const sqlite = sqliteFileOf(this.db);
    for (let attempt = 0; ; attempt++) {
      try {
        if (!sqlite)
          return { inserted: await this.insertKysely(items), durable: Promise.resolve() };
        const inserted = await this.db
          .connection()
          .execute(async () => commitSqlite(sqlite.file, this.chain, items));
        return { inserted, durable: sqlite.syncWal() };
      } catch (e) {
        if (attempt >= RETRIES || !isUniqueViolation(e)) throw e;
        await new Promise((r) => setTimeout(r, 2 + Math.random() * 10 * (attempt + 1)));
      }
    }
  }

  private insertKysely(items: { segment: StoredSegment; audit: AuditDraft }[]): Promise<boolean[]> {
    return this.db.transaction().execute(async (trx) => {
      const inserted: boolean[] = [];
      const drafts = new Map<string, AuditDraft[]>();
      for (const { segment: s, audit } of items) {
        const r = await trx
          .insertInto(this.segments)
          .values(segmentRow(s))
          .onConflict((oc) => oc.columns(['session_id', 'track', 'seq']).doNothing())
          .executeTakeFirst();
        const fresh = Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
        inserted.push(fresh);
        if (fresh) drafts.set(s.sessionId, [...(drafts.get(s.sessionId) ?? []), audit]);
      }
      for (const [sessionId, list] of drafts) await this.append(trx, sessionId, list);
      return inserted;
    });
  }

  /** Marks a segment's bytes as deleted (the row and hash stay) with its audit entry. */
  async markDeleted(s: StoredSegment, audit: AuditDraft, now: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.transaction().execute(async (trx) => {
          await trx
            .updateTable(this.segments)
            .set({ deleted_at: now })
            .where('session_id', '=', s.sessionId)
            .where('track', '=', s.track)
            .where('seq', '=', s.seq)
            .execute();
          await this.append(trx, s.sessionId, [audit]);
        });
        return;
      } catch (e) {
        if (attempt >= RETRIES || !isUniqueViolation(e)) throw e;
        await new Promise((r) => setTimeout(r, 2 + Math.random() * 10 * (attempt + 1)));
      }
    }
  }

  /** Segments (not yet deleted) of exams that closed before `closedBefore`, with no legal hold. */
  async expired(examIds: string[], limit: number): Promise<(StoredSegment & { examId: string })[]> {
    if (examIds.length === 0) return [];
    const rows = await this.db
      .selectFrom(`${this.segments} as e` as 'evidence_segments as e')
      .innerJoin(`${this.sessions} as s` as 'exam_sessions as s', 's.id', 'e.session_id')
      .leftJoin('legal_holds as h', 'h.exam_id', 's.exam_id')
      .selectAll('e')
      .select('s.exam_id as exam_id')
      .where('s.exam_id', 'in', examIds)
      .where('e.deleted_at', 'is', null)
      .where('h.exam_id', 'is', null)
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...toSegment(r), examId: r.exam_id }));
  }

  /**
   * Session files of the given kinds in the exams past retention (not under legal hold): flags'
   * snapshots and the check-in's ID photo, face photo and room scan (an oral session's ID
   * snapshot). Attachments (the student's answers) are never asked for.
   */
  async expiredSessionFiles(
    examIds: string[],
    kinds: readonly string[],
    limit: number,
  ): Promise<
    {
      sessionId: string;
      fileId: string;
      kind: string;
      blobKey: string;
      sha256: string;
    }[]
  > {
    if (examIds.length === 0 || kinds.length === 0) return [];
    const rows = await this.db
      .selectFrom(`${this.files} as f` as 'session_files as f')
      .innerJoin(`${this.sessions} as s` as 'exam_sessions as s', 's.id', 'f.session_id')
      .leftJoin('legal_holds as h', 'h.exam_id', 's.exam_id')
      .select(['f.session_id', 'f.id', 'f.kind', 'f.blob_key', 'f.sha256'])
      .where('s.exam_id', 'in', examIds)
      .where('f.kind', 'in', [...kinds])
      .where('h.exam_id', 'is', null)
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      sessionId: r.session_id,
      fileId: r.id,
      kind: r.kind,
      blobKey: r.blob_key,
      sha256: r.sha256,
    }));
  }

  /** Takes a deleted session file's row out of its session, with its audit entry. */
  async removeSessionFile(sessionId: string, fileId: string, audit: AuditDraft): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.transaction().execute(async (trx) => {
          await trx
            .deleteFrom(this.files)
            .where('session_id', '=', sessionId)
            .where('id', '=', fileId)
            .where('kind', '!=', 'attachment')
            .execute();
          await this.append(trx, sessionId, [audit]);
        });
        return;
      } catch (e) {
        if (attempt >= RETRIES || !isUniqueViolation(e)) throw e;
        await new Promise((r) => setTimeout(r, 2 + Math.random() * 10 * (attempt + 1)));
      }
    }
  }

  async legalHold(examId: string) {
    const r = await this.db
      .selectFrom('legal_holds')
      .selectAll()
      .where('exam_id', '=', examId)
      .executeTakeFirst();
    return r && { examId: r.exam_id, setBy: r.set_by, reason: r.reason, setAt: r.set_at };
  }

  async setLegalHold(
    examId: string,
    hold: { setBy: string; reason: string; setAt: string } | null,
  ): Promise<void> {
    await this.db.deleteFrom('legal_holds').where('exam_id', '=', examId).execute();
    if (hold)
      await this.db
        .insertInto('legal_holds')
        .values({ exam_id: examId, set_by: hold.setBy, reason: hold.reason, set_at: hold.setAt })
        .execute();
  }

  /**
   * Takes the named lease until `until` if it is free or expired; true when this holder has it.
   * A conditional update is atomic on both databases, so only one node wins.
   */
  async takeLease(name: string, holder: string, now: string, until: string): Promise<boolean> {
    await this.db
      .insertInto('job_leases')
      .values({ name, holder: '', expires_at: '', last_run_at: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const r = await this.db
      .updateTable('job_leases')
      .set({ holder, expires_at: until })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('holder', '=', holder)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async finishLease(name: string, holder: string, now: string, nextFree: string): Promise<void> {
    await this.db
      .updateTable('job_leases')
      .set({ last_run_at: now, expires_at: nextFree })
      .where('name', '=', name)
      .where('holder', '=', holder)
      .execute();
  }

  /** Records (or changes) a reviewer's decision on a flag, with its audit entry. */
  async reviewFlag(
    r: {
      flagId: string;
      sessionId: string;
      decision: string;
      note: string;
      reviewerId: string;
      decidedAt: string;
    },
    audit: AuditDraft,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.transaction().execute(async (trx) => {
          await trx.deleteFrom('flag_reviews').where('flag_id', '=', r.flagId).execute();
          await trx
            .insertInto('flag_reviews')
            .values({
              flag_id: r.flagId,
              session_id: r.sessionId,
              decision: r.decision,
              note: r.note,
              reviewer_id: r.reviewerId,
              decided_at: r.decidedAt,
            })
            .execute();
          await appendAuditIn(trx, r.sessionId, [audit]);
        });
        return;
      } catch (e) {
        if (attempt >= RETRIES || !isUniqueViolation(e)) throw e;
      }
    }
  }

  async flagReviews(sessionId: string) {
    const rows = await this.db
      .selectFrom('flag_reviews')
      .selectAll()
      .where('session_id', '=', sessionId)
      .execute();
    return rows.map((r) => ({
      flagId: r.flag_id,
      decision: r.decision as 'confirm' | 'dismiss',
      note: r.note,
      reviewerId: r.reviewer_id,
      decidedAt: r.decided_at,
    }));
  }

  async addExplanation(e: Explanation): Promise<void> {
    await this.db
      .insertInto('evidence_explanations')
      .values({
        id: e.id,
        session_id: e.sessionId,
        target: e.target,
        author_id: e.authorId,
        body: e.body,
        created_at: e.createdAt,
      })
      .execute();
  }

  async explanations(sessionId: string): Promise<Explanation[]> {
    const rows = await this.db
      .selectFrom('evidence_explanations')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      sessionId: r.session_id,
      target: r.target,
      authorId: r.author_id,
      body: r.body,
      createdAt: r.created_at,
    }));
  }
}

function segmentRow(s: StoredSegment): Database['evidence_segments'] {
  return {
    session_id: s.sessionId,
    track: s.track,
    seq: s.seq,
    sha256: s.sha256,
    size: s.size,
    content_type: s.contentType,
    blob_key: s.blobKey,
    started_at: s.startedAt,
    duration_ms: s.durationMs,
    received_at: s.receivedAt,
    deleted_at: null,
  };
}

/** The statements of a SQLite group commit of segments, prepared once per file and chain. */
function prepareStatements(file: SQLite.Database, chain: EvidenceChain) {
  const { segments, audit } = TABLES[chain];
  return {
    syncNormal: file.prepare('pragma synchronous = NORMAL'),
    syncFull: file.prepare('pragma synchronous = FULL'),
    segment: file.prepare(
      `insert into ${segments} (session_id, track, seq, sha256, size, content_type, blob_key, started_at, duration_ms, received_at, deleted_at) ` +
        'values (@session_id, @track, @seq, @sha256, @size, @content_type, @blob_key, @started_at, @duration_ms, @received_at, @deleted_at) ' +
        'on conflict (session_id, track, seq) do nothing',
    ),
    lastAudit: file.prepare<[string], { entry: string }>(
      `select entry from ${audit} where session_id = ? order by seq desc limit 1`,
    ),
    audit: file.prepare(
      `insert into ${audit} (session_id, seq, entry, hash) values (@session_id, @seq, @entry, @hash)`,
    ),
  };
}
const prepared = new WeakMap<
  SQLite.Database,
  Map<EvidenceChain, ReturnType<typeof prepareStatements>>
>();
function sqliteStatements(file: SQLite.Database, chain: EvidenceChain) {
  let byChain = prepared.get(file);
  if (!byChain) prepared.set(file, (byChain = new Map()));
  let s = byChain.get(chain);
  if (!s) byChain.set(chain, (s = prepareStatements(file, chain)));
  return s;
}

function commitSqlite(
  file: SQLite.Database,
  chain: EvidenceChain,
  items: { segment: StoredSegment; audit: AuditDraft }[],
): boolean[] {
  const st = sqliteStatements(file, chain);
  // `synchronous = NORMAL` for this transaction only: its commit does not wait for the disk (the
  // caller waits for `syncWal` before acknowledging); every other transaction keeps FULL.
  st.syncNormal.run();
  try {
    // `immediate`: the write lock from the start, so no other writer can slip in between.
    return file
      .transaction((): boolean[] => {
        const last = new Map<string, AuditEntry | null>();
        return items.map(({ segment, audit }) => {
          if (st.segment.run(segmentRow(segment)).changes !== 1) return false;
          const id = segment.sessionId;
          if (!last.has(id)) {
            const r = st.lastAudit.get(id);
            last.set(id, r ? (JSON.parse(r.entry) as AuditEntry) : null);
          }
          const entry = nextAuditEntry(last.get(id)!, audit);
          st.audit.run({
            session_id: id,
            seq: entry.seq,
            entry: JSON.stringify(entry),
            hash: entry.hash,
          });
          last.set(id, entry);
          return true;
        });
      })
      .immediate();
  } finally {
    st.syncFull.run();
  }
}

function toSegment(r: Database['evidence_segments']): StoredSegment {
  return {
    sessionId: r.session_id,
    track: r.track as EvidenceTrack,
    seq: Number(r.seq),
    sha256: r.sha256,
    size: Number(r.size),
    contentType: r.content_type,
    blobKey: r.blob_key,
    startedAt: Number(r.started_at),
    durationMs: Number(r.duration_ms),
    receivedAt: r.received_at,
    deletedAt: r.deleted_at,
  };
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err.code === '23505' ||
    err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    err.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed|duplicate key/.test(err.message ?? '')
  );
}
