// The LTI repositories, run against SQLite and PostgreSQL alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { CourseRepo } from '../../src/repositories/course.repo.ts';
import { ExamRepo } from '../../src/repositories/exam.repo.ts';
import { LtiGradeRepo } from '../../src/repositories/lti-grade.repo.ts';
import { LtiLinkRepo } from '../../src/repositories/lti-link.repo.ts';
import { LtiPlatformRepo, type LtiPlatform } from '../../src/repositories/lti-platform.repo.ts';
import { LtiStateRepo } from '../../src/repositories/lti-state.repo.ts';
import { UserRepo } from '../../src/repositories/user.repo.ts';
import { testDatabases } from './databases.ts';

const T0 = '2026-01-10T08:00:00.000Z';
const T1 = '2026-01-10T09:00:00.000Z';
const T2 = '2026-01-10T10:00:00.000Z';

const moodle: LtiPlatform = {
  id: 'p1',
  issuer: 'https://moodle.example.kz',
  clientId: 'client-1',
  deploymentIds: ['1'],
  authUrl: 'https://moodle.example.kz/mod/lti/auth.php',
  tokenUrl: 'https://moodle.example.kz/mod/lti/token.php',
  jwksUrl: 'https://moodle.example.kz/mod/lti/certs.php',
};

