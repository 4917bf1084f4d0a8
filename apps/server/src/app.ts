// Builds the HTTP + realtime application from ready adapters. main.ts decides which adapters.
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  EVIDENCE_CONTENT_TYPES,
  MAX_UPLOAD_BYTES,
  SOCKET_EVENT,
  UPLOAD_CONTENT_TYPES,
  type ServerMessage,
} from '@emtihan/protocol';
import type { BlobStore } from './adapters/blob-store.port.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { accommodationStudentRoutes } from './http/accommodation-students.routes.ts';
import { accommodationRoutes } from './http/accommodation.routes.ts';
import { adminRoutes } from './http/admin.routes.ts';
import { authRoutes } from './http/auth.routes.ts';
import { installErrorHandler } from './http/errors.ts';
import { receiveBytes } from './http/binary-body.ts';
import { evidenceRoutes, evidenceUploadRoute, reportRoutes } from './http/evidence.routes.ts';
import { examRoutes } from './http/exam.routes.ts';
import { ltiDeepLinkRoutes } from './http/lti-deep-link.routes.ts';
import { publicRoutes } from './http/public.routes.ts';
import { detectionModelRoutes } from './http/detection-models.routes.ts';
import { createRouter, ZOD_ONLY } from './http/route.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { sessionRoutes } from './http/session.routes.ts';
import { taskFileRoutes } from './http/task-file.routes.ts';
import { oralRoutes } from './http/oral.routes.ts';
import { attachOralHandlers } from './realtime/oral.handlers.ts';
import { OralRepo } from './repositories/oral.repo.ts';
import { OralPlanningService } from './services/oral-planning.service.ts';
import { OralService } from './services/oral.service.ts';
import { ltiAdminRoutes } from './http/lti-admin.routes.ts';
import { ltiRoutes } from './http/lti.routes.ts';
import { gradingRoutes } from './http/grading.routes.ts';
import { GradingRepo } from './repositories/grading.repo.ts';
import { GradingService } from './services/grading.service.ts';
import { liveRoutes } from './http/live.routes.ts';
import { AssignmentService } from './services/assignment.service.ts';
import { ChatService } from './services/chat.service.ts';
import { liveNotifiers } from './realtime/live.notifier.ts';
import { AccommodationRepo } from './repositories/accommodation.repo.ts';
import { AccommodationService } from './services/accommodation.service.ts';
import { AssignmentRepo } from './repositories/assignment.repo.ts';
import { ChatRepo } from './repositories/chat.repo.ts';
import { LtiGradeService } from './lti/lti-grade.service.ts';
import { LtiKeyService } from './lti/lti-keys.service.ts';
import { LtiKeyVault } from './lti/lti-key-vault.ts';
import { LtiLaunchService } from './lti/lti-launch.service.ts';
import { LtiPlatformService } from './lti/lti-platform.service.ts';
import { LtiAccounts } from './lti/lti-accounts.ts';
import { LtiRosterService } from './lti/lti-roster.service.ts';
import { LtiTokenClient } from './lti/lti-token.client.ts';
import { LtiGradeRepo } from './repositories/lti-grade.repo.ts';
import { LtiLinkRepo } from './repositories/lti-link.repo.ts';
import { LtiPlatformRepo } from './repositories/lti-platform.repo.ts';
import { LtiStateRepo } from './repositories/lti-state.repo.ts';
import { attachRealtime, examStaffRoom, sessionRoom } from './realtime/socket.ts';
import { phoneEvidenceRoute, secondCameraRoutes } from './http/second-camera.routes.ts';
import { SecondCameraRepo } from './repositories/second-camera.repo.ts';
import { SecondCameraService } from './services/second-camera.service.ts';
import { AuthSessionRepo } from './repositories/auth-session.repo.ts';
import { CourseRepo } from './repositories/course.repo.ts';
import { EvidenceRepo } from './repositories/evidence.repo.ts';
import { ExamRepo } from './repositories/exam.repo.ts';
import { SessionRepo } from './repositories/session.repo.ts';
import { TaskFileRepo } from './repositories/task-file.repo.ts';
import { TaskFileService } from './services/task-file.service.ts';
import { UserRepo } from './repositories/user.repo.ts';
import { AccountService } from './services/account.service.ts';
import { AuthService } from './services/auth.service.ts';
import type { Clock } from './services/clock.ts';
import { CourseAdminService } from './services/course-admin.service.ts';
import { EvidenceService } from './services/evidence.service.ts';
import { ReportService } from './services/report.service.ts';
import { RetentionService } from './services/retention.service.ts';
import { limits, MemoryCounters, RateLimiter, redisCounters } from './services/rate-limits.ts';
import { ExamAuthoringService } from './services/exam-authoring.service.ts';
import { ExamImportService } from './services/exam-import.service.ts';
import { ExamQueryService } from './services/exam-query.service.ts';
import { ExamSessionService } from './services/exam-session.service.ts';
import { UserAdminService } from './services/user-admin.service.ts';
import {
  flagPublisher,
  livePublisher,
  signalBatchHandler,
  useRedisAdapter,
} from './realtime/signals.handlers.ts';
import { SignalRepo } from './repositories/signal.repo.ts';
import { SignalService } from './services/signal.service.ts';
import { createServerDetector } from '@emtihan/detection/server';
import { DetectionCheckRepo } from './repositories/detection-check.repo.ts';
import {
  DetectionCheckService,
  type SnapshotDetector,
} from './services/detection-check.service.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  blobs: BlobStore;
  clock: Clock;
  logger: FastifyBaseLogger;
  /** Replaces the server's detectors (tests). */
  detector?: SnapshotDetector;
}

