// The oral exam's repository on SQLite and PostgreSQL alike.
import {
  createOralSession,
  createTicketDraw,
  drawTicket,
  evidenceAuditDraft,
  transitionOral,
  verifyAuditChain,
} from '@emtihan/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../src/adapters/blob-store.port.ts';
import type { Db } from '../../src/db/database.ts';
import { CourseRepo } from '../../src/repositories/course.repo.ts';
import { EvidenceRepo } from '../../src/repositories/evidence.repo.ts';
import { ExamRepo } from '../../src/repositories/exam.repo.ts';
import { OralRepo } from '../../src/repositories/oral.repo.ts';
import { UserRepo } from '../../src/repositories/user.repo.ts';
import { RetentionService } from '../../src/services/retention.service.ts';
import { testDatabases } from './databases.ts';

const T0 = '2026-01-10T08:00:00.000Z';
const t0 = Date.parse(T0);

describe.each(testDatabases)('oral repository on $name', (testDb) => {
  let db: Db;
  let drop: () => Promise<void>;
  let oral: OralRepo;
  beforeEach(async () => {
    ({ db, drop } = await testDb.open());
    oral = new OralRepo(db);
    await new UserRepo(db).create(
      ['s1', 's2', 'e1'].map((id) => ({
        id,
        login: id,
        fullName: `Әлиева ${id}`,
        email: null,
        group: null,
        language: 'kk',
        passwordHash: 'h',
        roles: [id.startsWith('e') ? 'examiner' : 'student'],
      })),
      T0,
    );
    await new CourseRepo(db).create({ id: 'c1', code: 'C1', title: 'C' }, T0);
    await new ExamRepo(db).create(
      {
        id: 'x1',
        courseId: 'c1',
        kind: 'oral',
        title: 'Oral',
        opensAt: T0,
        closesAt: T0,
        durationMinutes: 20,
        checkInLeadMinutes: 20,
        rules: { kk: 'a', ru: 'b', en: 'c' },
        settings: {},
        slots: [],
      },
      T0,
    );
  });
  afterEach(() => drop());

  it('keeps the setup, and plans a new slot then re-plans it with a higher version', async () => {
    await oral.saveSetup(
      { examId: 'x1', scale: 'five-point', tickets: [{ number: 1, questions: ['Қазақ тілі?'] }] },
      T0,
    );
    expect(await oral.setup('x1')).toEqual({
      examId: 'x1',
      scale: 'five-point',
      tickets: [{ number: 1, questions: ['Қазақ тілі?'] }],
      // Off unless the examiner turns the committee rule on.
      noRepeatInCommittee: false,
    });
    const plan = { preparationMinutes: 5, record: true, examinerIds: ['e1'], studentIds: ['s1'] };
    await oral.saveSlot({ slotId: 'sl1', examId: 'x1', startsAt: T0, lengthMinutes: 30, plan }, T0);
    await oral.saveSlot(
      {
        slotId: 'sl1',
        examId: 'x1',
        startsAt: T0,
        lengthMinutes: 40,
        plan: { ...plan, studentIds: ['s1', 's2'] },
      },
      T0,
    );
    expect(await oral.slots('x1')).toEqual([
      {
        slotId: 'sl1',
        examId: 'x1',
        startsAt: T0,
        lengthMinutes: 40,
        plan: { ...plan, studentIds: ['s1', 's2'], draw: null, version: 2, committeeId: null },
      },
    ]);
  });

  it('creates one session per student and slot, and refuses a stale commit or a stale draw', async () => {
    const plan = { preparationMinutes: 5, record: false, examinerIds: ['e1'], studentIds: ['s1'] };
    await oral.saveSlot({ slotId: 'sl1', examId: 'x1', startsAt: T0, lengthMinutes: 30, plan }, T0);
    const state = createOralSession(
      { sessionId: 'o1', examId: 'x1', slotId: 'sl1', studentId: 's1' },
      t0,
    );
    const audit = [
      {
        at: t0,
        actor: { role: 'student' as const, userId: 's1' },
        type: 'oral.joined',
        payload: {},
      },
    ];
    const first = await oral.insertOrGetSession(
      { id: 'o1', slotId: 'sl1', examId: 'x1', studentId: 's1', state },
      audit,
      T0,
    );
    const again = await oral.insertOrGetSession(
      { id: 'o2', slotId: 'sl1', examId: 'x1', studentId: 's1', state },
      audit,
      T0,
    );
    expect(again.id).toBe(first.id);
    expect(await oral.auditChain('o1')).toHaveLength(1);

    const r = transitionOral(
      state,
      { type: 'call-in', actor: { role: 'examiner', userId: 'e1' } },
      t0 + 1,
    );
    if (!r.ok) throw new Error(r.reason);
    const entries = r.effects.flatMap((e) => (e.type === 'audit' ? [e.entry] : []));
    expect(await oral.commit(first, r.state, entries, T0)).toBe(true);
    expect(await oral.commit(first, r.state, entries, T0)).toBe(false);

    const stored = (await oral.session('o1'))!;
    const created = createTicketDraw({ slotId: 'sl1', seed: 7, ticketIds: ['1', '2'] });
    if (!created.ok) throw new Error(created.reason);
    const drawn = drawTicket(created.state, 's1');
    if (!drawn.ok) throw new Error(drawn.reason);
    // The plan moved on (version 1 → re-planned): the draw is stale and the session untouched.
    await oral.saveSlot({ slotId: 'sl1', examId: 'x1', startsAt: T0, lengthMinutes: 30, plan }, T0);
    const committed = await oral.commit(stored, stored.state, [], T0, (trx) =>
      oral.saveDrawIn(trx, 'sl1', 1, drawn.state),
    );
    expect(committed).toBe(false);
    expect((await oral.session('o1'))!.version).toBe(stored.version);
    expect((await oral.slot('sl1'))!.plan!.draw).toBeNull();
  });

  it('keeps each examiner’s grade once, notes and files', async () => {
    const plan = { preparationMinutes: 5, record: false, examinerIds: ['e1'], studentIds: ['s1'] };
    await oral.saveSlot({ slotId: 'sl1', examId: 'x1', startsAt: T0, lengthMinutes: 30, plan }, T0);
    const state = createOralSession(
      { sessionId: 'o1', examId: 'x1', slotId: 'sl1', studentId: 's1' },
      t0,
    );
    await oral.insertOrGetSession(
      { id: 'o1', slotId: 'sl1', examId: 'x1', studentId: 's1', state },
      [],
      T0,
    );
    await oral.saveGrade(
      { sessionId: 'o1', examinerId: 'e1', mark: 70, comment: null, at: T0 },
      [],
    );
    await oral.saveGrade(
      { sessionId: 'o1', examinerId: 'e1', mark: 75, comment: 'ok', at: T0 },
      [],
    );
    expect(await oral.grades(['o1'])).toEqual([
      { sessionId: 'o1', examinerId: 'e1', mark: 75, comment: 'ok', at: T0 },
    ]);
    await oral.addNote('n1', { sessionId: 'o1', examinerId: 'e1', text: 'Жақсы', at: T0 });
    expect((await oral.notes(['o1']))[0]!.text).toBe('Жақсы');
    await oral.addFile(
      {
        id: 'f1',
        sessionId: 'o1',
        kind: 'id-snapshot',
        contentType: 'image/png',
        size: 3,
        sha256: 'a'.repeat(64),
        blobKey: 'k',
        createdAt: T0,
      },
      [],
    );
    expect((await oral.files(['o1'])).map((f) => f.kind)).toEqual(['id-snapshot']);
  });

  it('keeps a turn’s recordings once each in the oral chain; retention deletes them after the exam’s period', async () => {
    const plan = { preparationMinutes: 5, record: true, examinerIds: ['e1'], studentIds: ['s1'] };
    await oral.saveSlot({ slotId: 'sl1', examId: 'x1', startsAt: T0, lengthMinutes: 30, plan }, T0);
    const state = createOralSession(
      { sessionId: 'o1', examId: 'x1', slotId: 'sl1', studentId: 's1' },
      t0,
    );
    await oral.insertOrGetSession(
      { id: 'o1', slotId: 'sl1', examId: 'x1', studentId: 's1', state },
      [],
      T0,
    );
    const recordings = new EvidenceRepo(db, 'oral');
    const segment = (seq: number) => ({
      sessionId: 'o1',
      track: 'camera' as const,
      seq,
      sha256: String(seq).padStart(64, 'a'),
      size: 3,
      contentType: 'video/webm',
      blobKey: `oral/evidence/o1/camera/${seq}.webm`,
      startedAt: t0 + seq * 60_000,
      durationMs: 60_000,
      receivedAt: T0,
      deletedAt: null,
    });
    const audit = (seq: number) =>
      evidenceAuditDraft(
        t0,
        { role: 'student', userId: 's1' },
        { sessionId: 'o1', track: 'camera', sequence: seq, sha256: segment(seq).sha256, bytes: 3 },
      );
    const stored = await Promise.all(
      [0, 1, 2, 1].map((seq) => recordings.insert(segment(seq), audit(seq))),
    );
    expect(stored.filter(Boolean)).toHaveLength(3);
    expect((await recordings.list('o1')).map((r) => r.seq)).toEqual([0, 1, 2]);
    // The written exam's evidence knows nothing of them.
    expect(await new EvidenceRepo(db).list('o1')).toEqual([]);
    // The examiner's snapshot of the ID card goes with them.
    await oral.addFile(
      {
        id: 'id1',
        sessionId: 'o1',
        kind: 'id-snapshot',
        contentType: 'image/jpeg',
        size: 3,
        sha256: 'b'.repeat(64),
        blobKey: 'oral/o1/id-snapshot/id1',
        createdAt: T0,
      },
      [],
    );

    const deleted: string[] = [];
    const blobs = { delete: async (key: string) => void deleted.push(key) } as unknown as BlobStore;
    const retention = (days: number) =>
      new RetentionService({
        exams: new ExamRepo(db),
        courses: new CourseRepo(db),
        evidence: new EvidenceRepo(db),
        oralEvidence: recordings,
        blobs,
        clock: { now: () => new Date(t0 + days * 24 * 3600_000) },
      });
    expect(await retention(364).deleteExpired()).toBe(0);
    expect(await retention(366).deleteExpired()).toBe(4);
    expect(deleted.sort()).toEqual([
      ...[0, 1, 2].map((seq) => segment(seq).blobKey),
      'oral/o1/id-snapshot/id1',
    ]);
    expect(await oral.files(['o1'])).toEqual([]);
    expect((await recordings.list('o1')).every((r) => r.deletedAt !== null)).toBe(true);
    const chain = await oral.auditChain('o1');
    expect(chain.map((e) => e.type)).toEqual([
      ...Array(3).fill('evidence.stored'),
      ...Array(4).fill('evidence.deleted'),
    ]);
    expect(verifyAuditChain(chain)).toEqual({ ok: true });
  });
});