describe.each(testDatabases)('LTI repositories on $name', (testDb) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ db, drop } = await testDb.open());
  });
  afterEach(() => drop());

  it('registers platforms, finds them by issuer and client id, and refuses a duplicate pair', async () => {
    const platforms = new LtiPlatformRepo(db);
    await platforms.create(moodle, T0);
    await platforms.create({ ...moodle, id: 'p2', clientId: 'client-2' }, T1);
    expect(await platforms.findById('p1')).toEqual(moodle);
    expect((await platforms.findByIssuer(moodle.issuer)).map((p) => p.id)).toEqual(['p1', 'p2']);
    expect((await platforms.findByIssuer(moodle.issuer, 'client-2')).map((p) => p.id)).toEqual([
      'p2',
    ]);
    expect(await platforms.findByIssuer('https://other.example')).toEqual([]);
    await expect(platforms.create({ ...moodle, id: 'p3' }, T1)).rejects.toThrow();
    await platforms.update({ ...moodle, deploymentIds: ['1', '7'] });
    expect((await platforms.findById('p1'))?.deploymentIds).toEqual(['1', '7']);
    expect(await platforms.list()).toHaveLength(2);
  });

  it('publishes the active key and a retired key only until its retire time', async () => {
    const platforms = new LtiPlatformRepo(db);
    const jwk = (n: string) => ({ kty: 'RSA', n, e: 'AQAB' });
    await platforms.addKey({
      kid: 'old',
      privateJwk: JSON.stringify(jwk('a')),
      publicJwk: jwk('a'),
      createdAt: T0,
    });
    await platforms.addKey({
      kid: 'new',
      privateJwk: JSON.stringify(jwk('b')),
      publicJwk: jwk('b'),
      createdAt: T1,
    });
    expect(await platforms.retireAllBut('new', T2)).toBe(1);
    const atT1 = await platforms.publishedKeys(T1);
    expect(atT1.map((k) => [k.kid, k.retireAt])).toEqual([
      ['new', null],
      ['old', T2],
    ]);
    expect(atT1[0]!.publicJwk).toEqual(jwk('b'));
    expect((await platforms.publishedKeys(T2)).map((k) => k.kid)).toEqual(['new']);
  });

  it('gives a state to exactly one caller, and never once expired or of another kind', async () => {
    await new LtiPlatformRepo(db).create(moodle, T0);
    const states = new LtiStateRepo(db);
    await states.create({
      id: 's1',
      kind: 'login',
      platformId: 'p1',
      nonce: 'n1',
      data: { target: '/x' },
      expiresAt: T1,
    });
    await states.create({
      id: 's2',
      kind: 'handoff',
      platformId: null,
      nonce: null,
      data: {},
      expiresAt: T1,
    });
    await states.create({
      id: 's3',
      kind: 'login',
      platformId: 'p1',
      nonce: 'n3',
      data: {},
      expiresAt: T1,
    });
    expect(await states.consume('s2', 'login', T0)).toBeUndefined();
    expect(await states.consume('s1', 'login', T0)).toEqual({
      id: 's1',
      kind: 'login',
      platformId: 'p1',
      nonce: 'n1',
      data: { target: '/x' },
      expiresAt: T1,
    });
    expect(await states.consume('s1', 'login', T0)).toBeUndefined();
    expect(await states.consume('s3', 'login', T2)).toBeUndefined();
    expect(await states.consume('nope', 'login', T0)).toBeUndefined();
  });

  it('accepts a nonce once per platform and forgets expired values', async () => {
    await new LtiPlatformRepo(db).create(moodle, T0);
    const states = new LtiStateRepo(db);
    expect(await states.useNonce('p1', 'n1', T1)).toBe(true);
    expect(await states.useNonce('p1', 'n1', T1)).toBe(false);
    expect(await states.useNonce('p1', 'n2', T2)).toBe(true);
    await states.create({
      id: 's1',
      kind: 'login',
      platformId: 'p1',
      nonce: 'x',
      data: {},
      expiresAt: T1,
    });
    expect(await states.purgeExpired(T1)).toBe(2);
    expect(await states.useNonce('p1', 'n1', T2)).toBe(true);
    expect(await states.useNonce('p1', 'n2', T2)).toBe(false);
  });

  it('maps platform users, contexts and resource links, updating a link in place', async () => {
    await new LtiPlatformRepo(db).create(moodle, T0);
    await new UserRepo(db).create(
      [
        {
          id: 'u1',
          login: 'lti-1',
          fullName: 'Әлиева Іңкәр',
          email: null,
          group: null,
          language: 'kk',
          passwordHash: 'x',
          roles: ['student'],
        },
      ],
      T0,
    );
    await new CourseRepo(db).create({ id: 'c1', code: 'C1', title: 'Course' }, T0);
    await new ExamRepo(db).create(
      {
        id: 'e1',
        courseId: 'c1',
        kind: 'written',
        title: 'Exam',
        opensAt: T1,
        closesAt: T2,
        durationMinutes: 60,
        checkInLeadMinutes: 10,
        rules: { kk: '', ru: '', en: '' },
        settings: {},
        slots: [],
      },
      T0,
    );
    const links = new LtiLinkRepo(db);
    await links.addUser(moodle.issuer, '42', 'u1', T0);
    expect(await links.findUser(moodle.issuer, '42')).toBe('u1');
    expect(await links.findUser('https://other', '42')).toBeUndefined();
    expect(await links.subOf('u1', moodle.issuer)).toBe('42');
    await expect(links.addUser(moodle.issuer, '42', 'u1', T0)).rejects.toThrow();

    const base = {
      platformId: 'p1',
      contextId: '7',
      courseId: 'c1',
      examId: null,
      lineItemUrl: null,
      nrpsUrl: null,
    };
    await links.upsert({ ...base, id: 'l0', resourceLinkId: '' }, T0);
    await links.upsert({ ...base, id: 'l1', resourceLinkId: '3', examId: 'e1' }, T0);
    expect(await links.gradeTargets('e1')).toEqual([]);
    const lineItem =
      'https://moodle.example.kz/mod/lti/services.php/7/lineitems/5/lineitem?type_id=1';
    await links.upsert(
      { ...base, id: 'ignored', resourceLinkId: '3', examId: 'e1', lineItemUrl: lineItem },
      T1,
    );
    expect(await links.find('p1', '7', '3')).toMatchObject({ id: 'l1', lineItemUrl: lineItem });
    expect((await links.find('p1', '7', ''))?.courseId).toBe('c1');
    expect((await links.gradeTargets('e1')).map((l) => l.id)).toEqual(['l1']);
  });

  it('keeps grade sends as an outbox: due rows, one claim at a time, and how each ended', async () => {
    await new LtiPlatformRepo(db).create(moodle, T0);
    const grades = new LtiGradeRepo(db);
    const score = { scoreGiven: 87.5, scoreMaximum: 100, userId: '42' };
    const row = {
      id: 'g1',
      platformId: 'p1',
      examId: 'e1',
      userId: 'u1',
      sessionId: 's1',
      lineItemUrl: 'https://x/lineitem?type_id=1',
      score,
      status: 'pending' as const,
      attempts: 0,
      httpStatus: null,
      error: null,
      nextAttemptAt: T0,
      createdAt: T0,
      updatedAt: T0,
    };
    await grades.create(row);
    await grades.create({ ...row, id: 'g2', nextAttemptAt: '2026-12-31T00:00:00.000Z' });
    expect((await grades.due(T1, 10)).map((g) => g.id)).toEqual(['g1']);
    // Two nodes race for the row: one wins; while leased it is not due for anyone else.
    const lease = '2026-11-26T10:05:00.000Z';
    expect(await grades.claim('g1', T1, lease)).toBe(true);
    expect(await grades.claim('g1', T1, lease)).toBe(false);
    expect(await grades.due(T1, 10)).toEqual([]);
    // A node that crashed holding it: after the lease the row is due again.
    expect((await grades.due('2026-11-26T10:06:00.000Z', 10)).map((g) => g.id)).toEqual(['g1']);
    await grades.record(
      'g1',
      { status: 'pending', attempts: 1, httpStatus: 503, error: 'busy', nextAttemptAt: T1 },
      T1,
    );
    expect(await grades.claim('g1', T1, lease)).toBe(true);
    await grades.record(
      'g1',
      { status: 'superseded', attempts: 2, httpStatus: 409, error: null, nextAttemptAt: null },
      T1,
    );
    expect(await grades.list('e1', 'u1')).toEqual([
      expect.objectContaining({
        id: 'g1',
        sessionId: 's1',
        score,
        status: 'superseded',
        attempts: 2,
        httpStatus: 409,
        nextAttemptAt: null,
        updatedAt: T1,
      }),
      expect.objectContaining({ id: 'g2', status: 'pending' }),
    ]);
    expect(await grades.list('e1', 'someone-else')).toEqual([]);
    expect(await grades.retry('g1', T1)).toBe(false);
    await grades.record(
      'g2',
      { status: 'failed', attempts: 6, httpStatus: 400, error: 'x', nextAttemptAt: null },
      T1,
    );
    expect(await grades.retry('g2', T1)).toBe(true);
    expect(await grades.findById('g2')).toMatchObject({ status: 'pending', attempts: 0 });
  });
});
