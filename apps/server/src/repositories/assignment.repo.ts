// Which proctor watches which sitting (ADR 0007).
import type { Db } from '../db/database.ts';

export interface StoredAssignment {
  sessionId: string;
  examId: string;
  proctorId: string;
  proctorName: string;
  assignedBy: string | null;
}

export class AssignmentRepo {
  constructor(private readonly db: Db) {}

  private select() {
    return this.db
      .selectFrom('proctor_assignments')
      .innerJoin('users', 'users.id', 'proctor_assignments.proctor_id')
      .select([
        'proctor_assignments.session_id',
        'proctor_assignments.exam_id',
        'proctor_assignments.proctor_id',
        'proctor_assignments.assigned_by',
        'users.full_name',
      ]);
  }

  private static present(r: {
    session_id: string;
    exam_id: string;
    proctor_id: string;
    assigned_by: string | null;
    full_name: string;
  }): StoredAssignment {
    return {
      sessionId: r.session_id,
      examId: r.exam_id,
      proctorId: r.proctor_id,
      proctorName: r.full_name,
      assignedBy: r.assigned_by,
    };
  }

  async find(sessionId: string): Promise<StoredAssignment | undefined> {
    const r = await this.select()
      .where('proctor_assignments.session_id', '=', sessionId)
      .executeTakeFirst();
    return r && AssignmentRepo.present(r);
  }

  async listByExam(examId: string): Promise<StoredAssignment[]> {
    const rows = await this.select().where('proctor_assignments.exam_id', '=', examId).execute();
    return rows.map((r) => AssignmentRepo.present(r));
  }

  /** Assigns unless the sitting has a proctor already (two nodes may race: the first wins). */
  async insertIfAbsent(a: Omit<StoredAssignment, 'proctorName'>, now: string): Promise<void> {
    await this.db
      .insertInto('proctor_assignments')
      .values({
        session_id: a.sessionId,
        exam_id: a.examId,
        proctor_id: a.proctorId,
        assigned_by: a.assignedBy,
        assigned_at: now,
      })
      .onConflict((oc) => oc.column('session_id').doNothing())
      .execute();
  }

  /** Hands the sitting to another proctor; false when it had none (assign first). */
  async reassign(sessionId: string, proctorId: string, by: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('proctor_assignments')
      .set({ proctor_id: proctorId, assigned_by: by, assigned_at: now })
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
