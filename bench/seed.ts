// Seeds the benchmarks' database: one written exam with N students in progress and a proctor,
// written through the real repositories and the domain's session machine.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWrittenSession, makeExamConfig, transition } from '@emtihan/domain';
import { migrate, openDatabase } from '../apps/server/src/db/database.ts';
import { AuthSessionRepo } from '../apps/server/src/repositories/auth-session.repo.ts';
import { CourseRepo } from '../apps/server/src/repositories/course.repo.ts';
import { ExamRepo } from '../apps/server/src/repositories/exam.repo.ts';
import { SessionRepo } from '../apps/server/src/repositories/session.repo.ts';
import { UserRepo } from '../apps/server/src/repositories/user.repo.ts';

export interface Seeded {
  examId: string;
  students: { token: string; sessionId: string }[];
  proctorToken: string;
}

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A course, a written exam open now, `n` students each with a session in progress and a login
 * token (CSRF token `x`), and one proctor: written straight into the database.
 */
export async function seedWrittenExam(
  dataDir: string,
  n: number,
  postgres?: { url: string; schema: string },
): Promise<Seeded> {
  const { db } = openDatabase(
    postgres ? { dataDir, databaseUrl: postgres.url, schema: postgres.schema } : { dataDir },
  );
  try {
    await migrate(db, postgres?.schema);
    const now = Date.now();
    const iso = new Date(now).toISOString();
    const users = new UserRepo(db);
    const courses = new CourseRepo(db);
    const exams = new ExamRepo(db);
    const sessions = new SessionRepo(db);
    const auth = new AuthSessionRepo(db);
    const examId = 'bench-exam';
    await courses.create({ id: 'bench-course', code: 'BENCH', title: 'Bench' }, iso);
    const opensAt = now - 60_000;
    const closesAt = now + 3 * 3600_000;
    await exams.create(
      {
        id: examId,
        courseId: 'bench-course',
        kind: 'written',
        title: 'Bench',
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(closesAt).toISOString(),
        durationMinutes: 120,
        checkInLeadMinutes: 20,
        rules: { kk: '', ru: '', en: '' },
        settings: { liveProctoring: false },
        task: '',
        slots: [],
      },
      iso,
    );
    const people = [
      ...Array.from({ length: n }, (_, i) => ({ id: `s${i}`, role: 'student' as const })),
      { id: 'proctor', role: 'proctor' as const },
    ];
    for (let i = 0; i < people.length; i += 500) {
      await users.create(
        people.slice(i, i + 500).map((p) => ({
          id: p.id,
          login: p.id,
          fullName: p.id,
          email: null,
          group: null,
          language: 'en' as const,
          passwordHash: 'x',
          roles: [p.role],
        })),
        iso,
      );
    }
    const config = makeExamConfig({
      window: { opensAt, closesAt },
      durationMinutes: 120,
      liveProctoring: false,
    });
    const students: Seeded['students'] = [];
    let proctorToken = '';
    await db.transaction().execute(async (trx) => {
      const tAuth = new AuthSessionRepo(trx as never);
      const tCourses = new CourseRepo(trx as never);
      const tSessions = new SessionRepo(trx as never);
      for (const p of people) {
        await tCourses.enrol('bench-course', p.id, p.role, iso);
        const token = randomBytes(32).toString('base64url');
        await tAuth.create(
          {
            id: tokenId(token),
            userId: p.id,
            csrfToken: 'x',
            expiresAt: new Date(now + 24 * 3600_000).toISOString(),
          },
          iso,
        );
        if (p.role === 'proctor') {
          proctorToken = token;
          continue;
        }
        const created = createWrittenSession({
          sessionId: randomUUID(),
          examId,
          studentId: p.id,
          config,
        });
        if (!created.ok) throw new Error(created.problems.join());
        const actor = { role: 'student' as const, userId: p.id };
        const a = transition(created.state, { type: 'begin-check-in', actor }, now);
        if (!a.ok) throw new Error(a.reason);
        const b = transition(
          a.state,
          { type: 'complete-check-in', actor, idDocumentHash: 'a'.repeat(64) },
          now,
        );
        if (!b.ok || b.state.status !== 'in_progress') throw new Error('not in progress');
        await tSessions.insertOrGet(
          { id: b.state.sessionId, examId, studentId: p.id, state: b.state },
          iso,
        );
        students.push({ token, sessionId: b.state.sessionId });
      }
    });
    void sessions;
    void auth;
    return { examId, students, proctorToken };
  } finally {
    await db.destroy();
  }
}
