// The deep-linking page's API (ADR 0017): the SPA at /lms/deep-link/:pickId shows the course's
// exams and the examiner's full form; the pick token in the path is the only credential.
import type { LtiLaunchService, LtiRefused } from '../lti/lti-launch.service.ts';
import { ok, refuse, type Refusal } from '../services/result.ts';
import type { Router } from './route.ts';

/** An LTI refusal as the API's: an expired or spent pick is simply gone. */
function gone(r: LtiRefused): Refusal {
  return r.refusal === 'unknown-exam'
    ? refuse('not-found', 'no such exam in this course', 'examId')
    : {
        ...refuse('not-found', 'this page has expired: add the activity again from the LMS'),
        detail: r.refusal,
      };
}

export function ltiDeepLinkRoutes(route: Router, deps: { launches: LtiLaunchService }) {
  const l = deps.launches;
  route('ltiDeepLink', async ({ params }) => {
    const r = await l.deepLinkView(params.pickId);
    return r.ok ? ok(r.view) : gone(r);
  });
  route('ltiDeepLinkPick', async ({ params, body }) => {
    const r = await l.deepLinkResponse(params.pickId, body.examId);
    return r.ok ? ok({ next: await l.stageReturn(r) }) : gone(r);
  });
  route('ltiDeepLinkCreate', async ({ params, body }) => {
    const r = await l.createFromDraft(params.pickId, body);
    if (!r.ok) return gone(r);
    if (!r.created.ok) return r.created;
    return ok({ next: await l.stageReturn(r.created.value) });
  });
}
