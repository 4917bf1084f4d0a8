import { limits } from '../services/rate-limits.ts';
import { ok } from '../services/result.ts';
import type { OralPlanningService } from '../services/oral-planning.service.ts';
import type { OralService } from '../services/oral.service.ts';
import type { Router } from './route.ts';

export function oralRoutes(
  route: Router,
  deps: { oral: OralService; planning: OralPlanningService },
) {
  const o = deps.oral;
  const p = deps.planning;
  route('oralPlan', ({ params, caller }) => o.plan(params.examId, caller!.user));
  route('setOralSetup', ({ params, body, caller }) =>
    o.saveSetup(params.examId, caller!.user, body),
  );
  route('scheduleOralSlot', ({ params, body, caller }) =>
    o.scheduleSlot(params.examId, caller!.user, body),
  );
  route('setOralCommittees', ({ params, body, caller }) =>
    p.setCommittees(params.examId, caller!.user, body),
  );
  route('generateOralDayPlan', ({ params, body, caller }) =>
    p.generateDayPlan(params.examId, caller!.user, body),
  );
  route('setOralTicketPools', ({ params, body, caller }) =>
    p.setPools(params.examId, caller!.user, body),
  );
  route('placeOralStudents', ({ params, caller }) => p.place(params.examId, caller!.user));
  route('bookOralSlot', ({ params, body, caller }) => p.book(params.examId, caller!.user, body));
  route('myOralSlot', ({ params, caller }) => o.mySlot(params.examId, caller!.user));
  route('joinOralSlot', ({ params, caller }) => o.join(params.slotId, caller!.user));
  route('oralRoom', ({ params, caller }) => o.room(params.slotId, caller!.user));
  route('moveInOralQueue', ({ params, body, caller }) =>
    o.moveInQueue(params.slotId, caller!.user, body),
  );
  route('oralCommand', ({ params, body, caller }) =>
    o.command(params.sessionId, caller!.user, body),
  );
  route(
    'uploadOralIdSnapshot',
    ({ params, body, req, caller }) =>
      o.uploadIdSnapshot(
        params.sessionId,
        caller!.user,
        body,
        (req.headers['content-type'] ?? '').split(';')[0]!.trim(),
      ),
    { limit: limits.files },
  );
  route('oralIdSnapshot', async ({ params, caller, reply }) => {
    const r = await o.idSnapshot(params.sessionId, caller!.user);
    if (!r.ok) return r;
    reply.type(r.value.contentType).header('cache-control', 'private, no-store');
    return ok(Buffer.from(r.value.bytes));
  });
  route('oralProtocol', async ({ params, query, caller, reply }) => {
    const r = await o.protocol(params.slotId, caller!.user, query.lang);
    if (!r.ok) return r;
    reply
      .type('application/pdf')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="oral-protocol-${query.lang}.pdf"`);
    return ok(Buffer.from(r.value));
  });
}
