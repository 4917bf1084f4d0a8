import type { ExamQueryService } from '../services/exam-query.service.ts';
import { ok } from '../services/result.ts';
import type { Router } from './route.ts';

export function examRoutes(route: Router, deps: { examQuery: ExamQueryService }) {
  route('listExams', async ({ caller }) =>
    ok({ exams: await deps.examQuery.listFor(caller!.user) }),
  );
}
