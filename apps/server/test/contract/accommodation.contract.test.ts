// The accommodation repository's contract (ADR 0018), on SQLite and PostgreSQL alike: profiles and
// overrides are written with their history entry or not at all, factors keep their value, and
// the history names who changed what, newest first.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import {
  AccommodationRepo,
  type NewChange,
  type StoredOverride,
  type StoredProfile,
} from '../../src/repositories/accommodation.repo.ts';
import { CourseRepo } from '../../src/repositories/course.repo.ts';
import { ExamRepo } from '../../src/repositories/exam.repo.ts';
import { SessionRepo } from '../../src/repositories/session.repo.ts';
import { UserRepo } from '../../src/repositories/user.repo.ts';
import { testDatabases } from './databases.ts';

const T0 = '2026-01-10T08:00:00.000Z';
const T1 = '2026-01-10T09:00:00.000Z';

const profile = (studentId: string, extra: Partial<StoredProfile> = {}): StoredProfile => ({
  studentId,
  timeFactor: 1.33,
  extraMinutes: 10,
  breakMinutes: 15,
  skippedChecks: ['faces', 'headPose'],
  proctorNote: 'Экранды оқу бағдарламасын қолданады',
  documentRef: 'ОФ-2026/17',
  validUntil: '2026-06-30',
  updatedAt: T0,
  updatedBy: 'office',
  ...extra,
});

let changeNo = 0;
const change = (studentId: string, extra: Partial<NewChange> = {}): NewChange => ({
  id: `ch${++changeNo}`,
  studentId,
  examId: null,
  action: 'profile-set',
  actorId: 'office',
  at: T0,
  reason: 'Анықтама / справка',
  before: null,
  after: { timeFactor: 1.33 },
  ...extra,
});

