// All SQL about scores for the LMS: the durable outbox (pending rows the job sends, with a lease
// so that one node at a time works on a row) and the record of how each send ended.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, LtiGradeSendsTable } from '../db/schema.ts';

export type GradeSendStatus = 'pending' | 'sent' | 'superseded' | 'failed';

export interface GradeSend {
  id: string;
  platformId: string;
  examId: string;
  userId: string;
  sessionId: string | null;
  lineItemUrl: string;
  score: Record<string, unknown>;
  status: GradeSendStatus;
  attempts: number;
  httpStatus: number | null;
  /** Why the last attempt did not succeed: our message and the LMS's answer. */
  error: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AttemptOutcome {
  status: GradeSendStatus;
  attempts: number;
  httpStatus: number | null;
  error: string | null;
  /** For a row still pending: when to try again. */
  nextAttemptAt: string | null;
}

export class LtiGradeRepo {
  constructor(private readonly db: Db) {}

  /** Adds a row; `db` may be a transaction (the grade and its sends are stored together). */
  async create(g: GradeSend, db: Kysely<Database> = this.db): Promise<void> {
    await db
      .insertInto('lti_grade_sends')
      .values({
        id: g.id,
        platform_id: g.platformId,
        exam_id: g.examId,
        user_id: g.userId,
        session_id: g.sessionId,
        line_item_url: g.lineItemUrl,
        score: JSON.stringify(g.score),
        status: g.status,
        attempts: g.attempts,
        http_status: g.httpStatus,
        error: g.error,
        next_attempt_at: g.nextAttemptAt,
        lease_until: null,
        created_at: g.createdAt,
        updated_at: g.updatedAt,
      })
      .execute();
  }

  /** Pending rows whose time has come and that no node holds. */
  async due(now: string, limit: number): Promise<GradeSend[]> {
    const rows = await this.db
      .selectFrom('lti_grade_sends')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    return rows.map(toSend);
  }

  /** Takes the row for one attempt until `until`; false when another node was quicker. */
  async claim(id: string, now: string, until: string): Promise<boolean> {
    const r = await this.db
      .updateTable('lti_grade_sends')
      .set({ lease_until: until })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Records an attempt and lets the row go (pending again later, or finished). */
  async record(id: string, r: AttemptOutcome, now: string): Promise<void> {
    await this.db
      .updateTable('lti_grade_sends')
      .set({
        status: r.status,
        attempts: r.attempts,
        http_status: r.httpStatus,
        error: r.error,
        next_attempt_at: r.status === 'pending' ? r.nextAttemptAt : null,
        lease_until: null,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  /** A failed send queued again by the examiner or admin (fresh attempts). */
  async retry(id: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('lti_grade_sends')
      .set({
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        lease_until: null,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async findById(id: string): Promise<GradeSend | undefined> {
    const r = await this.db
      .selectFrom('lti_grade_sends')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r && toSend(r);
  }

  /** What was sent for the exam (optionally one student), oldest first. */
  async list(examId: string, userId?: string): Promise<GradeSend[]> {
    let q = this.db.selectFrom('lti_grade_sends').selectAll().where('exam_id', '=', examId);
    if (userId !== undefined) q = q.where('user_id', '=', userId);
    const rows = await q.orderBy('created_at').orderBy('id').execute();
    return rows.map(toSend);
  }

  /** The latest sends of every exam, newest first: the admin's log. */
  async recent(limit: number): Promise<GradeSend[]> {
    const rows = await this.db
      .selectFrom('lti_grade_sends')
      .selectAll()
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toSend);
  }
}

function toSend(r: LtiGradeSendsTable): GradeSend {
  return {
    id: r.id,
    platformId: r.platform_id,
    examId: r.exam_id,
    userId: r.user_id,
    sessionId: r.session_id,
    lineItemUrl: r.line_item_url,
    score: JSON.parse(r.score) as Record<string, unknown>,
    status: r.status as GradeSendStatus,
    attempts: Number(r.attempts),
    httpStatus: r.http_status === null ? null : Number(r.http_status),
    error: r.error,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
