import type { GradingService } from '../services/grading.service.ts';
import type { LtiGradeService } from '../lti/lti-grade.service.ts';
import type { Router } from './route.ts';

export function gradingRoutes(
  route: Router,
  deps: { grading: GradingService; ltiGrades: LtiGradeService },
) {
  route('examGrading', ({ params, caller }) => deps.grading.overview(params.examId, caller!.user));
  route('updateGradingPolicy', ({ params, body, caller }) =>
    deps.grading.setPolicy(params.examId, caller!.user, body),
  );
  route('gradeSitting', ({ params, body, caller }) =>
    deps.grading.grade(params.sessionId, caller!.user, body),
  );
  route('retryGradeSend', ({ params, caller }) =>
    deps.ltiGrades.retry(params.sendId, caller!.user),
  );
}
