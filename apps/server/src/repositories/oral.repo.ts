// All SQL about oral exams: the exam's setup (scale, tickets), each slot's plan and ticket draw,
// the students' sessions with their hash-chained audit, the commission's grades, private notes
// and ID snapshots. A session's change, its audit and what goes with it commit together.
import {
  type AuditDraft,
  type AuditEntry,
  type OralScaleId,
  type OralSessionState,
  type OralTicket,
  type TicketDrawState,
} from '@emtihan/domain';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { appendAuditIn } from './session.repo.ts';

type Trx = Transaction<Database>;

export interface OralSetup {
  examId: string;
  scale: OralScaleId;
  tickets: OralTicket[];
  /** The committee rule of the ticket draw; false until set with pools. */
  noRepeatInCommittee?: boolean;
}

export interface StoredCommittee {
  id: string;
  position: number;
  chairId: string;
  memberIds: string[];
}

export interface StoredPool {
  id: string;
  name: string;
  tickets: OralTicket[];
}

/** A slot generated from a day plan, with its committee's commission. */
export interface NewDaySlot {
  slotId: string;
  startsAt: string;
  lengthMinutes: number;
  committeeId: string;
  examinerIds: string[];
  preparationMinutes: number;
  record: boolean;
}

export interface StoredOralSlot {
  slotId: string;
  examId: string;
  startsAt: string;
  lengthMinutes: number;
  /** Null until the examiner plans the slot. */
  plan: {
    preparationMinutes: number;
    record: boolean;
    committeeId: string | null;
    examinerIds: string[];
    studentIds: string[];
    draw: TicketDrawState | null;
    version: number;
  } | null;
}

export interface StoredOralSession {
  id: string;
  slotId: string;
  examId: string;
  studentId: string;
  state: OralSessionState;
  version: number;
}

export interface OralGrade {
  sessionId: string;
  examinerId: string;
  mark: number;
  comment: string | null;
  at: string;
}

export interface OralNote {
  sessionId: string;
  examinerId: string;
  text: string;
  at: string;
}

export interface OralFile {
  id: string;
  sessionId: string;
  kind: string;
  contentType: string;
  size: number;
  sha256: string;
  blobKey: string;
  createdAt: string;
}

/** Thrown inside a transaction to roll it back when another writer got there first. */
export class StaleWrite extends Error {
  constructor() {
    super('stale write');
  }
}

export class OralRepo {
  constructor(private readonly db: Db) {}

  async setup(examId: string): Promise<OralSetup | undefined> {
    const r = await this.db
      .selectFrom('oral_setups')
      .selectAll()
      .where('exam_id', '=', examId)
      .executeTakeFirst();
    return (
      r && {
        examId,
        scale: r.scale as OralScaleId,
        tickets: JSON.parse(r.tickets) as OralTicket[],
        noRepeatInCommittee: Number(r.no_repeat_in_committee) === 1,
      }
    );
  }

  async saveSetup(s: OralSetup, now: string): Promise<void> {
    const values = { scale: s.scale, tickets: JSON.stringify(s.tickets), updated_at: now };
    await this.db
      .insertInto('oral_setups')
      .values({ exam_id: s.examId, ...values })
      .onConflict((oc) => oc.column('exam_id').doUpdateSet(values))
      .execute();
  }

  async slots(examId: string): Promise<StoredOralSlot[]> {
    return this.slotsWhere((q) => q.where('oral_slots.exam_id', '=', examId));
  }

  async slot(slotId: string): Promise<StoredOralSlot | undefined> {
    return (await this.slotsWhere((q) => q.where('oral_slots.id', '=', slotId)))[0];
  }

  private base() {
    return this.db
      .selectFrom('oral_slots')
      .leftJoin('oral_plans', 'oral_plans.slot_id', 'oral_slots.id')
      .select([
        'oral_slots.id',
        'oral_slots.exam_id',
        'oral_slots.starts_at',
        'oral_slots.length_minutes',
        'oral_plans.preparation_minutes',
        'oral_plans.record',
        'oral_plans.examiner_ids',
        'oral_plans.student_ids',
        'oral_plans.draw',
        'oral_plans.version',
        'oral_plans.committee_id',
      ]);
  }

