// All SQL about exams and oral slots.
import { ExamSettings, type ExamKind, type ExamView, type Translated } from '@emtihan/protocol';
import type { Db } from '../db/database.ts';

export interface NewExam {
  id: string;
  courseId: string;
  kind: ExamKind;
  title: string;
  opensAt: string;
  closesAt: string;
  durationMinutes: number;
  checkInLeadMinutes: number;
  rules: Translated;
  settings: Partial<ExamSettings>;
  task?: string;
  slots: { id: string; startsAt: string; lengthMinutes: number }[];
}

export class ExamRepo {
  constructor(private readonly db: Db) {}

  async create(e: NewExam, now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('exams')
        .values({
          id: e.id,
          course_id: e.courseId,
          kind: e.kind,
          title: e.title,
          opens_at: e.opensAt,
          closes_at: e.closesAt,
          duration_minutes: e.durationMinutes,
          check_in_lead_minutes: e.checkInLeadMinutes,
          rules: JSON.stringify(e.rules),
          settings: JSON.stringify(e.settings),
          task: e.task ?? '',
          created_at: now,
        })
        .execute();
      if (e.slots.length) {
        await trx
          .insertInto('oral_slots')
          .values(
            e.slots.map((s) => ({
              id: s.id,
              exam_id: e.id,
              starts_at: s.startsAt,
              length_minutes: s.lengthMinutes,
            })),
          )
          .execute();
      }
    });
  }

  async findById(id: string): Promise<ExamView | undefined> {
    return (await this.list((q) => q.where('exams.id', '=', id)))[0];
  }

  /** The task text, for those allowed to see it (the service decides when). */
  async task(id: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('exams')
      .select('task')
      .where('id', '=', id)
      .executeTakeFirst();
    return r?.task;
  }

  /** Exams of the given courses, or of all courses when `courseIds` is 'all'. */
  async listForCourses(courseIds: string[] | 'all'): Promise<ExamView[]> {
    if (courseIds !== 'all' && courseIds.length === 0) return [];
    return this.list((q) =>
      courseIds === 'all' ? q : q.where('exams.course_id', 'in', courseIds),
    );
  }

  private base() {
    return this.db
      .selectFrom('exams')
      .innerJoin('courses', 'courses.id', 'exams.course_id')
      .selectAll('exams')
      .select('courses.title as course_title');
  }

  private async list(
    where: (q: ReturnType<ExamRepo['base']>) => ReturnType<ExamRepo['base']>,
  ): Promise<ExamView[]> {
    const rows = await where(this.base())
      .orderBy('exams.opens_at')
      .orderBy('exams.title')
      .execute();
    if (rows.length === 0) return [];
    const slots = await this.db
      .selectFrom('oral_slots')
      .selectAll()
      .where(
        'exam_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('starts_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      courseId: r.course_id,
      courseTitle: r.course_title,
      kind: r.kind as ExamKind,
      title: r.title,
      opensAt: r.opens_at,
      closesAt: r.closes_at,
      durationMinutes: Number(r.duration_minutes),
      checkInLeadMinutes: Number(r.check_in_lead_minutes),
      rules: JSON.parse(r.rules) as Translated,
      // Defaults fill what an older exam did not say.
      settings: ExamSettings.parse(JSON.parse(r.settings)),
      slots: slots
        .filter((s) => s.exam_id === r.id)
        .map((s) => ({ id: s.id, startsAt: s.starts_at, lengthMinutes: Number(s.length_minutes) })),
    }));
  }
}
