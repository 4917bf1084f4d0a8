// All SQL about accommodations (ADR 0018): students' profiles, exams' overrides for one student,
// and the history of every change. A profile or override is written with its history entry in
// one transaction, so nothing is changed without its who, when and why.
import type { SkippableCheck } from '@emtihan/protocol';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

export interface StoredProfile {
  studentId: string;
  timeFactor: number;
  extraMinutes: number;
  breakMinutes: number;
  skippedChecks: SkippableCheck[];
  proctorNote: string;
  documentRef: string;
  /** YYYY-MM-DD; null: until changed. */
  validUntil: string | null;
  updatedAt: string;
  /** The user id of who set it. */
  updatedBy: string;
}

export interface StoredOverride {
  examId: string;
  studentId: string;
  /** ISO instants, both or neither. */
  opensAt: string | null;
  closesAt: string | null;
  extraMinutes: number;
  reason: string;
  updatedAt: string;
  updatedBy: string;
}

export const CHANGE_ACTIONS = [
  'profile-set',
  'profile-removed',
  'override-set',
  'override-removed',
] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export interface NewChange {
  id: string;
  studentId: string;
  examId: string | null;
  action: ChangeAction;
  actorId: string;
  at: string;
  reason: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** A change as the history shows it: the actor's name and the exam's title joined in. */
export interface StoredChange extends NewChange {
  actorName: string;
  examTitle: string | null;
}

type Trx = Transaction<Database>;

export class AccommodationRepo {
  constructor(private readonly db: Db) {}

  async findProfile(studentId: string): Promise<StoredProfile | undefined> {
    return (await this.profiles([studentId]))[0];
  }

  /** The profiles of these students (all profiles when `ids` is omitted), by student id. */
  async profiles(ids?: string[]): Promise<StoredProfile[]> {
    if (ids && ids.length === 0) return [];
    let q = this.db.selectFrom('accommodations').selectAll();
    if (ids) q = q.where('student_id', 'in', ids);
    const rows = await q.orderBy('student_id').execute();
    return rows.map((r) => ({
      studentId: r.student_id,
      timeFactor: Number(r.time_factor),
      extraMinutes: Number(r.extra_minutes),
      breakMinutes: Number(r.break_minutes),
      skippedChecks: JSON.parse(r.skipped_checks) as SkippableCheck[],
      proctorNote: r.proctor_note,
      documentRef: r.document_ref,
      validUntil: r.valid_until,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    }));
  }

  /** Sets (inserts or replaces) profiles, each with its history entry: all of them or none. */
  async saveProfiles(list: { profile: StoredProfile; change: NewChange }[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const { profile: p, change } of list) {
        const row = {
          time_factor: p.timeFactor,
          extra_minutes: p.extraMinutes,
          break_minutes: p.breakMinutes,
          skipped_checks: JSON.stringify(p.skippedChecks),
          proctor_note: p.proctorNote,
          document_ref: p.documentRef,
          valid_until: p.validUntil,
          updated_at: p.updatedAt,
          updated_by: p.updatedBy,
        };
        await trx
          .insertInto('accommodations')
          .values({ student_id: p.studentId, ...row })
          .onConflict((oc) => oc.column('student_id').doUpdateSet(row))
          .execute();
        await insertChange(trx, change);
      }
    });
  }

  /** Removes a profile with its history entry; false (nothing written) when there was none. */
  async removeProfile(studentId: string, change: NewChange): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .deleteFrom('accommodations')
        .where('student_id', '=', studentId)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) return false;
      await insertChange(trx, change);
      return true;
    });
  }

  async findOverride(examId: string, studentId: string): Promise<StoredOverride | undefined> {
    const found = await this.overrides((q) =>
      q.where('exam_id', '=', examId).where('student_id', '=', studentId),
    );
    return found[0];
  }

  async overridesOfExam(examId: string): Promise<StoredOverride[]> {
    return this.overrides((q) => q.where('exam_id', '=', examId));
  }

  async overridesOfStudent(studentId: string): Promise<StoredOverride[]> {
    return this.overrides((q) => q.where('student_id', '=', studentId));
  }

  async saveOverride(o: StoredOverride, change: NewChange): Promise<void> {
    const row = {
      opens_at: o.opensAt,
      closes_at: o.closesAt,
      extra_minutes: o.extraMinutes,
      reason: o.reason,
      updated_at: o.updatedAt,
      updated_by: o.updatedBy,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('exam_accommodations')
        .values({ exam_id: o.examId, student_id: o.studentId, ...row })
        .onConflict((oc) => oc.columns(['exam_id', 'student_id']).doUpdateSet(row))
        .execute();
      await insertChange(trx, change);
    });
  }

  /** Removes an override with its history entry; false (nothing written) when there was none. */
  async removeOverride(examId: string, studentId: string, change: NewChange): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .deleteFrom('exam_accommodations')
        .where('exam_id', '=', examId)
        .where('student_id', '=', studentId)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) return false;
      await insertChange(trx, change);
      return true;
    });
  }

  /** A student's changes, newest first, with who made them and the exam's title. */
  async history(studentId: string): Promise<StoredChange[]> {
    const rows = await this.db
      .selectFrom('accommodation_changes as c')
      .leftJoin('users as u', 'u.id', 'c.actor_id')
      .leftJoin('exams as e', 'e.id', 'c.exam_id')
      .selectAll('c')
      .select(['u.full_name as actor_name', 'e.title as exam_title'])
      .where('c.student_id', '=', studentId)
      .orderBy('c.at', 'desc')
      .orderBy('c.id', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      studentId: r.student_id,
      examId: r.exam_id,
      action: r.action as ChangeAction,
      actorId: r.actor_id,
      at: r.at,
      reason: r.reason,
      before: r.before === null ? null : (JSON.parse(r.before) as Record<string, unknown>),
      after: r.after === null ? null : (JSON.parse(r.after) as Record<string, unknown>),
      actorName: r.actor_name ?? r.actor_id,
      examTitle: r.exam_title ?? null,
    }));
  }

  private async overrides(
    where: (
      q: ReturnType<AccommodationRepo['overrideBase']>,
    ) => ReturnType<AccommodationRepo['overrideBase']>,
  ): Promise<StoredOverride[]> {
    const rows = await where(this.overrideBase())
      .orderBy('exam_id')
      .orderBy('student_id')
      .execute();
    return rows.map((r) => ({
      examId: r.exam_id,
      studentId: r.student_id,
      opensAt: r.opens_at,
      closesAt: r.closes_at,
      extraMinutes: Number(r.extra_minutes),
      reason: r.reason,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    }));
  }

  private overrideBase() {
    return this.db.selectFrom('exam_accommodations').selectAll();
  }
}

async function insertChange(trx: Trx, c: NewChange): Promise<void> {
  await trx
    .insertInto('accommodation_changes')
    .values({
      id: c.id,
      student_id: c.studentId,
      exam_id: c.examId,
      action: c.action,
      actor_id: c.actorId,
      at: c.at,
      reason: c.reason,
      before: c.before === null ? null : JSON.stringify(c.before),
      after: c.after === null ? null : JSON.stringify(c.after),
    })
    .execute();
}