  private async slotsWhere(
    where: (q: ReturnType<OralRepo['base']>) => ReturnType<OralRepo['base']>,
  ): Promise<StoredOralSlot[]> {
    const rows = await where(this.base()).orderBy('oral_slots.starts_at').execute();
    return rows.map((r) => ({
      slotId: r.id,
      examId: r.exam_id,
      startsAt: r.starts_at,
      lengthMinutes: Number(r.length_minutes),
      plan:
        r.version === null
          ? null
          : {
              preparationMinutes: Number(r.preparation_minutes),
              record: Number(r.record) === 1,
              committeeId: r.committee_id ?? null,
              examinerIds: JSON.parse(r.examiner_ids!) as string[],
              studentIds: JSON.parse(r.student_ids!) as string[],
              draw: r.draw ? (JSON.parse(r.draw) as TicketDrawState) : null,
              version: Number(r.version),
            },
    }));
  }

  /** Creates or re-plans a slot (its time and plan); the draw so far is kept. */
  async saveSlot(
    s: Omit<StoredOralSlot, 'plan'> & {
      plan: Omit<NonNullable<StoredOralSlot['plan']>, 'draw' | 'version' | 'committeeId'>;
    },
    now: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const slotValues = { starts_at: s.startsAt, length_minutes: s.lengthMinutes };
      await trx
        .insertInto('oral_slots')
        .values({ id: s.slotId, exam_id: s.examId, ...slotValues })
        .onConflict((oc) => oc.column('id').doUpdateSet(slotValues))
        .execute();
      const planValues = {
        preparation_minutes: s.plan.preparationMinutes,
        record: s.plan.record ? 1 : 0,
        examiner_ids: JSON.stringify(s.plan.examinerIds),
        student_ids: JSON.stringify(s.plan.studentIds),
        updated_at: now,
      };
      await trx
        .insertInto('oral_plans')
        .values({ slot_id: s.slotId, exam_id: s.examId, draw: null, version: 1, ...planValues })
        .onConflict((oc) =>
          oc.column('slot_id').doUpdateSet((eb) => ({
            ...planValues,
            version: eb('oral_plans.version', '+', 1),
          })),
        )
        .execute();
    });
  }

  /** Inserts the student's session in the slot unless it exists; returns the stored one. */
  async insertOrGetSession(
    s: Omit<StoredOralSession, 'version'>,
    audit: AuditDraft[],
    now: string,
  ): Promise<StoredOralSession> {
    await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('oral_sessions')
        .values({
          id: s.id,
          slot_id: s.slotId,
          exam_id: s.examId,
          student_id: s.studentId,
          status: s.state.status,
          state: JSON.stringify(s.state),
          version: 1,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['slot_id', 'student_id']).doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) await appendOralAuditIn(trx, s.id, audit);
    });
    const stored = await this.sessionOf(s.slotId, s.studentId);
    if (!stored) throw new Error('oral session vanished after insert');
    return stored;
  }

  async session(id: string): Promise<StoredOralSession | undefined> {
    const r = await this.db
      .selectFrom('oral_sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r && toSession(r);
  }

  async sessionOf(slotId: string, studentId: string): Promise<StoredOralSession | undefined> {
    const r = await this.db
      .selectFrom('oral_sessions')
      .selectAll()
      .where('slot_id', '=', slotId)
      .where('student_id', '=', studentId)
      .executeTakeFirst();
    return r && toSession(r);
  }

  async sessionsOfSlot(slotId: string): Promise<StoredOralSession[]> {
    const rows = await this.db
      .selectFrom('oral_sessions')
      .selectAll()
      .where('slot_id', '=', slotId)
      .execute();
    return rows.map(toSession);
  }

  /**
   * Stores the session's new state if nobody changed it since `expectedVersion`, with its audit
   * and `extra` (a grade, the slot's draw) in one transaction. False: stale, nothing written.
   */
  async commit(
    session: StoredOralSession,
    state: OralSessionState,
    audit: AuditDraft[],
    now: string,
    extra?: (trx: Trx) => Promise<void>,
  ): Promise<boolean> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('oral_sessions')
          .set({
            state: JSON.stringify(state),
            status: state.status,
            version: session.version + 1,
            updated_at: now,
          })
          .where('id', '=', session.id)
          .where('version', '=', session.version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
        await appendOralAuditIn(trx, session.id, audit);
        if (extra) await extra(trx);
        return true;
      });
    } catch (err) {
      // Another writer appended to the chain first (a recording arriving): retried as stale.
      if (err instanceof StaleWrite || isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /**
   * The slot's new queue order if the plan is still at `version`, with the moved student's audit
   * entry when they have a session. False: the plan changed meanwhile, nothing written.
   */
  async saveQueueOrder(
    slotId: string,
    version: number,
    studentIds: string[],
    audit: { sessionId: string; drafts: AuditDraft[] } | null,
    now: string,
  ): Promise<boolean> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('oral_plans')
          .set({ student_ids: JSON.stringify(studentIds), version: version + 1, updated_at: now })
          .where('slot_id', '=', slotId)
          .where('version', '=', version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
        if (audit) await appendOralAuditIn(trx, audit.sessionId, audit.drafts);
        return true;
      });
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** Inside a commit: stores the slot's draw if the plan is still at `version`. */
  async saveDrawIn(trx: Trx, slotId: string, version: number, draw: TicketDrawState) {
    const r = await trx
      .updateTable('oral_plans')
      .set({ draw: JSON.stringify(draw), version: version + 1 })
      .where('slot_id', '=', slotId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new StaleWrite();
  }

  /** Inside a transaction: one examiner's grade (replaced if given again before the final). */
  async saveGradeIn(trx: Trx | Db, g: OralGrade): Promise<void> {
    const values = { mark: g.mark, comment: g.comment, at: g.at };
    await trx
      .insertInto('oral_grades')
      .values({ session_id: g.sessionId, examiner_id: g.examinerId, ...values })
      .onConflict((oc) => oc.columns(['session_id', 'examiner_id']).doUpdateSet(values))
      .execute();
  }

  async saveGrade(g: OralGrade, audit: AuditDraft[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.saveGradeIn(trx, g);
      await appendOralAuditIn(trx, g.sessionId, audit);
    });
  }

  async grades(sessionIds: string[]): Promise<OralGrade[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('oral_grades')
      .selectAll()
      .where('session_id', 'in', sessionIds)
      .orderBy('at')
      .execute();
    return rows.map((r) => ({
      sessionId: r.session_id,
      examinerId: r.examiner_id,
      mark: Number(r.mark),
      comment: r.comment,
      at: r.at,
    }));
  }

  async addNote(id: string, n: OralNote): Promise<void> {
    await this.db
      .insertInto('oral_notes')
      .values({ id, session_id: n.sessionId, examiner_id: n.examinerId, text: n.text, at: n.at })
      .execute();
  }

  async notes(sessionIds: string[]): Promise<OralNote[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('oral_notes')
      .selectAll()
      .where('session_id', 'in', sessionIds)
      .orderBy('at')
      .execute();
    return rows.map((r) => ({
      sessionId: r.session_id,
      examinerId: r.examiner_id,
      text: r.text,
      at: r.at,
    }));
  }

  async addFile(f: OralFile, audit: AuditDraft[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('oral_files')
        .values({
          id: f.id,
          session_id: f.sessionId,
          kind: f.kind,
          content_type: f.contentType,
          size: f.size,
          sha256: f.sha256,
          blob_key: f.blobKey,
          created_at: f.createdAt,
        })
        .execute();
      await appendOralAuditIn(trx, f.sessionId, audit);
    });
  }

  async files(sessionIds: string[]): Promise<OralFile[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('oral_files')
      .selectAll()
      .where('session_id', 'in', sessionIds)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      sessionId: r.session_id,
      kind: r.kind,
      contentType: r.content_type,
      size: Number(r.size),
      sha256: r.sha256,
      blobKey: r.blob_key,
      createdAt: r.created_at,
    }));
  }

  // ---- planning a day: committees, the day plan and its slots, pools, placement ----

  async committees(examId: string): Promise<StoredCommittee[]> {
    const rows = await this.db
      .selectFrom('oral_committees')
      .selectAll()
      .where('exam_id', '=', examId)
      .orderBy('position')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      position: Number(r.position),
      chairId: r.chair_id,
      memberIds: JSON.parse(r.member_ids) as string[],
    }));
  }

  /**
   * Replaces the exam's committees (kept ids keep their slots) and gives every slot of each
   * committee that no student has joined yet the committee's examiners. False: a committee to be
   * removed still has slots; nothing written.
   */
  async saveCommittees(examId: string, list: StoredCommittee[], now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const keep = list.map((c) => c.id);
      const used = await trx
        .selectFrom('oral_plans')
        .select('committee_id')
        .where('exam_id', '=', examId)
        .where('committee_id', 'is not', null)
        .execute();
      if (used.some((u) => !keep.includes(u.committee_id!))) return false;
      await trx.deleteFrom('oral_committees').where('exam_id', '=', examId).execute();
      if (list.length) {
        await trx
          .insertInto('oral_committees')
          .values(
            list.map((c) => ({
              id: c.id,
              exam_id: examId,
              position: c.position,
              chair_id: c.chairId,
              member_ids: JSON.stringify(c.memberIds),
              updated_at: now,
            })),
          )
          .execute();
      }
      for (const c of list) {
        await trx
          .updateTable('oral_plans')
          .set((eb) => ({
            examiner_ids: JSON.stringify([c.chairId, ...c.memberIds]),
            version: eb('version', '+', 1),
            updated_at: now,
          }))
          .where('committee_id', '=', c.id)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('oral_sessions')
                  .select('oral_sessions.id')
                  .whereRef('oral_sessions.slot_id', '=', 'oral_plans.slot_id'),
              ),
            ),
          )
          .execute();
      }
      return true;
    });
  }

  async dayPlan<T>(examId: string): Promise<T | null> {
    const r = await this.db
      .selectFrom('oral_day_plans')
      .select('plan')
      .where('exam_id', '=', examId)
      .executeTakeFirst();
    return r ? (JSON.parse(r.plan) as T) : null;
  }

  /**
   * The day plan's slots replace all of the exam's slots, with the plan, in one transaction.
   * False (nothing written) when a student has joined any slot of the exam: their session, its
   * audit and the slot stay as they are.
   */
  async replaceDaySlots(
    examId: string,
    dayPlan: unknown,
    slots: NewDaySlot[],
    now: string,
    window?: { opensAt: string; closesAt: string },
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const joined = await trx
        .selectFrom('oral_sessions')
        .select('id')
        .where('exam_id', '=', examId)
        .limit(1)
        .executeTakeFirst();
      if (joined) return false;
      await trx.deleteFrom('oral_plans').where('exam_id', '=', examId).execute();
      await trx.deleteFrom('oral_slots').where('exam_id', '=', examId).execute();
      // In chunks: SQLite allows so many bound parameters per statement.
      for (let i = 0; i < slots.length; i += 100) {
        const chunk = slots.slice(i, i + 100);
        await trx
          .insertInto('oral_slots')
          .values(
            chunk.map((s) => ({
              id: s.slotId,
              exam_id: examId,
              starts_at: s.startsAt,
              length_minutes: s.lengthMinutes,
            })),
          )
          .execute();
        await trx
          .insertInto('oral_plans')
          .values(
            chunk.map((s) => ({
              slot_id: s.slotId,
              exam_id: examId,
              preparation_minutes: s.preparationMinutes,
              record: s.record ? 1 : 0,
              examiner_ids: JSON.stringify(s.examinerIds),
              student_ids: '[]',
              draw: null,
              version: 1,
              updated_at: now,
              committee_id: s.committeeId,
            })),
          )
          .execute();
      }
      const plan = JSON.stringify(dayPlan);
      await trx
        .insertInto('oral_day_plans')
        .values({ exam_id: examId, plan, updated_at: now })
        .onConflict((oc) => oc.column('exam_id').doUpdateSet({ plan, updated_at: now }))
        .execute();
      if (window) {
        // A form open on the exam then reloads it instead of saving the old window over it.
        await trx
          .updateTable('exams')
          .set((eb) => ({
            opens_at: window.opensAt,
            closes_at: window.closesAt,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', examId)
          .execute();
      }
      return true;
    });
  }

  async pools(examId: string): Promise<StoredPool[]> {
    const rows = await this.db
      .selectFrom('oral_ticket_pools')
      .selectAll()
      .where('exam_id', '=', examId)
      .orderBy('position')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      tickets: JSON.parse(r.tickets) as OralTicket[],
    }));
  }

  /** Replaces the exam's pools and sets the committee rule (a setup is made if none yet). */
  async savePools(
    examId: string,
    pools: StoredPool[],
    noRepeatInCommittee: boolean,
    defaultScale: OralScaleId,
    now: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('oral_ticket_pools').where('exam_id', '=', examId).execute();
      await trx
        .insertInto('oral_ticket_pools')
        .values(
          pools.map((p, position) => ({
            exam_id: examId,
            id: p.id,
            position,
            name: p.name,
            tickets: JSON.stringify(p.tickets),
          })),
        )
        .execute();
      const rule = { no_repeat_in_committee: noRepeatInCommittee ? 1 : 0, updated_at: now };
      await trx
        .insertInto('oral_setups')
        .values({ exam_id: examId, scale: defaultScale, tickets: '[]', ...rule })
        .onConflict((oc) => oc.column('exam_id').doUpdateSet(rule))
        .execute();
    });
  }

  /**
   * New queues for several slots at once (placement, a booking), each guarded by its plan's
   * version; and no student of `added` may then be in two slots of the exam (a booking racing a
   * placement). False: something changed meanwhile; nothing written.
   */
  async saveQueues(
    examId: string,
    queues: { slotId: string; version: number; studentIds: string[] }[],
    added: readonly string[],
    now: string,
  ): Promise<boolean> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        for (const q of queues) {
          const r = await trx
            .updateTable('oral_plans')
            .set({
              student_ids: JSON.stringify(q.studentIds),
              version: q.version + 1,
              updated_at: now,
            })
            .where('slot_id', '=', q.slotId)
            .where('version', '=', q.version)
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw new StaleWrite();
        }
        const plans = await trx
          .selectFrom('oral_plans')
          .select('student_ids')
          .where('exam_id', '=', examId)
          .execute();
        const all = plans.flatMap((p) => JSON.parse(p.student_ids) as string[]);
        for (const id of added) {
          if (all.filter((x) => x === id).length > 1) throw new StaleWrite();
        }
        return true;
      });
    } catch (err) {
      if (err instanceof StaleWrite) return false;
      throw err;
    }
  }

  async auditChain(sessionId: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('oral_audit_entries')
      .select('entry')
      .where('session_id', '=', sessionId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => JSON.parse(r.entry) as AuditEntry);
  }
}

/** Appends to the session's chain; the primary key (session, seq) refuses a fork. */
export function appendOralAuditIn(
  trx: Trx,
  sessionId: string,
  drafts: AuditDraft[],
): Promise<void> {
  return appendAuditIn(trx, sessionId, drafts, 'oral_audit_entries');
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err.code === '23505' ||
    err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed|duplicate key/.test(err.message ?? '')
  );
}

function toSession(r: Database['oral_sessions']): StoredOralSession {
  return {
    id: r.id,
    slotId: r.slot_id,
    examId: r.exam_id,
    studentId: r.student_id,
    state: JSON.parse(r.state) as OralSessionState,
    version: Number(r.version),
  };
}
