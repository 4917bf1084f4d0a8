// All SQL about exam sessions: their state (optimistic versioning), the hash-chained audit log,
// answer saves and uploaded files. A state change and its audit entries commit together.
import {
  nextAuditEntry,
  type AuditDraft,
  type AuditEntry,
  type WrittenSessionState,
} from '@emtihan/domain';
import type { SavedAnswer, SessionFileKind, SessionFileView } from '@emtihan/protocol';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

export interface StoredSession {
  id: string;
  examId: string;
  studentId: string;
  state: WrittenSessionState;
  version: number;
}

export interface NewSessionFile extends Omit<SessionFileView, 'createdAt'> {
  sessionId: string;
  blobKey: string;
}

export type Trx = Transaction<Database>;

export class SessionRepo {
  constructor(private readonly db: Db) {}

  /** Inserts the session unless the student already has one for the exam; returns the stored one. */
  async insertOrGet(s: Omit<StoredSession, 'version'>, now: string): Promise<StoredSession> {
    await this.db
      .insertInto('exam_sessions')
      .values({
        id: s.id,
        exam_id: s.examId,
        student_id: s.studentId,
        status: s.state.status,
        state: JSON.stringify(s.state),
        version: 1,
        wake_at: null,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['exam_id', 'student_id']).doNothing())
      .execute();
    const stored = await this.findByExamAndStudent(s.examId, s.studentId);
    if (!stored) throw new Error('session vanished after insert');
    return stored;
  }

  async findById(id: string): Promise<StoredSession | undefined> {
    const r = await this.db
      .selectFrom('exam_sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r && toStored(r);
  }

  async findByExamAndStudent(
    examId: string,
    studentId: string,
  ): Promise<StoredSession | undefined> {
    const r = await this.db
      .selectFrom('exam_sessions')
      .selectAll()
      .where('exam_id', '=', examId)
      .where('student_id', '=', studentId)
      .executeTakeFirst();
    return r && toStored(r);
  }

  async listByExam(examId: string): Promise<StoredSession[]> {
    const rows = await this.db
      .selectFrom('exam_sessions')
      .selectAll()
      .where('exam_id', '=', examId)
      .execute();
    return rows.map(toStored);
  }

  /** A student's sittings of every exam (their accommodation changed, ADR 0018). */
  async listByStudent(studentId: string): Promise<StoredSession[]> {
    const rows = await this.db
      .selectFrom('exam_sessions')
      .selectAll()
      .where('student_id', '=', studentId)
      .execute();
    return rows.map(toStored);
  }

  /** Sessions whose wake time has come, oldest first. */
  async due(now: string, limit: number): Promise<StoredSession[]> {
    const rows = await this.db
      .selectFrom('exam_sessions')
      .selectAll()
      .where('wake_at', 'is not', null)
      .where('wake_at', '<=', now)
      .orderBy('wake_at')
      .limit(limit)
      .execute();
    return rows.map(toStored);
  }

  /**
   * Stores the new state if nobody changed the session since `expectedVersion`, appends the audit
   * entries to the chain, and runs `extra` in the same transaction. False: stale, nothing written.
   */
  async commit(
    sessionId: string,
    expectedVersion: number,
    state: WrittenSessionState,
    wakeAt: string | null,
    audit: AuditDraft[],
    now: string,
    extra?: (trx: Trx) => Promise<void>,
  ): Promise<boolean> {
    // On PostgreSQL another transaction (an evidence segment, a flag) may append to the same
    // chain meanwhile: the primary key refuses the fork, and this commit counts as stale, so the
    // caller reloads and tries again (it was a 500; ADR 0021).
    return this.commitOnce(sessionId, expectedVersion, state, wakeAt, audit, now, extra).catch(
      (e: unknown) => {
        if (isChainFork(e)) return false;
        throw e;
      },
    );
  }

  private commitOnce(
    sessionId: string,
    expectedVersion: number,
    state: WrittenSessionState,
    wakeAt: string | null,
    audit: AuditDraft[],
    now: string,
    extra?: (trx: Trx) => Promise<void>,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('exam_sessions')
        .set({
          state: JSON.stringify(state),
          status: state.status,
          version: expectedVersion + 1,
          wake_at: wakeAt,
          updated_at: now,
        })
        .where('id', '=', sessionId)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await appendAuditIn(trx, sessionId, audit);
      if (extra) await extra(trx);
      return true;
    });
  }

  /** Appends entries that record something without changing the state (connectivity, …). */
  async appendAudit(sessionId: string, drafts: AuditDraft[]): Promise<void> {
    await retryChainFork(() =>
      this.db.transaction().execute((trx) => appendAuditIn(trx, sessionId, drafts)),
    );
  }

  async lastAudit(sessionId: string): Promise<AuditEntry | undefined> {
    const r = await this.db
      .selectFrom('audit_entries')
      .select('entry')
      .where('session_id', '=', sessionId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r && (JSON.parse(r.entry) as AuditEntry);
  }

  async auditChain(sessionId: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_entries')
      .select('entry')
      .where('session_id', '=', sessionId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => JSON.parse(r.entry) as AuditEntry);
  }

  async findAnswer(sessionId: string, seq: number): Promise<SavedAnswer | undefined> {
    const r = await this.db
      .selectFrom('answer_saves')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    return r && { seq: Number(r.seq), sha256: r.sha256, body: r.body, savedAt: r.saved_at };
  }

  async latestAnswer(sessionId: string): Promise<SavedAnswer | undefined> {
    const r = await this.db
      .selectFrom('answer_saves')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r && { seq: Number(r.seq), sha256: r.sha256, body: r.body, savedAt: r.saved_at };
  }

  async insertAnswer(
    trx: Trx,
    sessionId: string,
    a: Omit<SavedAnswer, 'savedAt'>,
    now: string,
  ): Promise<void> {
    await trx
      .insertInto('answer_saves')
      .values({ session_id: sessionId, seq: a.seq, sha256: a.sha256, body: a.body, saved_at: now })
      .execute();
  }

  async insertFile(f: NewSessionFile, audit: AuditDraft, now: string): Promise<void> {
    await retryChainFork(() =>
      this.db.transaction().execute((trx) => this.insertFileIn(trx, f, audit, now)),
    );
  }

  /** A file and its audit entry, in a transaction the caller runs (e.g. with a transition). */
  async insertFileIn(trx: Trx, f: NewSessionFile, audit: AuditDraft, now: string): Promise<void> {
    await trx
      .insertInto('session_files')
      .values({
        id: f.id,
        session_id: f.sessionId,
        kind: f.kind,
        name: f.name,
        content_type: f.contentType,
        size: f.size,
        sha256: f.sha256,
        blob_key: f.blobKey,
        created_at: now,
      })
      .execute();
    await appendAuditIn(trx, f.sessionId, [audit]);
  }

  /**
   * Takes a file out of the session with its audit entry, in one transaction. The blob stays in
   * the store (the audit entry names its SHA-256), so a reviewer can still see what was removed.
   */
  async removeFile(sessionId: string, fileId: string, audit: AuditDraft): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .deleteFrom('session_files')
        .where('session_id', '=', sessionId)
        .where('id', '=', fileId)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) !== 1) return false;
      await appendAuditIn(trx, sessionId, [audit]);
      return true;
    });
  }

  async listFiles(sessionId: string): Promise<(SessionFileView & { blobKey: string })[]> {
    const rows = await this.db
      .selectFrom('session_files')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as SessionFileKind,
      name: r.name,
      contentType: r.content_type,
      size: Number(r.size),
      sha256: r.sha256,
      createdAt: r.created_at,
      blobKey: r.blob_key,
    }));
  }
}

