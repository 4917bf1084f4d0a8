// All SQL about grading: an exam's grading policy and the grade of each sitting.
import { makeGradingPolicy, type GradingPolicy, type GradingScaleId } from '@emtihan/domain';
import type { SittingGradeView } from '@emtihan/protocol';
import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, SittingGradesTable } from '../db/schema.ts';

export interface StoredGrade extends SittingGradeView {
  sessionId: string;
  examId: string;
  studentId: string;
}

export class GradingRepo {
  constructor(private readonly db: Db) {}

  /** The exam's policy; the domain's defaults when none was set. */
  async policy(examId: string): Promise<GradingPolicy> {
    const r = await this.db
      .selectFrom('exam_grading')
      .selectAll()
      .where('exam_id', '=', examId)
      .executeTakeFirst();
    return r
      ? {
          maxScore: Number(r.max_score),
          scale: r.scale as GradingScaleId,
          annulledScoresZero: Number(r.annulled_scores_zero) === 1,
        }
      : makeGradingPolicy();
  }

  async setPolicy(
    examId: string,
    p: GradingPolicy,
    now: string,
    db: Kysely<Database> = this.db,
  ): Promise<void> {
    const values = {
      max_score: p.maxScore,
      scale: p.scale,
      annulled_scores_zero: p.annulledScoresZero ? 1 : 0,
      updated_at: now,
    };
    await db
      .insertInto('exam_grading')
      .values({ exam_id: examId, ...values })
      .onConflict((oc) => oc.column('exam_id').doUpdateSet(values))
      .execute();
  }

  /** Stores (or replaces, for a correction) the sitting's grade. */
  async save(g: StoredGrade, db: Kysely<Database>): Promise<void> {
    const values = {
      exam_id: g.examId,
      student_id: g.studentId,
      outcome: g.outcome,
      score: g.score,
      max_score: g.maxScore,
      percent: g.percent,
      grade: g.grade,
      points: g.points,
      passed: g.passed ? 1 : 0,
      comment: g.comment,
      graded_by: g.gradedBy,
      graded_at: g.gradedAt,
    };
    await db
      .insertInto('sitting_grades')
      .values({ session_id: g.sessionId, ...values })
      .onConflict((oc) => oc.column('session_id').doUpdateSet(values))
      .execute();
  }

  /** Stores the grade only if the sitting has none yet; false when another node was first. */
  async saveFirst(g: StoredGrade, db: Kysely<Database>): Promise<boolean> {
    const r = await db
      .insertInto('sitting_grades')
      .values({
        session_id: g.sessionId,
        exam_id: g.examId,
        student_id: g.studentId,
        outcome: g.outcome,
        score: g.score,
        max_score: g.maxScore,
        percent: g.percent,
        grade: g.grade,
        points: g.points,
        passed: g.passed ? 1 : 0,
        comment: g.comment,
        graded_by: g.gradedBy,
        graded_at: g.gradedAt,
      })
      .onConflict((oc) => oc.column('session_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async find(sessionId: string): Promise<StoredGrade | undefined> {
    const r = await this.db
      .selectFrom('sitting_grades')
      .selectAll()
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return r && toGrade(r);
  }

  async listByExam(examId: string): Promise<StoredGrade[]> {
    const rows = await this.db
      .selectFrom('sitting_grades')
      .selectAll()
      .where('exam_id', '=', examId)
      .execute();
    return rows.map(toGrade);
  }

  /** Annulled sittings that have no grade row yet (the job grades them per policy). */
  async annulledUngraded(limit: number): Promise<{ id: string; examId: string }[]> {
    const rows = await this.db
      .selectFrom('exam_sessions')
      .leftJoin('sitting_grades', 'sitting_grades.session_id', 'exam_sessions.id')
      .select(['exam_sessions.id as id', 'exam_sessions.exam_id as examId'])
      .where('exam_sessions.status', '=', 'annulled')
      .where('sitting_grades.session_id', 'is', null)
      .limit(limit)
      .execute();
    return rows;
  }

  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }
}

function toGrade(r: SittingGradesTable): StoredGrade {
  return {
    sessionId: r.session_id,
    examId: r.exam_id,
    studentId: r.student_id,
    outcome: r.outcome as StoredGrade['outcome'],
    score: Number(r.score),
    maxScore: Number(r.max_score),
    percent: Number(r.percent),
    grade: r.grade,
    points: r.points === null ? null : Number(r.points),
    passed: Number(r.passed) === 1,
    comment: r.comment,
    gradedBy: r.graded_by,
    gradedAt: r.graded_at,
  };
}
