import type { ExamAuthoringService } from '../services/exam-authoring.service.ts';
import type { ExamImportService } from '../services/exam-import.service.ts';
import type { ExamQueryService } from '../services/exam-query.service.ts';
import { ok } from '../services/result.ts';
import type { Router } from './route.ts';

export function examRoutes(
  route: Router,
  deps: {
    examQuery: ExamQueryService;
    authoring: ExamAuthoringService;
    examImport: ExamImportService;
  },
) {
  const a = deps.authoring;
  route('listExams', async ({ caller }) =>
    ok({ exams: await deps.examQuery.listFor(caller!.user) }),
  );
  // Authoring (ADR 0017)
  route('authoringCourses', ({ caller }) => a.courses(caller!.user));
  route('getExam', ({ params, caller }) => a.get(params.examId, caller!.user));
  route('createExam', ({ body, caller }) => a.create(body, caller!.user));
  route('updateExam', ({ params, body, caller }) => a.update(params.examId, body, caller!.user));
  route('publishExam', ({ params, caller }) => a.publish(params.examId, caller!.user));
  route('duplicateExam', ({ params, caller }) => a.duplicate(params.examId, caller!.user));
  route('deleteExam', ({ params, caller }) => a.delete(params.examId, caller!.user));
  route('previewExamImport', ({ body, caller }) =>
    deps.examImport.run(body.csv, caller!.user, false),
  );
  route('importExams', ({ body, caller }) => deps.examImport.run(body.csv, caller!.user, true));
  route('listPresets', ({ caller }) => a.listPresets(caller!.user));
  route('createPreset', ({ body }) => a.savePreset(null, body));
  route('updatePreset', ({ params, body }) => a.savePreset(params.presetId, body));
  route('deletePreset', ({ params }) => a.deletePreset(params.presetId));
}
