import { limits } from '../services/rate-limits.ts';
import { ok } from '../services/result.ts';
import { attachmentDisposition } from '../services/upload-content.ts';
import type { TaskFileService } from '../services/task-file.service.ts';
import type { Router } from './route.ts';

export function taskFileRoutes(route: Router, deps: { taskFiles: TaskFileService }) {
  const s = deps.taskFiles;
  route('listTaskFiles', ({ params, caller }) => s.list(params.examId, caller!.user));
  route(
    'uploadTaskFile',
    ({ params, query, body, req, caller }) =>
      s.upload(params.examId, caller!.user, {
        name: query.name,
        contentType: (req.headers['content-type'] ?? '').split(';')[0]!.trim(),
        bytes: body,
      }),
    { limit: limits.files },
  );
  route('taskFile', async ({ params, caller, reply }) => {
    const r = await s.file(params.examId, params.fileId, caller!.user);
    if (!r.ok) return r;
    reply
      .type(r.value.contentType)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', attachmentDisposition(r.value.name));
    return ok(Buffer.from(r.value.bytes));
  });
  route('removeTaskFile', ({ params, caller }) =>
    s.remove(params.examId, params.fileId, caller!.user),
  );
}
