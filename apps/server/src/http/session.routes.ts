import { limits } from '../services/rate-limits.ts';
import { ok } from '../services/result.ts';
import { attachmentDisposition } from '../services/upload-content.ts';
import type { DetectionCheckService } from '../services/detection-check.service.ts';
import type { ExamSessionService } from '../services/exam-session.service.ts';
import type { Router } from './route.ts';

export function sessionRoutes(
  route: Router,
  deps: { examSessions: ExamSessionService; detectionChecks: DetectionCheckService },
) {
  const s = deps.examSessions;
  route('identityMatch', ({ params, caller }) =>
    deps.detectionChecks.identityMatch(params.sessionId, caller!.user),
  );
  route('mySession', ({ params, caller }) => s.openMine(params.examId, caller!.user));
  route('examRoster', ({ params, caller }) => s.roster(params.examId, caller!.user));
  route('sessionFile', async ({ params, caller, reply }) => {
    const r = await s.file(params.sessionId, params.fileId, caller!.user);
    if (!r.ok) return r;
    reply
      .type(r.value.contentType)
      .header('cache-control', 'private, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      // Always downloaded, never shown in the page's origin (a student's file could be HTML).
      .header('content-disposition', attachmentDisposition(r.value.name));
    return ok(Buffer.from(r.value.bytes));
  });
  route('removeSessionFile', ({ params, caller }) =>
    s.removeFile(params.sessionId, params.fileId, caller!.user),
  );
  route('getSession', ({ params, caller }) => s.view(params.sessionId, caller!.user));
  route('sessionCommand', ({ params, body, caller }) =>
    s.command(params.sessionId, caller!.user, body),
  );
  route('saveAnswer', ({ params, body, caller }) =>
    s.saveAnswer(params.sessionId, caller!.user, body),
  );
  route(
    'uploadSessionFile',
    ({ params, query, body, req, caller }) =>
      s.uploadFile(params.sessionId, caller!.user, {
        kind: query.kind,
        name: query.name,
        contentType: (req.headers['content-type'] ?? '').split(';')[0]!.trim(),
        bytes: body,
      }),
    { limit: limits.files },
  );
}
