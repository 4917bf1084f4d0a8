// One student's written sitting (student s1, course c1, exam e1, session sess-1) on a bare
// migrated database, for the signal store's tests.
import { createWrittenSession, makeExamConfig } from '@emtihan/domain';
import type { Db } from '../../src/db/database.ts';
import { CourseRepo } from '../../src/repositories/course.repo.ts';
import { SessionRepo } from '../../src/repositories/session.repo.ts';
import { UserRepo } from '../../src/repositories/user.repo.ts';

/** Seeds the sitting, its exam opening at `t0` for an hour; returns the session's id. */
export async function seedWrittenSession(db: Db, t0: number): Promise<string> {
  const iso = new Date(t0).toISOString();
  await new UserRepo(db).create(
    [
      {
        id: 's1',
        login: 's1',
        fullName: 'S',
        email: null,
        group: null,
        language: 'kk',
        passwordHash: 'x',
        roles: ['student'],
      },
    ],
    iso,
  );
  await new CourseRepo(db).create({ id: 'c1', code: 'C', title: 'C' }, iso);
  // The columns of the first migration only: the migration tests seed at older schemas.
  await db
    .insertInto('exams')
    .values({
      id: 'e1',
      course_id: 'c1',
      kind: 'written',
      title: 'E',
      opens_at: iso,
      closes_at: new Date(t0 + 3600_000).toISOString(),
      duration_minutes: 60,
      check_in_lead_minutes: 20,
      rules: JSON.stringify({ kk: '', ru: '', en: '' }),
      settings: JSON.stringify({ liveProctoring: false }),
      created_at: iso,
    })
    .execute();
  const created = createWrittenSession({
    sessionId: 'sess-1',
    examId: 'e1',
    studentId: 's1',
    config: makeExamConfig({
      window: { opensAt: t0, closesAt: t0 + 3600_000 },
      durationMinutes: 60,
    }),
  });
  if (!created.ok) throw new Error(created.problems.join());
  const row = await new SessionRepo(db).insertOrGet(
    { id: 'sess-1', examId: 'e1', studentId: 's1', state: created.state },
    iso,
  );
  return row.id;
}
