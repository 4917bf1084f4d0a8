// All SQL about courses and enrolments.
import type { CourseView, EnrolmentRole, EnrolmentView } from '@emtihan/protocol';
import type { Db } from '../db/database.ts';

export class CourseRepo {
  constructor(private readonly db: Db) {}

  async create(c: { id: string; code: string; title: string }, now: string): Promise<void> {
    await this.db
      .insertInto('courses')
      .values({ ...c, created_at: now })
      .execute();
  }

  async update(id: string, c: { code?: string; title?: string }): Promise<boolean> {
    const r = await this.db.updateTable('courses').set(c).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async findByCode(code: string): Promise<{ id: string } | undefined> {
    return this.db.selectFrom('courses').select('id').where('code', '=', code).executeTakeFirst();
  }

  async list(): Promise<CourseView[]> {
    const rows = await this.db
      .selectFrom('courses')
      .leftJoin('enrolments', 'enrolments.course_id', 'courses.id')
      .select(['courses.id', 'courses.code', 'courses.title'])
      .select((eb) => [
        eb.fn
          .count<number>(eb.case().when('enrolments.role', '=', 'student').then(1).end())
          .as('students'),
        eb.fn
          .count<number>(eb.case().when('enrolments.role', '!=', 'student').then(1).end())
          .as('staff'),
      ])
      .groupBy(['courses.id', 'courses.code', 'courses.title'])
      .orderBy('courses.code')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      studentCount: Number(r.students),
      staffCount: Number(r.staff),
    }));
  }

  async findById(id: string): Promise<CourseView | undefined> {
    return (await this.list()).find((c) => c.id === id);
  }

  /** Adds the enrolment; false when it existed already. */
  async enrol(
    courseId: string,
    userId: string,
    role: EnrolmentRole,
    now: string,
  ): Promise<boolean> {
    const r = await this.db
      .insertInto('enrolments')
      .values({ course_id: courseId, user_id: userId, role, created_at: now })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async unenrol(courseId: string, userId: string, role: EnrolmentRole): Promise<boolean> {
    const r = await this.db
      .deleteFrom('enrolments')
      .where('course_id', '=', courseId)
      .where('user_id', '=', userId)
      .where('role', '=', role)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async listEnrolments(courseId: string): Promise<EnrolmentView[]> {
    const rows = await this.db
      .selectFrom('enrolments')
      .innerJoin('users', 'users.id', 'enrolments.user_id')
      .select([
        'enrolments.course_id',
        'enrolments.user_id',
        'enrolments.role',
        'users.login',
        'users.full_name',
        'users.group_name',
      ])
      .where('enrolments.course_id', '=', courseId)
      .orderBy('enrolments.role')
      .orderBy('users.full_name')
      .execute();
    return rows.map((r) => ({
      courseId: r.course_id,
      userId: r.user_id,
      role: r.role as EnrolmentRole,
      login: r.login,
      fullName: r.full_name,
      group: r.group_name,
    }));
  }

  /** The user's roles in the course (student, proctor, examiner). */
  async rolesOf(courseId: string, userId: string): Promise<EnrolmentRole[]> {
    const rows = await this.db
      .selectFrom('enrolments')
      .select('role')
      .where('course_id', '=', courseId)
      .where('user_id', '=', userId)
      .execute();
    return rows.map((r) => r.role as EnrolmentRole);
  }

  /** Course ids where the user is enrolled in any role. */
  /** Courses where the user has one of `roles`. */
  async courseIdsWithRole(userId: string, roles: EnrolmentRole[]): Promise<string[]> {
    const rows = await this.db
      .selectFrom('enrolments')
      .select('course_id')
      .distinct()
      .where('user_id', '=', userId)
      .where('role', 'in', roles)
      .execute();
    return rows.map((r) => r.course_id);
  }

  async courseIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('enrolments')
      .select('course_id')
      .distinct()
      .where('user_id', '=', userId)
      .execute();
    return rows.map((r) => r.course_id);
  }
}
