import type { LtiGradeService } from '../lti/lti-grade.service.ts';
import type { LtiKeyService } from '../lti/lti-keys.service.ts';
import type { LtiPlatformService } from '../lti/lti-platform.service.ts';
import type { LtiRosterService } from '../lti/lti-roster.service.ts';
import { ok } from '../services/result.ts';
import type { Router } from './route.ts';

export function ltiAdminRoutes(
  route: Router,
  deps: {
    platforms: LtiPlatformService;
    roster: LtiRosterService;
    grades: LtiGradeService;
    keys: LtiKeyService;
  },
) {
  route('listLtiPlatforms', async () =>
    ok({ platforms: await deps.platforms.list(), tool: deps.platforms.toolSettings() }),
  );
  route('addLtiPlatform', async ({ body }) => {
    const r = await deps.platforms.register(body);
    if (!r.ok) return r;
    const { created: _, ...view } = r.value;
    return ok(view);
  });
  route('syncLtiRoster', async ({ params }) => deps.roster.syncCourse(params.courseId));
  route('examGradeSends', async ({ params, caller }) => {
    const r = await deps.grades.historyFor(params.examId, caller!.user);
    return r.ok ? ok({ sends: r.value }) : r;
  });
  route('listLtiKeys', async () => ok({ keys: await deps.keys.list() }));
  route('rotateLtiKey', async ({ body }) => {
    await deps.keys.rotate(body.overlapDays);
    return ok({ keys: await deps.keys.list() });
  });
  route('listLtiCourses', async () => ok({ courses: await deps.platforms.linkedCourses() }));
  route('ltiGradeLog', async () => ok({ sends: await deps.grades.recent(200) }));
}
