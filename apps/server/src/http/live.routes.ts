import type { Config } from '../config.ts';
import type { Clock } from '../services/clock.ts';
import { iceServersFor } from '../services/ice-servers.ts';
import { ok } from '../services/result.ts';
import type { Router } from './route.ts';

export function liveRoutes(route: Router, deps: { config: Config; clock: Clock }) {
  route('iceServers', async ({ caller }) =>
    ok(iceServersFor(deps.config, caller!.user.id, deps.clock.now().getTime())),
  );
}
