// A published exam changed while students sit it (the authoring service calls
// `examChangeProblems`, then `applyExamChange`), and the exam's time-out modes acting through
// the sweeper. A fake clock; every repository on SQLite and PostgreSQL.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyAuditChain, type SessionEffect } from '@emtihan/domain';
import type { ExamSettings, ExamView, UserView } from '@emtihan/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDiskBlobStore } from '../src/adapters/local-disk.blob-store.ts';
import type { Db } from '../src/db/database.ts';
import { CourseRepo } from '../src/repositories/course.repo.ts';
import { ExamRepo } from '../src/repositories/exam.repo.ts';
import { SessionRepo } from '../src/repositories/session.repo.ts';
import { UserRepo } from '../src/repositories/user.repo.ts';
import { ExamSessionService } from '../src/services/exam-session.service.ts';
import { testDatabases } from './contract/databases.ts';
import { tinyPicture } from './pictures.ts';

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');
const T0 = Date.parse('2026-06-01T08:00:00Z');
const MIN = 60_000;
const EXAMINER = { userId: 'x1', role: 'examiner' } as const;
const STUDENTS = ['u1', 'u2', 'u3'];

describe.each(testDatabases)('an exam changed while it is sat ($name)', (testDb) => {
  let db: Db;
  let drop: () => Promise<void>;
  let blobDir: string;
  let now: number;
  let service: ExamSessionService;
  let sessions: SessionRepo;
  let exams: ExamRepo;
  let users: UserRepo;
  let notified: { status: string; version: number; effects: SessionEffect[] }[];

  beforeEach(async () => {
    ({ db, drop } = await testDb.open());
    blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-blobs-'));
    now = T0;
    users = new UserRepo(db);
    const courses = new CourseRepo(db);
    exams = new ExamRepo(db);
    sessions = new SessionRepo(db);
    const iso = new Date(T0).toISOString();
    await users.create(
      STUDENTS.map((id, i) => ({
        id,
        login: `s${i}`,
        fullName: `Студент ${i}`,
        email: null,
        group: null,
        language: 'kk' as const,
        passwordHash: 'x',
        roles: ['student' as const],
      })),
      iso,
    );
    await courses.create({ id: 'c1', code: 'C', title: 'C' }, iso);
    for (const id of STUDENTS) await courses.enrol('c1', id, 'student', iso);
    notified = [];
    service = new ExamSessionService({
      sessions,
      exams,
      courses,
      users,
      blobs: new LocalDiskBlobStore(blobDir),
      clock: { now: () => new Date(now) },
      notifier: {
        changed: (s, effects) =>
          notified.push({ status: s.state.status, version: s.version, effects }),
      },
    });
  });
  afterEach(async () => {
    await drop();
    fs.rmSync(blobDir, { recursive: true, force: true });
  });

  async function addExam(settings: Partial<ExamSettings>, durationMinutes = 30): Promise<ExamView> {
    const iso = new Date(T0).toISOString();
    await exams.create(
      {
        id: 'e1',
        courseId: 'c1',
        kind: 'written',
        title: 'Written exam',
        opensAt: iso,
        closesAt: new Date(T0 + 24 * 3600_000).toISOString(),
        durationMinutes,
        checkInLeadMinutes: 20,
        rules: { kk: '', ru: '', en: '' },
        settings: { liveProctoring: false, ...settings },
        slots: [],
      },
      iso,
    );
    return (await exams.findById('e1'))!;
  }

  async function caller(id: string): Promise<UserView> {
    const { passwordHash: _, ...view } = (await users.findById(id))!;
    return view;
  }

  /** The student opens the exam and checks in; without a live proctor work starts at once. */
  async function startWork(id: string): Promise<string> {
    const me = await caller(id);
    const opened = await service.openMine('e1', me);
    if (!opened.ok) throw new Error(opened.message);
    const sessionId = opened.value.sessionId;
    await service.command(sessionId, me, { type: 'begin-check-in' });
    const photo = await tinyPicture(1);
    const face = await tinyPicture(2);
    await service.uploadFile(sessionId, me, {
      kind: 'id-document',
      name: 'id.jpg',
      contentType: 'image/jpeg',
      bytes: photo,
    });
    await service.uploadFile(sessionId, me, {
      kind: 'face',
      name: 'face.jpg',
      contentType: 'image/jpeg',
      bytes: face,
    });
    const started = await service.command(sessionId, me, {
      type: 'complete-check-in',
      typedName: me.fullName,
      idDocumentSha256: sha(photo),
      faceSha256: sha(face),
      consentRecording: true,
    });
    if (!started.ok) throw new Error(started.message);
    expect(started.value.state.status).toBe('in_progress');
    return sessionId;
  }

  const save = async (id: string, sessionId: string, seq: number, body: string) =>
    service.saveAnswer(sessionId, await caller(id), { seq, body, sha256: sha(body) });

  const stateOf = async (sessionId: string) => (await sessions.findById(sessionId))!;

  it('a longer duration reaches a running sitting: its deadline moves, the student is told, the audit chain has it', async () => {
    const exam = await addExam({});
    const running = await startWork('u1');
    const opened = await service.openMine('e1', await caller('u2'));
    if (!opened.ok) throw new Error(opened.message);
    const notStarted = opened.value.sessionId;
    expect((await stateOf(running)).state.deadline).toBe(T0 + 30 * MIN);

    now = T0 + 20 * MIN;
    const longer = { ...exam, durationMinutes: 45 };
    expect(await service.examChangeProblems('e1', longer)).toEqual([]);
    notified = [];
    await service.applyExamChange('e1', longer, EXAMINER);

    const view = await service.view(running, await caller('u1'));
    expect(view.ok && view.value.state).toMatchObject({
      status: 'in_progress',
      deadline: T0 + 45 * MIN,
      terms: { durationMinutes: 45 },
    });
    expect((await stateOf(notStarted)).state.terms.durationMinutes).toBe(45);
    const told = notified.find((n) => n.status === 'in_progress')!;
    expect(told.effects).toContainEqual({
      type: 'notify-student',
      key: 'session.terms-amended',
      params: { deadline: T0 + 45 * MIN },
    });
    const chain = await sessions.auditChain(running);
    expect(verifyAuditChain(chain)).toEqual({ ok: true });
    expect(chain.at(-1)).toMatchObject({
      type: 'written.amend-terms',
      actor: { role: 'examiner', userId: 'x1' },
      payload: { previousDeadline: T0 + 30 * MIN, deadline: T0 + 45 * MIN },
    });

    // The sweeper follows the new deadline.
    now = T0 + 30 * MIN;
    expect(await service.wakeDue()).toBe(0);
    now = T0 + 45 * MIN;
    expect(await service.wakeDue()).toBe(1);
    expect((await stateOf(running)).state.status).toBe('timed_out');
  });

  it('a duration below the time already spent is named by the dry run, which changes nothing; applied anyway, it leaves the running sitting as it was', async () => {
    const exam = await addExam({});
    const running = await startWork('u1');
    await service.openMine('e1', await caller('u2'));
    now = T0 + 20 * MIN;
    const before = await stateOf(running);
    const chainBefore = await sessions.auditChain(running);

    const shorter = { ...exam, durationMinutes: 10 };
    expect(await service.examChangeProblems('e1', shorter)).toEqual([
      { sessionId: running, studentId: 'u1', problem: 'cuts-running-sitting' },
    ]);
    expect(await stateOf(running)).toEqual(before);
    expect(await sessions.auditChain(running)).toEqual(chainBefore);

    await service.applyExamChange('e1', shorter, { userId: 'a1', role: 'admin' });
    expect((await stateOf(running)).state).toEqual(before.state);
    const other = (await sessions.findByExamAndStudent('e1', 'u2'))!;
    expect(other.state.terms.durationMinutes).toBe(10);
  });

  it('leaves ended sittings alone', async () => {
    const exam = await addExam({});
    const done = await startWork('u1');
    await save('u1', done, 1, 'answer');
    await service.command(done, await caller('u1'), {
      type: 'submit',
      answerSha256: sha('answer'),
    });
    const before = await stateOf(done);
    now = T0 + 5 * MIN;
    expect(await service.examChangeProblems('e1', { ...exam, durationMinutes: 1 })).toEqual([]);
    await service.applyExamChange('e1', { ...exam, durationMinutes: 90 }, EXAMINER);
    expect(await stateOf(done)).toEqual(before);
  });

  it('grace: a submit after the deadline within the grace period is taken and marked late; the sweeper ends the others at deadline + grace', async () => {
    await addExam({ timeOut: { mode: 'grace', graceMinutes: 5 } });
    const submitter = await startWork('u1');
    const sleeper = await startWork('u2');
    const quiet = await startWork('u3');
    await save('u1', submitter, 1, 'on time');
    await save('u2', sleeper, 1, 'draft');
    await save('u3', quiet, 1, 'on time');

    now = T0 + 30 * MIN; // the deadline
    expect(await service.wakeDue()).toBe(0);
    expect((await save('u2', sleeper, 2, 'late words')).ok).toBe(true);
    now = T0 + 32 * MIN;
    expect((await save('u1', submitter, 2, 'late words')).ok).toBe(true);
    const submitted = await service.command(submitter, await caller('u1'), {
      type: 'submit',
      answerSha256: sha('late words'),
    });
    expect(submitted.ok && submitted.value.state).toMatchObject({
      status: 'submitted',
      late: true,
    });
    expect((await sessions.auditChain(submitter)).at(-1)).toMatchObject({
      type: 'written.submit',
      payload: { late: true },
    });

    now = T0 + 35 * MIN - 1;
    expect(await service.wakeDue()).toBe(0);
    now = T0 + 35 * MIN;
    expect(await service.wakeDue()).toBe(2);
    expect((await stateOf(sleeper)).state).toMatchObject({
      status: 'timed_out',
      late: true,
      finalAnswerHash: sha('late words'),
    });
    expect((await stateOf(quiet)).state).toMatchObject({
      status: 'timed_out',
      late: false,
      finalAnswerHash: sha('on time'),
    });
    expect((await save('u3', quiet, 2, 'too late')).ok).toBe(false);
  });

  it('refuse: the sweeper ends work at the deadline and records the saved answer as not handed in', async () => {
    await addExam({ timeOut: { mode: 'refuse', graceMinutes: 0 } });
    const id = await startWork('u1');
    await save('u1', id, 1, 'draft');
    now = T0 + 30 * MIN;
    expect((await save('u1', id, 2, 'more')).ok).toBe(false);
    expect(await service.wakeDue()).toBe(1);
    expect((await stateOf(id)).state).toMatchObject({
      status: 'timed_out',
      notSubmitted: true,
      finalAnswerHash: sha('draft'),
    });
  });
});
