// One contract for every repository, run against SQLite and PostgreSQL alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { AuthSessionRepo } from '../../src/repositories/auth-session.repo.ts';
import { CourseRepo } from '../../src/repositories/course.repo.ts';
import { ExamRepo } from '../../src/repositories/exam.repo.ts';
import { UserRepo, type NewUser } from '../../src/repositories/user.repo.ts';
import { testDatabases } from './databases.ts';

const T0 = '2026-01-10T08:00:00.000Z';
const T1 = '2026-01-10T09:00:00.000Z';
const T2 = '2026-01-10T10:00:00.000Z';

const user = (id: string, login: string, extra: Partial<NewUser> = {}): NewUser => ({
  id,
  login,
  fullName: 'Әлиева Іңкәр Һ',
  email: null,
  group: 'ИС-21',
  language: 'kk',
  passwordHash: 'h',
  roles: ['student'],
  ...extra,
});

describe.each(testDatabases)('repositories on $name', (testDb) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ db, drop } = await testDb.open());
  });
  afterEach(() => drop());

  describe('UserRepo', () => {
    it('stores users with several roles and finds them by id and login, Kazakh letters intact', async () => {
      const users = new UserRepo(db);
      await users.create(
        [user('u1', 'aigerim', { roles: ['admin', 'student'] }), user('u2', 'bolat')],
        T0,
      );
      expect(await users.findByLogin('aigerim')).toMatchObject({
        id: 'u1',
        fullName: 'Әлиева Іңкәр Һ',
        roles: ['student', 'admin'],
        active: true,
      });
      expect((await users.findById('u2'))?.login).toBe('bolat');
      expect(await users.findByLogin('nobody')).toBeUndefined();
      expect((await users.list()).map((u) => u.login)).toEqual(['aigerim', 'bolat']);
      expect(await users.count()).toBe(2);
      expect([...(await users.existingLogins(['bolat', 'x']))]).toEqual(['bolat']);
    });

    it('creates all users of a batch or none when one login is taken', async () => {
      const users = new UserRepo(db);
      await users.create([user('u1', 'taken')], T0);
      await expect(users.create([user('u2', 'fresh'), user('u3', 'taken')], T0)).rejects.toThrow();
      expect(await users.count()).toBe(1);
    });

    it('updates fields and roles, and reports an unknown id', async () => {
      const users = new UserRepo(db);
      await users.create([user('u1', 'a')], T0);
      expect(
        await users.update(
          'u1',
          { active: false, roles: ['proctor', 'examiner'], group: null },
          T1,
        ),
      ).toBe(true);
      expect(await users.findById('u1')).toMatchObject({
        active: false,
        roles: ['proctor', 'examiner'],
        group: null,
      });
      expect(await users.update('zz', { active: false }, T1)).toBe(false);
    });
  });

  describe('AuthSessionRepo', () => {
    it('finds a live session, not an expired, revoked or deactivated one', async () => {
      const users = new UserRepo(db);
      const sessions = new AuthSessionRepo(db);
      await users.create([user('u1', 'a'), user('u2', 'b')], T0);
      await sessions.create({ id: 's1', userId: 'u1', csrfToken: 'c', expiresAt: T2 }, T0);
      await sessions.create({ id: 's2', userId: 'u1', csrfToken: 'c', expiresAt: T1 }, T0);
      await sessions.create({ id: 's3', userId: 'u2', csrfToken: 'c', expiresAt: T2 }, T0);
      expect((await sessions.findValidWithUser('s1', T1))?.session.userId).toBe('u1');
      expect(await sessions.findValidWithUser('s2', T1)).toBeUndefined();
      await users.update('u2', { active: false }, T0);
      expect(await sessions.findValidWithUser('s3', T0)).toBeUndefined();
      expect(await sessions.revokeAllOfUser('u1', T0)).toBe(2);
      expect(await sessions.findValidWithUser('s1', T0)).toBeUndefined();
      expect(await sessions.deleteExpired(T2)).toBe(3);
    });

    it('finds a live session with its user and every role in one query', async () => {
      const users = new UserRepo(db);
      const sessions = new AuthSessionRepo(db);
      await users.create([user('u1', 'a'), user('u2', 'b')], T0);
      await users.update('u1', { roles: ['examiner', 'proctor'] }, T0);
      await sessions.create({ id: 's1', userId: 'u1', csrfToken: 'c1', expiresAt: T2 }, T0);
      await sessions.create({ id: 's2', userId: 'u2', csrfToken: 'c2', expiresAt: T2 }, T0);
      const { passwordHash: _, ...u1 } = (await users.findById('u1'))!;
      expect(await sessions.findValidWithUser('s1', T1)).toEqual({
        session: { id: 's1', userId: 'u1', csrfToken: 'c1', expiresAt: T2 },
        user: u1,
      });
      expect((await sessions.findValidWithUser('s2', T1))?.user.id).toBe('u2');
      expect(await sessions.findValidWithUser('s1', T2)).toBeUndefined();
      await users.update('u2', { active: false }, T0);
      expect(await sessions.findValidWithUser('s2', T1)).toBeUndefined();
      await sessions.revoke('s1', T1);
      expect(await sessions.findValidWithUser('s1', T1)).toBeUndefined();
    });
  });

  describe('CourseRepo', () => {
    it('counts students and staff, enrols once, unenrols, and lists a user’s courses', async () => {
      const users = new UserRepo(db);
      const courses = new CourseRepo(db);
      await users.create([user('u1', 'a'), user('u2', 'b', { roles: ['proctor'] })], T0);
      await courses.create({ id: 'c1', code: 'MATH', title: 'Математика' }, T0);
      await courses.create({ id: 'c2', code: 'ALG', title: 'Алгебра' }, T0);
      expect(await courses.enrol('c1', 'u1', 'student', T0)).toBe(true);
      expect(await courses.enrol('c1', 'u1', 'student', T0)).toBe(false);
      expect(await courses.enrol('c1', 'u2', 'proctor', T0)).toBe(true);
      expect(await courses.list()).toEqual([
        { id: 'c2', code: 'ALG', title: 'Алгебра', studentCount: 0, staffCount: 0 },
        { id: 'c1', code: 'MATH', title: 'Математика', studentCount: 1, staffCount: 1 },
      ]);
      expect((await courses.listEnrolments('c1')).map((e) => e.role)).toEqual([
        'proctor',
        'student',
      ]);
      expect(await courses.courseIdsOf('u1')).toEqual(['c1']);
      expect(await courses.unenrol('c1', 'u1', 'student')).toBe(true);
      expect(await courses.unenrol('c1', 'u1', 'student')).toBe(false);
      expect(await courses.update('c1', { title: 'Math' })).toBe(true);
      expect((await courses.findByCode('MATH'))?.id).toBe('c1');
    });
  });

  describe('ExamRepo', () => {
    it('stores exams with rules in three languages and oral slots, listed per course', async () => {
      const courses = new CourseRepo(db);
      const exams = new ExamRepo(db);
      await courses.create({ id: 'c1', code: 'M', title: 'Math' }, T0);
      await courses.create({ id: 'c2', code: 'P', title: 'Physics' }, T0);
      const rules = { kk: 'Ережелер', ru: 'Правила', en: 'Rules' };
      const base = {
        kind: 'written' as const,
        opensAt: T0,
        closesAt: T2,
        durationMinutes: 60,
        checkInLeadMinutes: 20,
        rules,
        settings: {},
        slots: [],
      };
      await exams.create({ ...base, id: 'e1', courseId: 'c1', title: 'Written exam' }, T0);
      await exams.create(
        {
          ...base,
          id: 'e2',
          courseId: 'c2',
          kind: 'oral',
          title: 'Oral exam',
          slots: [{ id: 's1', startsAt: T1, lengthMinutes: 20 }],
        },
        T0,
      );
      const mine = await exams.listForCourses(['c1']);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        title: 'Written exam',
        courseTitle: 'Math',
        rules,
        durationMinutes: 60,
        slots: [],
      });
      const all = await exams.listForCourses('all');
      expect(all.find((e) => e.id === 'e2')?.slots).toEqual([
        { id: 's1', startsAt: T1, lengthMinutes: 20 },
      ]);
      expect(await exams.listForCourses([])).toEqual([]);
    });
  });
});