/**
 * Two transactions appended the same entry number to one session's chain (PostgreSQL, where
 * writers run side by side): the primary key refused the second one.
 */
export function isChainFork(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string } | null;
  return (
    err?.code === '23505' &&
    (err.constraint === 'audit_entries_pk' || err.constraint === 'oral_audit_entries_pk')
  );
}

/** Runs a transaction that appends to a chain again (a few times) when another one forked it. */
export async function retryChainFork<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= 8 || !isChainFork(e)) throw e;
      await new Promise((r) => setTimeout(r, 2 + Math.random() * 10 * (attempt + 1)));
    }
  }
}

/** Appends to the chain inside a transaction; the primary key (session, seq) refuses a fork. */
export async function appendAuditIn(
  trx: Trx,
  sessionId: string,
  drafts: AuditDraft[],
  /** The chain's table: a written session's, or an oral turn's (the same columns). */
  chain: 'audit_entries' | 'oral_audit_entries' = 'audit_entries',
): Promise<void> {
  if (drafts.length === 0) return;
  // Kysely is given the written table's types; the SQL names the chain's own table.
  const table = chain as 'audit_entries';
  const lastRow = await trx
    .selectFrom(table)
    .select('entry')
    .where('session_id', '=', sessionId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let last: AuditEntry | null = lastRow ? (JSON.parse(lastRow.entry) as AuditEntry) : null;
  for (const draft of drafts) {
    const entry = nextAuditEntry(last, draft);
    await trx
      .insertInto(table)
      .values({
        session_id: sessionId,
        seq: entry.seq,
        entry: JSON.stringify(entry),
        hash: entry.hash,
      })
      .execute();
    last = entry;
  }
}

function toStored(r: Database['exam_sessions']): StoredSession {
  return {
    id: r.id,
    examId: r.exam_id,
    studentId: r.student_id,
    state: JSON.parse(r.state) as WrittenSessionState,
    version: Number(r.version),
  };
}
