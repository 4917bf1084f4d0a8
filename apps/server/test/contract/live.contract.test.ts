// The live console's repositories (assignments, chat) on SQLite and PostgreSQL alike.
import { createWrittenSession, makeExamConfig } from '@emtihan/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { AssignmentRepo } from '../../src/repositories/assignment.repo.ts';
import { ChatRepo } from '../../src/repositories/chat.repo.ts';
import { CourseRepo } from '../../src/repositories/course.repo.ts';
import { ExamRepo } from '../../src/repositories/exam.repo.ts';
import { SessionRepo } from '../../src/repositories/session.repo.ts';
import { UserRepo } from '../../src/repositories/user.repo.ts';
import { testDatabases } from './databases.ts';

const T0 = '2026-01-10T08:00:00.000Z';
const T1 = '2026-01-10T08:00:01.000Z';

async function world(db: Db) {
  const person = (id: string, fullName: string, role: 'student' | 'proctor') => ({
    id,
    login: id,
    fullName,
    email: null,
    group: null,
    language: 'kk' as const,
    passwordHash: 'h',
    roles: [role],
  });
  await new UserRepo(db).create(
    [
      person('st', 'Әлібекова Аружан', 'student'),
      person('p1', 'Серікова Гүлнар', 'proctor'),
      person('p2', 'Омарова Дана', 'proctor'),
    ],
    T0,
  );
  await new CourseRepo(db).create({ id: 'c', code: 'C', title: 'Course' }, T0);
  const opensAt = Date.parse(T0);
  await new ExamRepo(db).create(
    {
      id: 'e',
      courseId: 'c',
      kind: 'written',
      title: 'Exam',
      opensAt: T0,
      closesAt: new Date(opensAt + 3 * 3600_000).toISOString(),
      durationMinutes: 45,
      checkInLeadMinutes: 20,
      rules: { kk: 'Е', ru: 'П', en: 'R' },
      settings: { liveProctoring: true },
      task: 'T',
      slots: [],
    },
    T0,
  );
  const created = createWrittenSession({
    sessionId: 's',
    examId: 'e',
    studentId: 'st',
    config: makeExamConfig({
      window: { opensAt, closesAt: opensAt + 3 * 3600_000 },
      durationMinutes: 45,
      checkInLeadMinutes: 20,
      liveProctoring: true,
    }),
  });
  if (!created.ok) throw new Error(created.problems.join());
  await new SessionRepo(db).insertOrGet(
    { id: 's', examId: 'e', studentId: 'st', state: created.state },
    T0,
  );
}

describe.each(testDatabases)('live repositories on $name', (testDb) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ db, drop } = await testDb.open());
    await world(db);
  });
  afterEach(() => drop());

  it('assigns a sitting once (the first of two racing nodes wins), and reassigns on take-over', async () => {
    const repo = new AssignmentRepo(db);
    await repo.insertIfAbsent(
      { sessionId: 's', examId: 'e', proctorId: 'p1', assignedBy: null },
      T0,
    );
    await repo.insertIfAbsent(
      { sessionId: 's', examId: 'e', proctorId: 'p2', assignedBy: null },
      T0,
    );
    expect(await repo.find('s')).toMatchObject({ proctorId: 'p1', proctorName: 'Серікова Гүлнар' });
    expect(await repo.reassign('s', 'p2', 'p2', T1)).toBe(true);
    expect(await repo.listByExam('e')).toEqual([
      {
        sessionId: 's',
        examId: 'e',
        proctorId: 'p2',
        proctorName: 'Омарова Дана',
        assignedBy: 'p2',
      },
    ]);
    expect(await repo.reassign('nope', 'p2', 'p2', T1)).toBe(false);
  });

  it('keeps chat messages in the order written, with author names and the technical mark', async () => {
    const chat = new ChatRepo(db);
    await chat.insert({
      id: 'm1',
      sessionId: 's',
      authorId: 'st',
      authorRole: 'student',
      body: 'Камерам қатып қалды',
      technical: true,
      createdAt: T0,
    });
    await chat.insert({
      id: 'm2',
      sessionId: 's',
      authorId: 'p1',
      authorRole: 'proctor',
      body: 'Бетті жаңартыңыз',
      technical: false,
      createdAt: T1,
    });
    expect(await chat.listBySession('s')).toEqual([
      expect.objectContaining({
        id: 'm1',
        authorName: 'Әлібекова Аружан',
        technical: true,
        body: 'Камерам қатып қалды',
      }),
      expect.objectContaining({ id: 'm2', authorRole: 'proctor', technical: false }),
    ]);
    expect(await chat.listBySession('other')).toEqual([]);
  });
});