export async function buildApp({ config, db, blobs, clock, logger, detector }: AppDeps) {
  const app = Fastify({
    loggerInstance: logger,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 4 * 1024 * 1024,
    schemaController: ZOD_ONLY,
  });

  await app.register(cookie);
  // Helmet's headers, worked out once; HSTS only on requests that arrived over TLS.
  await installSecurityHeaders(app, {
    hsts: false, // set only on requests that arrived over TLS
    // Cross-origin isolated pages, so the detectors' WASM can use threads (ADR 0009).
    crossOriginEmbedderPolicy: { policy: 'require-corp' },
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
  // Uploads arrive as raw bytes; each upload route sets its own size limit.
  app.addContentTypeParser(
    [...UPLOAD_CONTENT_TYPES, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
    (_req, body, done) => done(null, body),
  );
  installErrorHandler(app, serveWeb(app, config.webDist));
  await app.register(detectionModelRoutes);

  const users = new UserRepo(db);
  const courses = new CourseRepo(db);
  const exams = new ExamRepo(db);
  const auth = new AuthService(users, new AuthSessionRepo(db), clock, config.SESSION_TTL_HOURS);
  // Rate limits (ADR 0022): counted in Redis, shared by every node, when it is configured.
  const limiter = new RateLimiter(
    config.REDIS_URL && config.RATE_LIMIT_FACTOR > 0
      ? await redisCounters(config.REDIS_URL, config.REDIS_KEY_PREFIX)
      : new MemoryCounters(),
    config.RATE_LIMIT_FACTOR,
    (err) => app.log.error({ err }, 'rate-limit counters unreachable; request let through'),
  );
  app.addHook('onClose', () => limiter.close());
  const realtime = attachRealtime(
    app,
    auth,
    {
      pingInterval: config.SOCKET_PING_INTERVAL_MS,
      pingTimeout: config.SOCKET_PING_TIMEOUT_MS,
      publicUrl: config.PUBLIC_URL,
    },
    { limiter, trustProxy: config.TRUST_PROXY },
  );
  const userAdmin = new UserAdminService(users, auth, clock, realtime.sessionsRevoked);
  const courseAdmin = new CourseAdminService(courses, users, clock, realtime.rightsChanged);

  if (config.REDIS_URL) {
    const release = await useRedisAdapter(realtime.io, config.REDIS_URL, app.log);
    app.addHook('onClose', release);
  }
  const sessions = new SessionRepo(db);
  const signalRepo = new SignalRepo(db);
  // The server's detectors (ADR 0009): a worker thread started by the first job.
  const detectionChecks = new DetectionCheckService({
    checks: new DetectionCheckRepo(db),
    signals: signalRepo,
    sessions,
    exams,
    blobs,
    clock,
    detector: config.SERVER_DETECTION ? (detector ?? createServerDetector()) : null,
    publish: flagPublisher(realtime.io),
    isStaffOf: (examId: string, userId: string): Promise<boolean> =>
      examSessions.isStaffOf(examId, userId),
    log: app.log,
  });
  const secondCameraRepo = new SecondCameraRepo(db);
  const evidenceRepo = new EvidenceRepo(db);
  const signals = new SignalService({
    phoneEvents: (sessionId, afterSeq) => secondCameraRepo.eventsAfter(sessionId, afterSeq),
    repo: signalRepo,
    sessions,
    exams,
    blobs,
    clock,
    publish: flagPublisher(realtime.io),
    publishLive: livePublisher(realtime.io),
    log: app.log,
    recheckEvidence: detectionChecks.enabled,
    onRecheckQueued: () => detectionChecks.wake(),
  });
  realtime.setSignalHandler(signalBatchHandler(signals, app.log));
  const taskFiles = new TaskFileRepo(db);
  const accommodationRepo = new AccommodationRepo(db);
  const assignments = new AssignmentService({
    sessions,
    exams,
    courses,
    assignments: new AssignmentRepo(db),
    clock,
  });
  const examSessions: ExamSessionService = new ExamSessionService({
    taskFiles,
    actGuard: (session, userId) => assignments.mayAct(session, userId),
    sessions,
    exams,
    courses,
    users,
    blobs,
    clock,
    notifier: {
      changed(session, effects) {
        signals.forget(session.id);
        realtime.notifier.changed(session, effects);
      },
    },
    flags: signals,
    warningChecks: signalRepo,
    identityChecks: detectionChecks,
    // Each sitting under its student's accommodation and the exam's override (ADR 0018).
    arrangements: accommodationRepo,
    timeZone: config.TIME_ZONE,
    secondCameraGate: (session, step) => cameras.gate(session, step),
  });
  // The phone as a second camera (ADR 0023).
  const cameras: SecondCameraService = new SecondCameraService({
    repo: secondCameraRepo,
    sessions,
    exams,
    clock,
    relations: (sessionId, caller) => examSessions.relationsOf(sessionId, caller),
    nextSideSeq: async (sessionId) =>
      (await evidenceRepo.list(sessionId))
        .filter((s) => s.track === 'side')
        .reduce((n, s) => Math.max(n, s.seq + 1), 0),
    mayAct: (session, userId) => assignments.mayAct(session, userId),
    notifier: {
      changed(session, camera) {
        realtime.io
          .to(sessionRoom(session.id))
          .to(examStaffRoom(session.examId))
          .emit(SOCKET_EVENT, {
            type: 'second-camera',
            sessionId: session.id,
            camera,
          } satisfies ServerMessage);
      },
      replaced: (ids) => realtime.phonesReplaced(ids),
    },
  });
  realtime.setPhoneHandler({
    authenticate: (credential) => cameras.authenticate(credential),
    async state(phone, msg) {
      const r = await cameras.report(phone, msg.state, msg.battery ?? null);
      return r.ok ? { ok: true } : { ok: false, reason: 'forbidden', message: r.message };
    },
    async gone(phone) {
      // Refused (and nothing stored) when the phone was replaced or its sitting ended.
      await cameras.report(phone, 'offline');
    },
  });
  detectionChecks.start();
  realtime.setWatchCheck(async (sessionId, userId) => {
    const user = await users.findById(userId);
    return !!user && (await examSessions.view(sessionId, user)).ok;
  });
  realtime.setExamWatchCheck((examId, userId) => examSessions.isStaffOf(examId, userId));
  realtime.setPresenceListener((sessionId, userId, online, lastHeardAt) =>
    examSessions.connectivity(sessionId, userId, online, lastHeardAt),
  );
  const rtc = realtime.setRtcAccess(assignments);
  const live = liveNotifiers(realtime.io, rtc);
  assignments.setNotifier(live.assignment);
  const chat = new ChatService({
    sessions,
    chat: new ChatRepo(db),
    assignments,
    clock,
    notifier: live.chat,
  });
  // Time acts on sessions (deadlines, auto-start) from every node; versioning makes it safe.
  const sweeper = setInterval(() => {
    examSessions
      .wakeDue()
      .catch((err: unknown) => app.log.error({ err }, 'session sweeper failed'));
    signals.checkWarnings().catch((err: unknown) => app.log.error({ err }, 'warning sweep failed'));
    void signals.tick();
  }, 1000);
  // Before the database closes (onClose): what is queued is committed.
  app.addHook('preClose', async () => {
    clearInterval(sweeper);
    await signals.close();
    await detectionChecks.close();
  });

  const phoneAuth = (credential: string | undefined) => cameras.authenticate(credential);
  const route = createRouter(app, auth, limiter, phoneAuth);
  publicRoutes(app, route, { config, db });
  authRoutes(route, {
    auth,
    account: new AccountService(users, clock),
    config,
    limiter,
    loginLimit: { ...limits.login, perAccount: config.LOGIN_RATE_LIMIT },
    sessionsRevoked: realtime.sessionsRevoked,
  });
  const authoring = new ExamAuthoringService({
    exams,
    courses,
    sessions,
    taskFiles,
    clock,
    timeZone: config.TIME_ZONE,
    // A change reaches the sittings already opened (their terms), and their open pages.
    sittings: examSessions,
  });
  examRoutes(route, {
    examQuery: new ExamQueryService(exams, courses, {
      arrangements: accommodationRepo,
      timeZone: config.TIME_ZONE,
    }),
    authoring,
    examImport: new ExamImportService({ exams, courses, clock, timeZone: config.TIME_ZONE }),
  });
  adminRoutes(route, { userAdmin, courseAdmin });
  accommodationStudentRoutes(route, { users });
  accommodationRoutes(route, {
    accommodations: new AccommodationService({
      accommodations: accommodationRepo,
      users,
      courses,
      exams,
      clock,
      timeZone: config.TIME_ZONE,
      // A change reaches the student's sittings not ended, and their open pages.
      sittings: examSessions,
    }),
  });
  sessionRoutes(route, { examSessions, detectionChecks });
  taskFileRoutes(route, {
    taskFiles: new TaskFileService({ taskFiles, exams, courses, sessions, blobs, clock }),
  });
  const oralRepo = new OralRepo(db);
  const oralEvidence = new EvidenceRepo(db, 'oral');
  const oralNotifier = attachOralHandlers(realtime.io, app.log, () => oral);
  const oral: OralService = new OralService({
    oral: oralRepo,
    evidence: oralEvidence,
    exams,
    courses,
    users,
    blobs,
    clock,
    notifier: oralNotifier,
    planning: (): OralPlanningService => oralPlanning,
  });
  const oralPlanning: OralPlanningService = new OralPlanningService({
    oral: oralRepo,
    courses,
    clock,
    notifier: oralNotifier,
    present: (): OralService => oral,
  });
  oralRoutes(route, { oral, planning: oralPlanning });
  liveRoutes(route, { config, clock, chat, assignments });
  const evidence = new EvidenceService({
    sessions,
    exams,
    courses,
    evidence: evidenceRepo,
    blobs,
    clock,
    // Recorded oral turns go the same way; the commission's room lists a new recording at once.
    oral: { sessions: oralRepo, evidence: oralEvidence, recorded: oralNotifier.slotChanged },
  });
  // Segments' bodies stay in the pieces they arrived in (hashed and written as they are).
  await app.register(async (scope) => {
    scope.removeContentTypeParser([...EVIDENCE_CONTENT_TYPES]);
    scope.addContentTypeParser([...EVIDENCE_CONTENT_TYPES], receiveBytes);
    const scoped = createRouter(scope, auth, limiter, phoneAuth);
    evidenceUploadRoute(scoped, { evidence });
    phoneEvidenceRoute(scoped, { cameras, evidence });
  });
  evidenceRoutes(route, { evidence });
  secondCameraRoutes(route, { cameras, config, now: () => clock.now().getTime() });
  const reports = new ReportService({
    sessions,
    exams,
    courses,
    users,
    evidence: evidenceRepo,
    evidenceService: evidence,
    signals: signalRepo,
    blobs,
    clock,
  });
  const retention = new RetentionService({
    exams,
    courses,
    evidence: evidenceRepo,
    oralEvidence,
    blobs,
    clock,
  });
  reportRoutes(route, { reports, retention });
  // Daily retention: every node looks each hour; the database lease lets one do the work.
  const retentionTimer = setInterval(() => {
    retention.runIfDue().catch((err: unknown) => app.log.error({ err }, 'retention job failed'));
    // Expired login sessions are deleted within the hour (any node; the delete is idempotent).
    auth.purgeExpired().catch((err: unknown) => app.log.error({ err }, 'session purge failed'));
  }, 3600_000);
  retentionTimer.unref();
  app.addHook('onClose', async () => clearInterval(retentionTimer));

  // LTI 1.3 (ADR 0005): form posts and HTML pages, in their own plugin.
  const lti = ltiServices({
    ...{ db, config, clock, users, courses, exams, auth, authoring },
    log: app.log,
  });
  await app.register(ltiRoutes, {
    ...lti,
    frameAncestors: config.FRAME_ANCESTORS,
    discardSession: (token) => auth.discard(token),
  });
  ltiDeepLinkRoutes(route, lti);
  ltiAdminRoutes(route, { ...lti, platforms: lti.platformAdmin });
  // Grading (ADR 0010): the examiner's decisions; a job grades annulments and sends to the LMS.
  const grading = new GradingService({
    ...{ sessions, exams, courses, users, examSessions, clock },
    grading: new GradingRepo(db),
    ltiGrades: lti.grades,
  });
  gradingRoutes(route, { grading, ltiGrades: lti.grades });
  const gradingJob = setInterval(() => {
    grading.tick().catch((err: unknown) => app.log.error({ err }, 'grading job failed'));
  }, 1000);
  app.addHook('onClose', async () => clearInterval(gradingJob));

  return {
    app,
    repos: { users, courses, exams, sessions, signals: signalRepo, oral: oralRepo },
    services: {
      examSessions,
      detectionChecks,
      signals,
      grading,
      oral,
      assignments,
      rtc,
      evidence,
      reports,
      retention,
      ltiGrades: lti.grades,
      ltiRoster: lti.roster,
    },
    realtime,
  };
}

function ltiServices(d: {
  db: Db;
  config: Config;
  clock: Clock;
  users: UserRepo;
  courses: CourseRepo;
  exams: ExamRepo;
  auth: AuthService;
  authoring: ExamAuthoringService;
  log: FastifyBaseLogger;
}) {
  const platforms = new LtiPlatformRepo(d.db);
  const links = new LtiLinkRepo(d.db);
  const gradingRepo = new GradingRepo(d.db);
  const keys = new LtiKeyService(platforms, d.clock, LtiKeyVault.fromConfig(d.config));
  const proctorRoles = d.config.LTI_PROCTOR_ROLE.split(',').map((r) => r.trim());
  const roster = new LtiRosterService({
    platforms,
    links,
    accounts: new LtiAccounts(d.users, links, d.courses),
    tokens: new LtiTokenClient(keys, d.clock),
    clock: d.clock,
    proctorRoles,
  });
  const launches = new LtiLaunchService({
    platforms,
    states: new LtiStateRepo(d.db),
    links,
    users: d.users,
    courses: d.courses,
    exams: d.exams,
    keys,
    auth: d.auth,
    clock: d.clock,
    publicUrl: d.config.PUBLIC_URL,
    proctorRoles,
    authoring: d.authoring,
    maxScoreOf: async (examId) => (await gradingRepo.policy(examId)).maxScore,
    setMaxScore: async (examId, maxScore) =>
      gradingRepo.setPolicy(
        examId,
        { ...(await gradingRepo.policy(examId)), maxScore },
        d.clock.now().toISOString(),
      ),
    onInstructorLaunch: (platformId, contextId) => {
      roster.syncContext(platformId, contextId).then(
        (r) => d.log.info({ platformId, contextId, result: r }, 'LTI roster synced'),
        (err: unknown) => d.log.warn({ err, platformId, contextId }, 'LTI roster sync failed'),
      );
    },
  });
  const grades = new LtiGradeService({
    platforms,
    exams: d.exams,
    courses: d.courses,
    links,
    grades: new LtiGradeRepo(d.db),
    keys,
    clock: d.clock,
    maxAttempts: 6,
    baseDelayMs: d.config.LTI_GRADE_RETRY_BASE_MS,
  });
  const platformAdmin = new LtiPlatformService(
    platforms,
    keys,
    d.clock,
    d.config.PUBLIC_URL,
    links,
  );
  return { keys, launches, grades, roster, platformAdmin };
}

/** The built web app, read from disk on each request (a rebuild needs no restart). */
function serveWeb(app: FastifyInstance, dist: string): boolean {
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    app.log.warn({ dist }, 'web app not built: run `npm run build`');
    return false;
  }
  void app.register(fastifyStatic, { root: dist, index: false });
  app.get('/', (_req, reply) =>
    reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html'),
  );
  return true;
}
