// All SQL about scores sent to platforms: what was sent, when, and how it ended.
import type { Db } from '../db/database.ts';

export type GradeSendStatus = 'pending' | 'sent' | 'superseded' | 'failed';

export interface GradeSend {
  id: string;
  platformId: string;
  examId: string;
  userId: string;
  lineItemUrl: string;
  score: Record<string, unknown>;
  status: GradeSendStatus;
  attempts: number;
  httpStatus: number | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

export class LtiGradeRepo {
  constructor(private readonly db: Db) {}

  async create(g: GradeSend): Promise<void> {
    await this.db
      .insertInto('lti_grade_sends')
      .values({
        id: g.id,
        platform_id: g.platformId,
        exam_id: g.examId,
        user_id: g.userId,
        line_item_url: g.lineItemUrl,
        score: JSON.stringify(g.score),
        status: g.status,
        attempts: g.attempts,
        http_status: g.httpStatus,
        error: g.error,
        created_at: g.createdAt,
        updated_at: g.updatedAt,
      })
      .execute();
  }

  async finish(
    id: string,
    r: {
      status: GradeSendStatus;
      attempts: number;
      httpStatus: number | null;
      error: string | null;
    },
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('lti_grade_sends')
      .set({
        status: r.status,
        attempts: r.attempts,
        http_status: r.httpStatus,
        error: r.error,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  /** What was sent for the exam (optionally one student), oldest first. */
  async list(examId: string, userId?: string): Promise<GradeSend[]> {
    let q = this.db.selectFrom('lti_grade_sends').selectAll().where('exam_id', '=', examId);
    if (userId !== undefined) q = q.where('user_id', '=', userId);
    const rows = await q.orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      platformId: r.platform_id,
      examId: r.exam_id,
      userId: r.user_id,
      lineItemUrl: r.line_item_url,
      score: JSON.parse(r.score) as Record<string, unknown>,
      status: r.status as GradeSendStatus,
      attempts: Number(r.attempts),
      httpStatus: r.http_status === null ? null : Number(r.http_status),
      error: r.error,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }
}
