// Starts the real server (real SQLite file in a fresh folder, random port) for integration and
// browser tests, exactly as `npm start` composes it.
import fs from 'node:fs';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ExamSettings } from '@emtihan/protocol';
import type { BlobStore } from '../src/adapters/blob-store.port.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Db } from '../src/db/database.ts';
import { CourseRepo } from '../src/repositories/course.repo.ts';
import { ExamRepo } from '../src/repositories/exam.repo.ts';
import { start } from '../src/main.ts';
import type { ExamSessionService } from '../src/services/exam-session.service.ts';

export interface TestServer {
  url: string;
  dataDir: string;
  port: number;
  /**
   * Stops the server and deletes its folder. With `keepData` it stops like a restarted process:
   * open connections are dropped and the folder is kept, to start a server on it again.
   */
  close(opts?: { keepData?: boolean }): Promise<void>;
  /** Resolves when the server's detector jobs are done (ADR 0009; on with SERVER_DETECTION). */
  detectionSettled(): Promise<void>;
  /** The server's own database handle (for tests that hold back its disk flushes). */
  db: Db;
  /** The server's own sittings service (for calls no endpoint makes, e.g. an exam's change). */
  examSessions: ExamSessionService;
}

export async function startTestServer(
  opts: {
    demo?: boolean;
    env?: Record<string, string>;
    /** Start on an existing folder (a server restarted on its data) instead of a fresh one. */
    dataDir?: string;
    /** Listen on this port (the same address as before a restart); default a random one. */
    port?: number;
    /** Replaces the server's blob store, made from the data folder. */
    blobs?: (dataDir: string) => BlobStore;
  } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: String(opts.port ?? 0),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DEMO: String(opts.demo ?? true),
    // The server's detectors load models in a thread on the first snapshot: off unless a test
    // is about them (it costs seconds of CPU on a shared machine).
    SERVER_DETECTION: 'false',
    // Nodes on one folder share their Redis counters; other servers (other tests) do not.
    REDIS_KEY_PREFIX: `test-${path.basename(dataDir)}:`,
    ...opts.env,
  });
  const { app, address, services, db } = await start(
    config,
    opts.blobs ? { blobs: opts.blobs(dataDir) } : {},
  );
  // Open connections (browsers' keep-alive requests and WebSockets), so that a restart can drop
  // them as a crashed or redeployed process would, instead of waiting for them to end.
  const sockets = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    url: address,
    dataDir,
    port: Number(new URL(address).port),
    detectionSettled: () => services.detectionChecks.settle(),
    db,
    examSessions: services.examSessions,
    async close({ keepData = false } = {}) {
      const closed = app.close();
      if (keepData) for (const socket of sockets) socket.destroy();
      await closed;
      if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Lays `patch` over the settings of the exam titled `title` (the demo's, say), straight in the
 * server's database: the server reads an exam's settings on each request.
 */
export async function updateExamSettings(
  server: TestServer,
  title: string,
  patch: Partial<ExamSettings>,
): Promise<void> {
  const { db } = openDatabase({ dataDir: server.dataDir });
  try {
    const row = await db
      .selectFrom('exams')
      .select(['id', 'settings'])
      .where('title', '=', title)
      .executeTakeFirstOrThrow();
    const settings = { ...(JSON.parse(row.settings) as Partial<ExamSettings>), ...patch };
    await db
      .updateTable('exams')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', row.id)
      .execute();
  } finally {
    await db.destroy();
  }
}

/**
 * Adds a written exam to the demo course, written straight into the server's database (there is
 * no exam-authoring API yet). Open from a minute ago; settings as given (e.g. a live proctor).
 */
export async function addDemoWrittenExam(
  server: TestServer,
  exam: {
    id: string;
    title: string;
    durationMinutes?: number;
    settings: Partial<ExamSettings>;
    task?: string;
    /** Rich text shown on the exam page before check-in. */
    instructions?: string;
  },
): Promise<void> {
  const { db } = openDatabase({ dataDir: server.dataDir });
  try {
    const course = await new CourseRepo(db).findByCode('DEMO-101');
    if (!course) throw new Error('the demo course is missing: start the server with demo on');
    const now = Date.now();
    await new ExamRepo(db).create(
      {
        id: exam.id,
        courseId: course.id,
        kind: 'written',
        title: exam.title,
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 3 * 3600_000).toISOString(),
        durationMinutes: exam.durationMinutes ?? 45,
        checkInLeadMinutes: 20,
        rules: { kk: 'Ережелер', ru: 'Правила', en: 'Rules' },
        settings: exam.settings,
        task: exam.task ?? 'Write an essay.',
        ...(exam.instructions !== undefined ? { instructions: exam.instructions } : {}),
        slots: [],
      },
      new Date(now).toISOString(),
    );
  } finally {
    await db.destroy();
  }
}
