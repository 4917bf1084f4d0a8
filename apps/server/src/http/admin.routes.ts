import type { CourseAdminService } from '../services/course-admin.service.ts';
import { ok } from '../services/result.ts';
import type { UserAdminService } from '../services/user-admin.service.ts';
import type { Router } from './route.ts';

export function adminRoutes(
  route: Router,
  deps: { userAdmin: UserAdminService; courseAdmin: CourseAdminService },
) {
  const { userAdmin, courseAdmin } = deps;
  route('listUsers', async () => ok({ users: await userAdmin.list() }));
  route('createUser', ({ body }) => userAdmin.create(body));
  route('updateUser', ({ params, body }) => userAdmin.update(params.userId, body));
  route('revokeUserSessions', ({ params }) => userAdmin.revokeSessions(params.userId));
  route('previewImport', async ({ body }) => ok(await userAdmin.importStudents(body.csv, false)));
  route('importUsers', async ({ body }) => ok(await userAdmin.importStudents(body.csv, true)));

  route('listCourses', async () => ok({ courses: await courseAdmin.list() }));
  route('createCourse', ({ body }) => courseAdmin.create(body));
  route('updateCourse', ({ params, body }) => courseAdmin.update(params.courseId, body));
  route('listEnrolments', async ({ params }) => {
    const r = await courseAdmin.enrolments(params.courseId);
    return r.ok ? ok({ enrolments: r.value }) : r;
  });
  route('enrol', ({ params, body }) => courseAdmin.enrol(params.courseId, body));
  route('unenrol', ({ params }) =>
    courseAdmin.unenrol(params.courseId, params.userId, params.role),
  );
}
