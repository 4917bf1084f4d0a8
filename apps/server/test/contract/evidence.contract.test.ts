// Evidence rows, the audit chain under concurrent uploads, retention with its lease and legal
// hold: on SQLite and PostgreSQL alike.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createWrittenSession,
  evidenceAuditDraft,
  makeExamConfig,
  verifyAuditChain,
} from '@emtihan/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDiskBlobStore } from '../../src/adapters/local-disk.blob-store.ts';
import type { Db } from '../../src/db/database.ts';
import { CourseRepo } from '../../src/repositories/course.repo.ts';
import { EvidenceRepo, type StoredSegment } from '../../src/repositories/evidence.repo.ts';
import { ExamRepo } from '../../src/repositories/exam.repo.ts';
import { SessionRepo } from '../../src/repositories/session.repo.ts';
import { UserRepo } from '../../src/repositories/user.repo.ts';
import { RetentionService } from '../../src/services/retention.service.ts';
import { testDatabases } from './databases.ts';

const DAY = 24 * 3600_000;
const CLOSED = Date.parse('2026-01-10T12:00:00.000Z');

describe.each(testDatabases)('evidence on $name', (testDb) => {
  let db: Db;
  let drop: () => Promise<void>;
  let dir: string;
  beforeEach(async () => {
    ({ db, drop } = await testDb.open());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-retention-'));
  });
  afterEach(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A course, one student, and a closed exam with a session per given exam id. */
  async function world(examIds: string[]) {
    const t = new Date(CLOSED - 7 * DAY).toISOString();
    await new UserRepo(db).create(
      [
        {
          id: 'u1',
          login: 'aigerim',
          fullName: 'Әлиева Іңкәр',
          email: null,
          group: null,
          language: 'kk',
          passwordHash: 'h',
          roles: ['student'],
        },
      ],
      t,
    );
    await new CourseRepo(db).create({ id: 'c1', code: 'M', title: 'Math' }, t);
    const sessions = new SessionRepo(db);
    const ids: string[] = [];
    for (const examId of examIds) {
      await new ExamRepo(db).create(
        {
          id: examId,
          courseId: 'c1',
          kind: 'written',
          title: examId,
          opensAt: new Date(CLOSED - DAY).toISOString(),
          closesAt: new Date(CLOSED).toISOString(),
          durationMinutes: 60,
          checkInLeadMinutes: 20,
          rules: { kk: '', ru: '', en: '' },
          settings: { retentionDays: 30 },
          slots: [],
        },
        t,
      );
      const created = createWrittenSession({
        sessionId: `s-${examId}`,
        examId,
        studentId: 'u1',
        config: makeExamConfig({
          window: { opensAt: CLOSED - DAY, closesAt: CLOSED },
          durationMinutes: 60,
        }),
      });
      if (!created.ok) throw new Error('session');
      await sessions.insertOrGet(
        { id: `s-${examId}`, examId, studentId: 'u1', state: created.state },
        t,
      );
      ids.push(`s-${examId}`);
    }
    return ids;
  }

  const segment = (sessionId: string, seq: number): StoredSegment => ({
    sessionId,
    track: 'screen',
    seq,
    sha256: String(seq).padStart(64, '0'),
    size: 3,
    contentType: 'video/webm',
    blobKey: `evidence/${sessionId}/screen/${seq}.webm`,
    startedAt: CLOSED - DAY + seq * 60_000,
    durationMs: 60_000,
    receivedAt: new Date(CLOSED).toISOString(),
    deletedAt: null,
  });
  const audit = (s: StoredSegment) =>
    evidenceAuditDraft(
      CLOSED,
      { role: 'student', userId: 'u1' },
      { sessionId: s.sessionId, track: s.track, sequence: s.seq, sha256: s.sha256, bytes: 3 },
    );

  it('stores concurrent uploads of one session once each, with an intact audit chain', async () => {
    const [sid] = await world(['e1']);
    const repo = new EvidenceRepo(db);
    const results = await Promise.all(
      [...Array(12).keys(), 3, 7].map((seq) =>
        repo.insert(segment(sid!, seq), audit(segment(sid!, seq))),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(12);
    expect((await repo.list(sid!)).map((s) => s.seq)).toEqual([...Array(12).keys()]);
    const chain = await new SessionRepo(db).auditChain(sid!);
    expect(verifyAuditChain(chain)).toEqual({ ok: true });
    expect(chain.filter((e) => e.type === 'evidence.stored')).toHaveLength(12);
  });

  it('stores a group of segments in one commit: a repeat inside the group or of a stored one is refused, and each stored one is in the chain', async () => {
    const [sid] = await world(['e1']);
    const repo = new EvidenceRepo(db);
    expect(await repo.insert(segment(sid!, 0), audit(segment(sid!, 0)))).toBe(true);
    const group = [1, 2, 1, 0, 3].map((seq) => ({
      segment: segment(sid!, seq),
      audit: audit(segment(sid!, seq)),
    }));
    expect(await repo.insertMany(group)).toEqual([true, true, false, false, true]);
    expect((await repo.list(sid!)).map((s) => s.seq)).toEqual([0, 1, 2, 3]);
    const chain = await new SessionRepo(db).auditChain(sid!);
    expect(verifyAuditChain(chain)).toEqual({ ok: true });
    expect(
      chain
        .filter((e) => e.type === 'evidence.stored')
        .map((e) => (e.payload as { sequence: number }).sequence),
    ).toEqual([0, 1, 2, 3]);
  });

  it('retention deletes recordings past the exam’s period on one node at a time, audited, and spares a legal hold', async () => {
    const [held, expired] = await world(['held', 'expired']);
    const repo = new EvidenceRepo(db);
    const blobs = new LocalDiskBlobStore(dir);
    for (const sid of [held!, expired!])
      for (const seq of [0, 1]) {
        const s = segment(sid, seq);
        await blobs.put(s.blobKey, new Uint8Array([1, 2, 3]));
        await repo.insert(s, audit(s));
      }
    // A flag's snapshot in each session, kept with its signal; the check-in's ID photo, face
    // photo and room scan; and an attachment (the student's answer, kept for good).
    const sessionRepo = new SessionRepo(db);
    const KINDS = ['flag-evidence', 'id-document', 'face', 'room-scan', 'attachment'] as const;
    for (const sid of [held!, expired!])
      for (const kind of KINDS) {
        const key = `sessions/${sid}/${kind}/f-${sid}`;
        await blobs.put(key, new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
        await sessionRepo.insertFile(
          {
            id: `${kind}-${sid}`,
            sessionId: sid,
            kind,
            name: 'f.jpg',
            contentType: 'image/jpeg',
            size: 4,
            sha256: 'f'.repeat(64),
            blobKey: key,
          },
          {
            at: CLOSED - DAY,
            actor: { role: 'system' },
            type: kind === 'flag-evidence' ? 'flag.evidence' : 'evidence-added',
            payload: {},
          },
          new Date(CLOSED - DAY).toISOString(),
        );
      }
    await repo.setLegalHold('held', { setBy: 'admin', reason: 'appeal', setAt: 'x' });
    const exams = new ExamRepo(db);
    const courses = new CourseRepo(db);
    const node = (now: number) =>
      new RetentionService({
        exams,
        courses,
        evidence: repo,
        blobs,
        clock: { now: () => new Date(now) },
      });

    // 29 days after closing: nothing is due.
    expect(await node(CLOSED + 29 * DAY).deleteExpired()).toBe(0);
    // 31 days: two nodes at once — one takes the lease and deletes, the other does nothing.
    const runs = await Promise.all(
      [node(CLOSED + 31 * DAY), node(CLOSED + 31 * DAY)].map((n) => n.runIfDue()),
    );
    expect(runs.sort()).toEqual([6, undefined]);
    // The same day again: the job ran already.
    expect(await node(CLOSED + 31 * DAY + 3600_000).runIfDue()).toBeUndefined();

    expect((await repo.list(expired!)).map((s) => s.deletedAt !== null)).toEqual([true, true]);
    expect(await blobs.list(`evidence/${expired}/`)).toEqual([]);
    expect((await repo.list(held!)).map((s) => s.deletedAt)).toEqual([null, null]);
    expect(await blobs.list(`evidence/${held}/`)).toHaveLength(2);
    const chain = await new SessionRepo(db).auditChain(expired!);
    expect(verifyAuditChain(chain)).toEqual({ ok: true });
    const deletions = chain.filter((e) => e.type === 'evidence.deleted').map((e) => e.payload);
    expect(deletions).toHaveLength(6);
    expect(deletions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'flag-snapshot',
          fileId: `flag-evidence-${expired}`,
          reason: 'retention',
        }),
        ...['id-document', 'face', 'room-scan'].map((kind) =>
          expect.objectContaining({ kind, fileId: `${kind}-${expired}`, reason: 'retention' }),
        ),
        expect.objectContaining({ sequence: 0, reason: 'retention' }),
        expect.objectContaining({ sequence: 1, reason: 'retention' }),
      ]),
    );
    // The snapshots and identity files are gone from the expired session, the answer stays;
    // under the legal hold everything is kept.
    expect((await sessionRepo.listFiles(expired!)).map((f) => f.kind)).toEqual(['attachment']);
    expect(await blobs.list(`sessions/${expired}/`)).toHaveLength(1);
    expect((await sessionRepo.listFiles(held!)).map((f) => f.kind).sort()).toEqual(
      [...KINDS].sort(),
    );
    expect(await blobs.list(`sessions/${held}/`)).toHaveLength(5);
    // A day later the lease is free again.
    expect(await node(CLOSED + 32 * DAY + 3600_000).runIfDue()).toBe(0);
  });
});