describe.each(testDatabases)('AccommodationRepo on $name', (testDb) => {
  let db: Db;
  let drop: () => Promise<void>;
  let repo: AccommodationRepo;
  beforeEach(async () => {
    ({ db, drop } = await testDb.open());
    repo = new AccommodationRepo(db);
    const users = new UserRepo(db);
    const base = { email: null, group: null, language: 'kk' as const, passwordHash: 'h' };
    await users.create(
      [
        { ...base, id: 's1', login: 's1', fullName: 'Әлиева Іңкәр', roles: ['student'] },
        { ...base, id: 's2', login: 's2', fullName: 'Беков Арман', roles: ['student'] },
        {
          ...base,
          id: 'office',
          login: 'office',
          fullName: 'Жақыпова Сәуле',
          roles: ['accommodations'],
        },
      ],
      T0,
    );
    await new CourseRepo(db).create({ id: 'c1', code: 'C1', title: 'C1' }, T0);
    await new ExamRepo(db).create(
      {
        id: 'e1',
        courseId: 'c1',
        kind: 'written',
        title: 'Физика',
        opensAt: T0,
        closesAt: T1,
        durationMinutes: 45,
        checkInLeadMinutes: 20,
        rules: { kk: '', ru: '', en: '' },
        settings: {},
        slots: [],
      },
      T0,
    );
  });
  afterEach(() => drop());

  it('keeps a profile as set (a factor of 1.33, Kazakh text) and replaces it on the next set', async () => {
    await repo.saveProfiles([{ profile: profile('s1'), change: change('s1') }]);
    expect(await repo.findProfile('s1')).toEqual(profile('s1'));
    expect(await repo.findProfile('s2')).toBeUndefined();
    await repo.saveProfiles([
      {
        profile: profile('s1', { timeFactor: 2, skippedChecks: [], validUntil: null }),
        change: change('s1', { at: T1 }),
      },
    ]);
    expect(await repo.findProfile('s1')).toMatchObject({
      timeFactor: 2,
      skippedChecks: [],
      validUntil: null,
    });
    expect((await repo.profiles()).map((p) => p.studentId)).toEqual(['s1']);
    expect(await repo.profiles(['s2'])).toEqual([]);
  });

  it('writes a batch of profiles with their history, or nothing when one entry fails', async () => {
    await repo.saveProfiles([{ profile: profile('s1'), change: change('s1', { id: 'dup' }) }]);
    await expect(
      repo.saveProfiles([
        { profile: profile('s2'), change: change('s2') },
        // The same history id again: the whole batch rolls back.
        { profile: profile('s1', { timeFactor: 3 }), change: change('s1', { id: 'dup' }) },
      ]),
    ).rejects.toThrow();
    expect(await repo.findProfile('s2')).toBeUndefined();
    expect((await repo.findProfile('s1'))?.timeFactor).toBe(1.33);
    expect(await repo.history('s2')).toEqual([]);
  });

  it('removes a profile with its history entry; removing none writes nothing', async () => {
    await repo.saveProfiles([{ profile: profile('s1'), change: change('s1') }]);
    expect(
      await repo.removeProfile('s1', change('s1', { action: 'profile-removed', at: T1 })),
    ).toBe(true);
    expect(await repo.findProfile('s1')).toBeUndefined();
    expect(await repo.removeProfile('s1', change('s1', { action: 'profile-removed' }))).toBe(false);
    expect((await repo.history('s1')).map((c) => c.action)).toEqual([
      'profile-removed',
      'profile-set',
    ]);
  });

  it('keeps an exam’s override per student, lists it by exam and by student, removes it', async () => {
    const o: StoredOverride = {
      examId: 'e1',
      studentId: 's1',
      opensAt: '2026-01-11T08:00:00.000Z',
      closesAt: '2026-01-11T12:00:00.000Z',
      extraMinutes: 20,
      reason: 'Ауруханада болды',
      updatedAt: T0,
      updatedBy: 'office',
    };
    await repo.saveOverride(o, change('s1', { examId: 'e1', action: 'override-set' }));
    expect(await repo.findOverride('e1', 's1')).toEqual(o);
    expect(await repo.findOverride('e1', 's2')).toBeUndefined();
    await repo.saveOverride(
      { ...o, opensAt: null, closesAt: null, extraMinutes: 5 },
      change('s1', { examId: 'e1', action: 'override-set', at: T1 }),
    );
    expect(await repo.overridesOfExam('e1')).toEqual([
      { ...o, opensAt: null, closesAt: null, extraMinutes: 5 },
    ]);
    expect((await repo.overridesOfStudent('s1')).map((x) => x.examId)).toEqual(['e1']);
    expect(
      await repo.removeOverride(
        'e1',
        's1',
        change('s1', { examId: 'e1', action: 'override-removed' }),
      ),
    ).toBe(true);
    expect(await repo.overridesOfExam('e1')).toEqual([]);
    expect(
      await repo.removeOverride(
        'e1',
        's1',
        change('s1', { examId: 'e1', action: 'override-removed' }),
      ),
    ).toBe(false);
  });

  it('lists a student’s history newest first with who made each change and the exam’s title', async () => {
    await repo.saveProfiles([
      {
        profile: profile('s1'),
        change: change('s1', {
          before: null,
          after: { timeFactor: 1.33, skippedChecks: ['faces'] },
        }),
      },
    ]);
    await repo.saveOverride(
      {
        examId: 'e1',
        studentId: 's1',
        opensAt: null,
        closesAt: null,
        extraMinutes: 15,
        reason: 'Кешігіп кірді',
        updatedAt: T1,
        updatedBy: 'office',
      },
      change('s1', {
        examId: 'e1',
        action: 'override-set',
        at: T1,
        reason: 'Кешігіп кірді',
        after: { extraMinutes: 15 },
      }),
    );
    const history = await repo.history('s1');
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      action: 'override-set',
      examId: 'e1',
      examTitle: 'Физика',
      actorName: 'Жақыпова Сәуле',
      reason: 'Кешігіп кірді',
      before: null,
      after: { extraMinutes: 15 },
    });
    expect(history[1]).toMatchObject({
      action: 'profile-set',
      examId: null,
      examTitle: null,
      at: T0,
      after: { timeFactor: 1.33, skippedChecks: ['faces'] },
    });
  });

  it('lists a student’s sittings of every exam', async () => {
    const sessions = new SessionRepo(db);
    expect(await sessions.listByStudent('s1')).toEqual([]);
    await sessions.insertOrGet(
      { id: 'x1', examId: 'e1', studentId: 's1', state: { status: 'scheduled' } as never },
      T0,
    );
    expect((await sessions.listByStudent('s1')).map((s) => s.id)).toEqual(['x1']);
    expect(await sessions.listByStudent('s2')).toEqual([]);
  });
});
