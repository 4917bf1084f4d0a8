// Builds the HTTP + realtime application from ready adapters. main.ts decides which adapters.
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { adminRoutes } from './http/admin.routes.ts';
import { authRoutes } from './http/auth.routes.ts';
import { installErrorHandler } from './http/errors.ts';
import { examRoutes } from './http/exam.routes.ts';
import { publicRoutes } from './http/public.routes.ts';
import { createRouter } from './http/route.ts';
import { attachRealtime } from './realtime/socket.ts';
import { AuthSessionRepo } from './repositories/auth-session.repo.ts';
import { CourseRepo } from './repositories/course.repo.ts';
import { ExamRepo } from './repositories/exam.repo.ts';
import { UserRepo } from './repositories/user.repo.ts';
import { AccountService } from './services/account.service.ts';
import { AuthService } from './services/auth.service.ts';
import type { Clock } from './services/clock.ts';
import { CourseAdminService } from './services/course-admin.service.ts';
import { ExamQueryService } from './services/exam-query.service.ts';
import { UserAdminService } from './services/user-admin.service.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: FastifyBaseLogger;
}

export async function buildApp({ config, db, clock, logger }: AppDeps) {
  const app = Fastify({
    loggerInstance: logger,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 4 * 1024 * 1024,
  });

  await app.register(cookie);
  await app.register(helmet, {
    hsts: false, // set below, only on requests that arrived over TLS
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        workerSrc: ["'self'", 'blob:'],
        frameAncestors: config.FRAME_ANCESTORS.split(/\s+/).filter(Boolean),
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  await app.register(rateLimit, { global: false });
  installErrorHandler(app);

  const users = new UserRepo(db);
  const courses = new CourseRepo(db);
  const exams = new ExamRepo(db);
  const auth = new AuthService(users, new AuthSessionRepo(db), clock, config.SESSION_TTL_HOURS);
  const realtime = attachRealtime(app, auth);
  const userAdmin = new UserAdminService(users, auth, clock, realtime.sessionsRevoked);
  const courseAdmin = new CourseAdminService(courses, users, clock);

  const route = createRouter(app, auth);
  publicRoutes(app, route, { config, db });
  authRoutes(route, { auth, account: new AccountService(users, clock), config });
  examRoutes(route, { examQuery: new ExamQueryService(exams, courses) });
  adminRoutes(route, { userAdmin, courseAdmin });

  serveWeb(app, config.webDist);
  return { app, repos: { users, courses, exams }, realtime };
}

/** The built SPA; unknown non-API GETs get index.html so client routes survive a reload. */
function serveWeb(app: FastifyInstance, dist: string) {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn({ dist }, 'web app not built: run `npm run build`');
    return;
  }
  void app.register(fastifyStatic, { root: dist, wildcard: false, index: false });
  app.get('/*', (req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply
        .status(404)
        .send({ error: 'not-found', message: `No route GET ${req.url.split('?')[0]}` });
    }
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  });
}
