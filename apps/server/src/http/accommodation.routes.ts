// Accommodations (ADR 0018): the office's profiles (access level `accommodations`), an exam's
// overrides (its examiners and admins, checked by the service), and the student's own.
import type { AccommodationService } from '../services/accommodation.service.ts';
import { ok } from '../services/result.ts';
import type { Router } from './route.ts';

export function accommodationRoutes(route: Router, deps: { accommodations: AccommodationService }) {
  const a = deps.accommodations;
  route('listAccommodations', async () => ok({ accommodations: await a.list() }));
  route('getAccommodation', ({ params }) => a.get(params.studentId));
  route('setAccommodation', ({ params, body, caller }) =>
    a.set(params.studentId, body, caller!.user),
  );
  route('removeAccommodation', ({ params, body, caller }) =>
    a.remove(params.studentId, body, caller!.user),
  );
  route('importAccommodations', ({ body, caller }) =>
    a.import(body.csv, body.commit, body.reason, caller!.user),
  );
  route('myAccommodation', async ({ caller }) => ok(await a.mine(caller!.user)));
  route('examAccommodations', ({ params, caller }) => a.examRows(params.examId, caller!.user));
  route('setExamOverride', ({ params, body, caller }) =>
    a.setOverride(params.examId, params.studentId, body, caller!.user),
  );
  route('removeExamOverride', ({ params, body, caller }) =>
    a.removeOverride(params.examId, params.studentId, body, caller!.user),
  );
}
