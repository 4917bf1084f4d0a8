import type { Config } from '../config.ts';
import type { AssignmentService } from '../services/assignment.service.ts';
import type { ChatService } from '../services/chat.service.ts';
import type { Clock } from '../services/clock.ts';
import { iceServersFor } from '../services/ice-servers.ts';
import { ok } from '../services/result.ts';
import type { Router } from './route.ts';

export function liveRoutes(
  route: Router,
  deps: { config: Config; clock: Clock; chat: ChatService; assignments: AssignmentService },
) {
  route('iceServers', async ({ caller }) =>
    ok(iceServersFor(deps.config, caller!.user.id, deps.clock.now().getTime())),
  );
  route('sessionChat', ({ params, caller }) => deps.chat.list(params.sessionId, caller!.user));
  route('postChat', ({ params, body, caller }) =>
    deps.chat.post(params.sessionId, caller!.user, body),
  );
  route('examAssignments', ({ params, caller }) =>
    deps.assignments.list(params.examId, caller!.user),
  );
  route('takeOver', ({ params, caller }) =>
    deps.assignments.takeOver(params.sessionId, caller!.user),
  );
}
