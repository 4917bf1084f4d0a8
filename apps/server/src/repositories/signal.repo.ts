// All SQL about signals and flags (ADR 0006): signal batches (once per session + seq), the
// signals themselves (enough to rebuild a session's flag tracker on any node), flags, their
// evidence files, and the acknowledgement deadlines of warnings. Many sessions' writes commit
// in one transaction (the write-behind queue of the signal service calls `commitMany`).
import {
  nextAuditEntry,
  type AuditDraft,
  type AuditEntry,
  type FlagCategory,
  type Severity,
  type Signal,
} from '@emtihan/domain';
import type { ServerCheckView } from '@emtihan/protocol';
import type { Db } from '../db/database.ts';
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
  idx: number;
  signal: Signal;
  evidenceFileId: string | null;
}

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
  evidence?: EvidenceFile;
  flags: StoredFlag[];
  audit: AuditDraft[];
}

export interface DueWarningCheck {
  sessionId: string;
  warningId: string;
  dueAt: string;
}

const CHUNK = 400;

export class SignalRepo {
  constructor(private readonly db: Db) {}

  /**
   * Commits every write in one transaction. Returns, per write, false when its batch had been
   * stored before (then nothing of that write is stored again). Throws when the transaction
   * fails: then nothing of any write is stored.
   */
  async commitMany(writes: SignalWrite[], now: string): Promise<boolean[]> {
    // A few multi-row statements per group, whatever its size: the group commit's point.
    return this.db.transaction().execute(async (trx) => {
      const stored = new Set<string>();
      const batches = writes.flatMap((w) =>
        w.batch
          ? [
              {
                session_id: w.sessionId,
                seq: w.batch.seq,
                count: w.batch.signals.length,
                received_at: now,
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
      const fresh = writes.map((w) => !w.batch || stored.has(`${w.sessionId}:${w.batch.seq}`));
      const kept = writes.filter((_, i) => fresh[i]);
      const files = kept.flatMap((w) =>
        w.evidence
          ? [
              {
                id: w.evidence.id,
                session_id: w.sessionId,
                kind: 'flag-evidence',
                name: `${w.evidence.id}.jpg`,
                content_type: 'image/jpeg',
                size: w.evidence.size,
                sha256: w.evidence.sha256,
                blob_key: w.evidence.blobKey,
                created_at: now,
              },
            ]
          : [],
      );
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
      const rows: Database['signals'][] = kept.flatMap((w) =>
        (w.batch?.signals ?? []).map((s) => ({
          session_id: w.sessionId,
          batch_seq: s.batchSeq,
          idx: s.idx,
          at: s.signal.at,
          kind: s.signal.kind,
          data: JSON.stringify(s.signal),
          evidence_file_id: s.evidenceFileId,
        })),
      );
      for (let i = 0; i < rows.length; i += CHUNK) {
        await trx
          .insertInto('signals')
          .values(rows.slice(i, i + CHUNK))
          .execute();
      }
      // The last state of each flag in the group (one row may not be upserted twice).
      const flags = new Map<string, StoredFlag>();
      for (const w of kept)
        for (const f of w.flags) flags.set(`${f.sessionId}:${f.category}:${f.startAt}`, f);
      const flagRows = [...flags.values()].map((f) => flagRow(f, now));
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
      await appendAuditMany(trx, kept);
      return fresh;
    });
  }

  /** Everything needed to rebuild a session's tracker, in the order it was accepted. */
  async loadSession(sessionId: string): Promise<{
    signals: StoredSignal[];
    seqs: number[];
    flags: StoredFlag[];
  }> {
    const [signals, batches, flags] = await Promise.all([
      this.db
        .selectFrom('signals')
        .selectAll()
        .where('session_id', '=', sessionId)
        .orderBy('at')
        .orderBy('batch_seq')
        .orderBy('idx')
        .execute(),
      this.db
        .selectFrom('signal_batches')
        .select('seq')
        .where('session_id', '=', sessionId)
        .execute(),
      this.flagsOfSession(sessionId),
    ]);
    return {
      signals: signals.map((r) => ({
        batchSeq: Number(r.batch_seq),
        idx: Number(r.idx),
        signal: JSON.parse(r.data) as Signal,
        evidenceFileId: r.evidence_file_id,
      })),
      seqs: batches.map((b) => Number(b.seq)),
      flags,
    };
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
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
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

/** Appends the group's audit drafts to each session's chain: one read, one write. */
async function appendAuditMany(trx: Trx, writes: SignalWrite[]): Promise<void> {
  const drafts = new Map<string, AuditDraft[]>();
  for (const w of writes) {
    if (w.audit.length === 0) continue;
    drafts.set(w.sessionId, [...(drafts.get(w.sessionId) ?? []), ...w.audit]);
  }
  if (drafts.size === 0) return;
  const ids = [...drafts.keys()];
  const lastRows = await trx
    .selectFrom('audit_entries as a')
    .select(['a.session_id', 'a.entry'])
    .where('a.session_id', 'in', ids)
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
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('audit_entries')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
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
