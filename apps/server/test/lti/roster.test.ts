// NRPS roster sync against the fake Moodle: members become enrolments under their LMS names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { LtiAccounts } from '../../src/lti/lti-accounts.ts';
import { LtiKeyService } from '../../src/lti/lti-keys.service.ts';
import { LtiRosterService } from '../../src/lti/lti-roster.service.ts';
import { LtiTokenClient } from '../../src/lti/lti-token.client.ts';
import { CourseRepo } from '../../src/repositories/course.repo.ts';
import { LtiLinkRepo } from '../../src/repositories/lti-link.repo.ts';
import { LtiPlatformRepo } from '../../src/repositories/lti-platform.repo.ts';
import { UserRepo } from '../../src/repositories/user.repo.ts';
import { systemClock } from '../../src/services/clock.ts';
import { ROLE } from './fake-moodle.ts';
import { beginLogin, postLaunch, startLtiWorld, type LtiWorld } from './lti-world.ts';

let w: LtiWorld;
beforeAll(async () => {
  w = await startLtiWorld();
  const add = (id: string, name: string, roles: string[]) => {
    const [family, given] = name.split(' ') as [string, string];
    w.moodle.addUser({ id, name, given, family, email: `${id}@example.kz`, roles, locale: 'kk' });
  };
  add('102', 'Серіков Дәулет', [ROLE.learner]);
  add('103', 'Омарова Ләззат', [ROLE.learner]);
  add('104', 'Ахметов Ерлан', [ROLE.learner]);
  add('105', 'Нұрланова Айгүл', [
    'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant',
  ]);
  w.moodle.inactive.add('104');
});
afterAll(() => w.close());

async function courseOfContext() {
  const row = await w.db
    .selectFrom('lti_links')
    .select('course_id')
    .where('context_id', '=', w.moodle.contextId)
    .where('resource_link_id', '=', '')
    .executeTakeFirstOrThrow();
  return row.course_id;
}
const enrolled = async (courseId: string) =>
  (
    (await w.admin.call('listEnrolments', { params: { courseId } })).body.enrolments as {
      fullName: string;
      role: string;
    }[]
  )
    .map((e) => `${e.role}: ${e.fullName}`)
    .sort();

describe('roster sync (NRPS)', () => {
  it("an instructor's launch lands on the examiner page and brings the course's members in, page by page", async () => {
    const spec = { user: '201' };
    const { state, nonce } = await beginLogin(w, spec);
    const r = await postLaunch(w, {
      id_token: await w.moodle.sign(w.moodle.claims(spec, nonce)),
      state,
    });
    expect(r.status).toBe(303);
    const handoff = await fetch(`${w.publicUrl}${r.location}`, { redirect: 'manual' });
    expect(handoff.headers.get('location')).toBe('/examiner');
    const courseId = await courseOfContext();
    // The sync runs in the background after the launch answered.
    await expect
      .poll(() => enrolled(courseId), { timeout: 10_000 })
      .toEqual(
        [
          'examiner: Bolat Serikov',
          'proctor: Нұрланова Айгүл',
          'student: Әлиева Іңкәр',
          'student: Омарова Ләззат',
          'student: Серіков Дәулет',
        ].sort(),
      );
    expect(w.moodle.rosterRequests).toBe(3);
  });

  it('a sync on demand takes the names the LMS holds now and skips inactive members', async () => {
    w.moodle.users.get('102')!.name = 'Серіков Дәулет Асқарұлы';
    const platforms = new LtiPlatformRepo(w.db);
    const links = new LtiLinkRepo(w.db);
    const roster = new LtiRosterService({
      platforms,
      links,
      accounts: new LtiAccounts(new UserRepo(w.db), links, new CourseRepo(w.db)),
      tokens: new LtiTokenClient(new LtiKeyService(platforms, systemClock, w.vault), systemClock),
      clock: systemClock,
      proctorRoles: loadConfig({}).LTI_PROCTOR_ROLE.split(','),
    });
    const platformId = (await platforms.list())[0]!.id;
    const r = await roster.syncContext(platformId, w.moodle.contextId);
    expect(r).toEqual({ ok: true, value: { members: 6, enrolled: 5 } });
    expect(await enrolled(await courseOfContext())).toContain('student: Серіков Дәулет Асқарұлы');
    expect(await roster.syncContext(platformId, 'no-such-context')).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
  });

  it('an admin re-syncs a course on demand; a course without an LMS roster is a 404', async () => {
    const courseId = await courseOfContext();
    const r = await w.admin.call('syncLtiRoster', { params: { courseId } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ members: 6, enrolled: 5 });
    const demoCourse = (await w.admin.call('listCourses')).body.courses.find(
      (c: { code: string }) => c.code === 'DEMO-101',
    ).id as string;
    const none = await w.admin.call('syncLtiRoster', { params: { courseId: demoCourse } });
    expect(none.status).toBe(404);
  });
});
