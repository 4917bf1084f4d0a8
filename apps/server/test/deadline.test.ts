// Time acting on sessions: the sweeper auto-submits the last saved answer at the deadline.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const T0 = Date.parse('2026-06-01T08:00:00Z');

describe.each(testDatabases)('time acts on a written session ($name)', (testDb) => {
  let db: Db;
  let drop: () => Promise<void>;
  let blobDir: string;
  beforeEach(async () => {
    ({ db, drop } = await testDb.open());
    blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-blobs-'));
  });
  afterEach(async () => {
    await drop();
    fs.rmSync(blobDir, { recursive: true, force: true });
  });

  it('an exam without a live proctor starts at check-in and auto-submits the last save at the deadline', async () => {
    let now = T0;
    const clock = { now: () => new Date(now) };
    const users = new UserRepo(db);
    const courses = new CourseRepo(db);
    const exams = new ExamRepo(db);
    const sessions = new SessionRepo(db);
    const iso = new Date(T0).toISOString();
    await users.create(
      [
        {
          id: 'u1',
          login: 's',
          fullName: 'Сәуле Әли',
          email: null,
          group: null,
          language: 'kk',
          passwordHash: 'x',
          roles: ['student'],
        },
      ],
      iso,
    );
    await courses.create({ id: 'c1', code: 'C', title: 'C' }, iso);
    await courses.enrol('c1', 'u1', 'student', iso);
    await exams.create(
      {
        id: 'e1',
        courseId: 'c1',
        kind: 'written',
        title: 'Written exam',
        opensAt: iso,
        closesAt: new Date(T0 + 24 * 3600_000).toISOString(),
        durationMinutes: 30,
        checkInLeadMinutes: 20,
        rules: { kk: '', ru: '', en: '' },
        settings: { liveProctoring: false },
        slots: [],
      },
      iso,
    );
    const changes: string[] = [];
    const service = new ExamSessionService({
      sessions,
      exams,
      courses,
      users,
      blobs: new LocalDiskBlobStore(blobDir),
      clock,
      notifier: { changed: (s) => changes.push(s.state.status) },
    });
    const me = (await users.findById('u1'))!;
    const { passwordHash: _, ...caller } = me;
    const opened = await service.openMine('e1', caller);
    if (!opened.ok) throw new Error(opened.message);
    const id = opened.value.sessionId;
    await service.command(id, caller, { type: 'begin-check-in' });
    const photo = await tinyPicture(1);
    const face = await tinyPicture(2);
    await service.uploadFile(id, caller, {
      kind: 'id-document',
      name: 'id.jpg',
      contentType: 'image/jpeg',
      bytes: photo,
    });
    await service.uploadFile(id, caller, {
      kind: 'face',
      name: 'face.jpg',
      contentType: 'image/jpeg',
      bytes: face,
    });
    const started = await service.command(id, caller, {
      type: 'complete-check-in',
      typedName: 'Сәуле Әли',
      idDocumentSha256: createHash('sha256').update(photo).digest('hex'),
      faceSha256: createHash('sha256').update(face).digest('hex'),
      consentRecording: true,
    });
    expect(started.ok && started.value.state.status).toBe('in_progress');
    await service.saveAnswer(id, caller, { seq: 1, body: 'draft', sha256: sha('draft') });

    now = T0 + 29 * 60_000;
    expect(await service.wakeDue()).toBe(0);
    now = T0 + 30 * 60_000;
    expect(await service.wakeDue()).toBe(1);
    const after = await service.view(id, caller);
    expect(after.ok && after.value.state).toMatchObject({
      status: 'timed_out',
      finalAnswerHash: sha('draft'),
    });
    expect(changes.at(-1)).toBe('timed_out');
    const late = await service.saveAnswer(id, caller, {
      seq: 2,
      body: 'late',
      sha256: sha('late'),
    });
    expect(late.ok).toBe(false);
    expect(await service.wakeDue()).toBe(0);
  });
});
