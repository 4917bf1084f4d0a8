import { limits } from '../services/rate-limits.ts';
import { PROTOCOL_VERSION, type PublicConfig } from '@emtihan/protocol';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { ping, type Db } from '../db/database.ts';
import { DEMO_ACCOUNTS } from '../services/demo-seed.ts';
import { ok } from '../services/result.ts';
import type { Router } from './route.ts';

export function publicRoutes(
  app: FastifyInstance,
  route: Router,
  deps: { config: Config; db: Db },
) {
  const { config } = deps;
  const publicConfig: PublicConfig = {
    protocolVersion: PROTOCOL_VERSION,
    universityName: config.UNIVERSITY_NAME,
    support: { phone: config.SUPPORT_PHONE, email: config.SUPPORT_EMAIL },
    demo: config.DEMO,
    demoAccounts: config.DEMO ? DEMO_ACCOUNTS : [],
    defaultLanguage: 'kk',
    timeZone: config.TIME_ZONE,
  };
  route('publicConfig', async () => ok(publicConfig));
  // System check: the student's upload speed to this server (the client times the round trip).
  route(
    'speedTest',
    async ({ body, reply }) => ok({ bytes: body.byteLength, ms: reply.elapsedTime }),
    { limit: limits.files },
  );

  // Liveness: the process answers. Readiness: it can reach its database.
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (req, reply) => {
    try {
      await ping(deps.db);
      return { status: 'ready' };
    } catch (err) {
      req.log.warn({ err }, 'database not reachable');
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });
}
