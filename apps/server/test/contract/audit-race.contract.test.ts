// Writers of one session's audit chain side by side (found by `npm run drill -- --db postgres`,
// ADR 0021): an answer save's commit, evidence and flags append to the same chain at once. On
// PostgreSQL two of them could take the same entry number; the loser was a 500. Each now tries
// again on the chain's new end, and the chain stays whole.
import { createWrittenSession, makeExamConfig, verifyAuditChain } from '@emtihan/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { CourseRepo } from '../../src/repositories/course.repo.ts';
import { ExamRepo } from '../../src/repositories/exam.repo.ts';
import { SessionRepo } from '../../src/repositories/session.repo.ts';
import { UserRepo } from '../../src/repositories/user.repo.ts';
import { testDatabases } from './databases.ts';

const T0 = '2026-01-10T08:00:00.000Z';
const at = Date.parse(T0);

async function aSession(db: Db): Promise<string> {
  await new UserRepo(db).create(
    [
      {
        id: 'st',
        login: 'st',
        fullName: 'Әлібекова Аружан',
        email: null,
        group: null,
        language: 'kk',
        passwordHash: 'h',
        roles: ['student'],
      },
    ],
    T0,
  );
  await new CourseRepo(db).create({ id: 'c', code: 'C', title: 'Course' }, T0);
  await new ExamRepo(db).create(
    {
      id: 'e',
      courseId: 'c',
      kind: 'written',
      title: 'Exam',
      opensAt: T0,
      closesAt: new Date(at + 3 * 3600_000).toISOString(),
      durationMinutes: 60,
      checkInLeadMinutes: 10,
      rules: { kk: '', ru: '', en: '' },
      settings: { liveProctoring: false },
      task: '',
      slots: [],
    },
    T0,
  );
  const created = createWrittenSession({
    sessionId: 'ses-1',
    examId: 'e',
    studentId: 'st',
    config: makeExamConfig({
      window: { opensAt: at, closesAt: at + 3 * 3600_000 },
      durationMinutes: 60,
      liveProctoring: false,
    }),
  });
  if (!created.ok) throw new Error(created.problems.join());
  await new SessionRepo(db).insertOrGet(
    { id: 'ses-1', examId: 'e', studentId: 'st', state: created.state },
    T0,
  );
  return 'ses-1';
}

const draft = (n: number) => ({
  at: at + n,
  actor: { role: 'student' as const, userId: 'st' },
  type: 'written.connectivity',
  payload: { n },
});

describe.each(testDatabases)(
  'one session’s audit chain written side by side on $name',
  (testDb) => {
    let db: Db;
    let drop: () => Promise<void>;
    beforeEach(async () => {
      ({ db, drop } = await testDb.open());
    });
    afterEach(() => drop());

    it('stores every entry once, in one unbroken chain', async () => {
      const sessionId = await aSession(db);
      const sessions = new SessionRepo(db);
      const current = (await sessions.findById(sessionId))!;
      const appends = Array.from({ length: 12 }, (_, i) =>
        sessions.appendAudit(sessionId, [draft(i)]),
      );
      // A state change beside them: stored, or stale (the caller reloads), never an error.
      const commit = sessions.commit(
        sessionId,
        current.version,
        current.state,
        null,
        [draft(100)],
        T0,
      );
      await Promise.all(appends);
      const committed = await commit;
      const chain = await sessions.auditChain(sessionId);
      expect(chain).toHaveLength(12 + (committed ? 1 : 0));
      expect(verifyAuditChain(chain)).toMatchObject({ ok: true });
    });
  },
);
