// Signals → flags on the server (ADR 0006), on SQLite and PostgreSQL, with a controllable clock:
// batches stored once and acknowledged after commit, refusals that store nothing, flags raised
// by the domain's rules (also by time alone), evidence kept, a restart that rebuilds the same
// flags, unacknowledged warnings that become flags, and the roster that carries them.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  NO_ACCOMMODATION,
  verifyAuditChain,
  type Accommodation,
  type WrittenSessionState,
} from '@emtihan/domain';
import type {
  FlagMessage,
  LiveStatesMessage,
  SignalBatchMessage,
  UserView,
} from '@emtihan/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDiskBlobStore } from '../../src/adapters/local-disk.blob-store.ts';
import type { Db } from '../../src/db/database.ts';
import { CourseRepo } from '../../src/repositories/course.repo.ts';
import { ExamRepo } from '../../src/repositories/exam.repo.ts';
import { SessionRepo } from '../../src/repositories/session.repo.ts';
import { SignalRepo } from '../../src/repositories/signal.repo.ts';
import { UserRepo } from '../../src/repositories/user.repo.ts';
import { ExamSessionService } from '../../src/services/exam-session.service.ts';
import { SignalService } from '../../src/services/signal.service.ts';
import { testDatabases } from '../contract/databases.ts';
import { tinyPicture } from '../pictures.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const T0 = Date.parse('2026-06-01T08:00:00Z');
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 7, 7, 7, 0xff, 0xd9]);
const FACE = await tinyPicture(7);
const silent = { error() {}, warn() {} };

describe.each(testDatabases)('signals become flags on the server ($name)', (testDb) => {
  let db: Db;
  let drop: () => Promise<void>;
  let blobDir: string;
  let now: number;
  const clock = { now: () => new Date(now) };
  let published: FlagMessage[];
  let liveStates: LiveStatesMessage[];
  let sessions: SessionRepo;
  let signalRepo: SignalRepo;
  let examSessions: ExamSessionService;
  let signals: SignalService;
  const students: Record<string, UserView> = {};
  let proctor: UserView;

  const makeSignals = () =>
    new SignalService({
      repo: signalRepo,
      sessions,
      exams: new ExamRepo(db),
      blobs: new LocalDiskBlobStore(blobDir),
      clock,
      publish: (m) => published.push(m),
      publishLive: (m) => liveStates.push(m),
      log: silent,
    });

  beforeEach(async () => {
    ({ db, drop } = await testDb.open());
    blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-blobs-'));
    now = T0;
    published = [];
    liveStates = [];
    const users = new UserRepo(db);
    const courses = new CourseRepo(db);
    const exams = new ExamRepo(db);
    sessions = new SessionRepo(db);
    signalRepo = new SignalRepo(db);
    const iso = new Date(T0).toISOString();
    const person = (id: string, fullName: string, role: 'student' | 'proctor') => ({
      id,
      login: id,
      fullName,
      email: null,
      group: null,
      language: 'kk' as const,
      passwordHash: 'x',
      roles: [role],
    });
    await users.create(
      [
        person('s1', 'Сәуле Әли', 'student'),
        person('s2', 'Нұрлан Бек', 'student'),
        person('p1', 'Proctor', 'proctor'),
      ],
      iso,
    );
    await courses.create({ id: 'c1', code: 'C', title: 'C' }, iso);
    await courses.enrol('c1', 's1', 'student', iso);
    await courses.enrol('c1', 's2', 'student', iso);
    await courses.enrol('c1', 'p1', 'proctor', iso);
    await exams.create(
      {
        id: 'e1',
        courseId: 'c1',
        kind: 'written',
        title: 'Written exam',
        opensAt: iso,
        closesAt: new Date(T0 + 24 * 3600_000).toISOString(),
        durationMinutes: 120,
        checkInLeadMinutes: 20,
        rules: { kk: '', ru: '', en: '' },
        settings: { liveProctoring: false },
        slots: [],
      },
      iso,
    );
    signals = makeSignals();
    examSessions = new ExamSessionService({
      sessions,
      exams,
      courses,
      users,
      blobs: new LocalDiskBlobStore(blobDir),
      clock,
      notifier: { changed() {} },
      flags: signals,
      warningChecks: signalRepo,
    });
    for (const id of ['s1', 's2', 'p1']) {
      const { passwordHash: _, ...view } = (await users.findById(id))!;
      if (id === 'p1') proctor = view;
      else students[id] = view;
    }
  });
  afterEach(async () => {
    await signals.close();
    await drop();
    fs.rmSync(blobDir, { recursive: true, force: true });
  });

  /** The student's sitting, at work (no live proctor: work starts after check-in). */
  async function sitting(studentId: string): Promise<string> {
    const caller = students[studentId]!;
    const opened = await examSessions.openMine('e1', caller);
    if (!opened.ok) throw new Error(opened.message);
    const id = opened.value.sessionId;
    await examSessions.command(id, caller, { type: 'begin-check-in' });
    const photo = await tinyPicture(10 + studentId.length);
    await examSessions.uploadFile(id, caller, {
      kind: 'id-document',
      name: 'id.jpg',
      contentType: 'image/jpeg',
      bytes: photo,
    });
    await examSessions.uploadFile(id, caller, {
      kind: 'face',
      name: 'face.jpg',
      contentType: 'image/jpeg',
      bytes: FACE,
    });
    const started = await examSessions.command(id, caller, {
      type: 'complete-check-in',
      typedName: caller.fullName,
      idDocumentSha256: sha(photo),
      faceSha256: sha(FACE),
      consentRecording: true,
    });
    if (!started.ok || started.value.state.status !== 'in_progress') throw new Error('not started');
    return id;
  }

  const batch = (
    sessionId: string,
    seq: number,
    list: SignalBatchMessage['signals'],
    evidence?: SignalBatchMessage['evidence'],
  ): SignalBatchMessage => ({
    type: 'signals',
    sessionId,
    seq,
    signals: list,
    ...(evidence ? { evidence } : {}),
  });

  it('a sitting whose batches come together is read once on a node that has not seen it', async () => {
    const id = await sitting('s1');
    let reads = 0;
    const counted = new SignalRepo(db);
    const sittingOf = counted.sittingOf.bind(counted);
    counted.sittingOf = async (sessionId) => {
      reads++;
      return sittingOf(sessionId);
    };
    const node = new SignalService({
      repo: counted,
      sessions: new SessionRepo(db),
      exams: new ExamRepo(db),
      blobs: new LocalDiskBlobStore(blobDir),
      clock,
      publish: () => {},
      log: silent,
    });
    try {
      const acks = await Promise.all(
        [0, 1, 2].map((seq) =>
          node.receive('s1', batch(id, seq, [{ kind: 'face-count', at: T0 + seq, count: 1 }])),
        ),
      );
      expect(acks).toEqual([0, 1, 2].map((seq) => ({ ok: true, seq, duplicate: false })));
      expect(reads).toBe(1);
      expect(await signalRepo.countSignals(id)).toBe(3);
    } finally {
      await node.close();
    }
  });

  it('stores a batch once, acknowledges it after commit, and raises a flag the staff hear of', async () => {
    const id = await sitting('s1');
    const b = batch(id, 0, [
      { kind: 'face-count', at: T0 + 100, count: 1 },
      { kind: 'context-menu', at: T0 + 200 },
    ]);
    expect(await signals.receive('s1', b)).toEqual({ ok: true, seq: 0, duplicate: false });
    expect(await signals.receive('s1', b)).toEqual({ ok: true, seq: 0, duplicate: true });
    expect(await signalRepo.countSignals(id)).toBe(2);
    expect(published).toMatchObject([
      {
        type: 'flag',
        examId: 'e1',
        studentId: 's1',
        change: 'raised',
        flag: { category: 'context_menu', severity: 'minor', startAt: T0 + 200, ongoing: false },
      },
    ]);
    const stored = await signalRepo.flagsOfSession(id);
    expect(stored.map((f) => f.category)).toEqual(['context_menu']);
    // The raised flag is in the session's audit chain, and the chain holds.
    const chain = await sessions.auditChain(id);
    expect(chain.at(-1)).toMatchObject({
      type: 'flag-raised',
      payload: { category: 'context_menu' },
    });
    expect(verifyAuditChain(chain)).toEqual({ ok: true });
  });

  it('refuses a batch from the future, another student’s batch and a batch after the sitting: nothing stored', async () => {
    const id = await sitting('s1');
    const future = await signals.receive(
      's1',
      batch(id, 0, [
        { kind: 'context-menu', at: T0 + 1 },
        { kind: 'context-menu', at: T0 + 3_600_000 },
      ]),
    );
    expect(future).toMatchObject({ ok: false, reason: 'invalid-message' });
    expect((future as { message: string }).message).toContain('signals.1.at');
    const intruder = await signals.receive(
      's2',
      batch(id, 0, [{ kind: 'context-menu', at: T0 + 1 }]),
    );
    expect(intruder).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await signalRepo.countSignals(id)).toBe(0);
    expect(published).toEqual([]);

    await examSessions.saveAnswer(id, students.s1!, {
      seq: 1,
      body: 'x',
      sha256: createHash('sha256').update('x').digest('hex'),
    });
    await examSessions.command(id, students.s1!, {
      type: 'submit',
      answerSha256: createHash('sha256').update('x').digest('hex'),
    });
    now += 3_500;
    const late = await signals.receive('s1', batch(id, 0, [{ kind: 'context-menu', at: now }]));
    expect(late).toMatchObject({ ok: false, reason: 'not-live' });
    expect(await signalRepo.countSignals(id)).toBe(0);
  });

  it('a sitting ended elsewhere is refused at its next batch, with no wait for the cached status to age', async () => {
    const id = await sitting('s1');
    expect(
      await signals.receive('s1', batch(id, 0, [{ kind: 'face-count', at: T0 + 1, count: 1 }])),
    ).toMatchObject({ ok: true });
    // As on another node: the status changes in the database; this node's copy says in progress.
    await examSessions.saveAnswer(id, students.s1!, {
      seq: 1,
      body: 'x',
      sha256: createHash('sha256').update('x').digest('hex'),
    });
    await examSessions.command(id, students.s1!, {
      type: 'submit',
      answerSha256: createHash('sha256').update('x').digest('hex'),
    });
    const late = await signals.receive('s1', batch(id, 1, [{ kind: 'context-menu', at: T0 + 2 }]));
    expect(late).toMatchObject({ ok: false, reason: 'not-live' });
    expect(await signalRepo.countSignals(id)).toBe(1);
    expect(await signalRepo.flagsOfSession(id)).toEqual([]);
    expect(published).toEqual([]);
  });

  it('the staff get each stored batch’s live state, the sittings of one commit in one message', async () => {
    const a = await sitting('s1');
    const b = await sitting('s2');
    await signals.receive('s1', batch(a, 0, [{ kind: 'face-count', at: T0 + 1, count: 1 }]));
    await signals.receive('s2', batch(b, 0, [{ kind: 'face-count', at: T0 + 1, count: 1 }]));
    await new Promise((r) => setImmediate(r));
    liveStates = [];
    // Both sittings are known to this node now: their batches join one group commit.
    const acks = await Promise.all([
      signals.receive('s1', batch(a, 1, [{ kind: 'face-count', at: T0 + 500, count: 1 }])),
      signals.receive('s2', batch(b, 1, [{ kind: 'visibility', at: T0 + 600, visible: false }])),
    ]);
    expect(acks).toEqual([
      { ok: true, seq: 1, duplicate: false },
      { ok: true, seq: 1, duplicate: false },
    ]);
    await new Promise((r) => setImmediate(r));
    expect(liveStates).toEqual([
      {
        type: 'live-states',
        examId: 'e1',
        states: [
          { sessionId: a, studentId: 's1', at: T0 + 500, seq: 1, holding: [] },
          { sessionId: b, studentId: 's2', at: T0 + 600, seq: 1, holding: ['tab_switch'] },
        ],
      },
    ]);
    // A resent batch is acknowledged again but is no news.
    await signals.receive('s1', batch(a, 1, [{ kind: 'face-count', at: T0 + 500, count: 1 }]));
    await new Promise((r) => setImmediate(r));
    expect(liveStates).toHaveLength(1);
  });

  it('the computer cannot report for the paired phone: such a batch is refused whole', async () => {
    const id = await sitting('s1');
    await signals.receive('s1', batch(id, 0, [{ kind: 'face-count', at: T0 + 1, count: 1 }]));
    await new Promise((r) => setImmediate(r));
    liveStates = [];
    const ack = await signals.receive(
      's1',
      batch(id, 1, [
        { kind: 'face-count', at: T0 + 5, count: 1 },
        { kind: 'second-camera', at: T0 + 10, state: 'live' },
        { kind: 'second-camera-battery', at: T0 + 11, level: 0.12, charging: false },
      ]),
    );
    // The phone speaks over its own socket (ADR 0023; second-camera.test.ts).
    expect(ack).toMatchObject({ ok: false, reason: 'invalid-message' });
    await new Promise((r) => setImmediate(r));
    expect(liveStates).toEqual([]);
  });

  it('time alone turns a hidden tab into a minor, then a gross flag, ended when the tab is back', async () => {
    const id = await sitting('s1');
    await signals.receive('s1', batch(id, 0, [{ kind: 'visibility', at: T0, visible: false }]));
    expect(published).toEqual([]);
    now = T0 + 1_200;
    await signals.tick();
    expect(published.map((m) => [m.change, m.flag.category, m.flag.severity])).toEqual([
      ['raised', 'tab_switch', 'minor'],
    ]);
    now = T0 + 16_000;
    await signals.tick();
    now = T0 + 17_000;
    await signals.receive(
      's1',
      batch(id, 1, [{ kind: 'visibility', at: T0 + 17_000, visible: true }]),
    );
    expect(published.map((m) => [m.change, m.flag.severity, m.flag.ongoing])).toEqual([
      ['raised', 'minor', true],
      ['updated', 'gross', true],
      ['ended', 'gross', false],
    ]);
    const [flag] = await signalRepo.flagsOfSession(id);
    expect(flag).toMatchObject({
      category: 'tab_switch',
      severity: 'gross',
      ongoing: false,
      endAt: T0 + 17_000,
    });
  });

  it('keeps the snapshot of the moment a condition began as the flag’s evidence', async () => {
    const id = await sitting('s1');
    await signals.receive(
      's1',
      batch(id, 0, [{ kind: 'screen-share', at: T0, active: false, displaySurface: null }], {
        index: 0,
        jpeg: JPEG,
      }),
    );
    now = T0 + 2_500;
    await signals.tick();
    const raised = published.find((m) => m.flag.category === 'screen_share_stopped')!;
    expect(raised.flag.evidenceFileId).toEqual(expect.any(String));
    const file = await examSessions.file(id, raised.flag.evidenceFileId!, proctor);
    expect(file.ok && Array.from(file.value.bytes)).toEqual(Array.from(JPEG));
  });

  it('a snapshot of an ordinary moment is not kept', async () => {
    const id = await sitting('s1');
    await signals.receive(
      's1',
      batch(id, 0, [{ kind: 'face-count', at: T0, count: 1 }], { index: 0, jpeg: JPEG }),
    );
    const files = await sessions.listFiles(id);
    expect(files.filter((f) => f.kind === 'flag-evidence')).toEqual([]);
  });

  it('another node (or a restart) rebuilds the tracker from the database: the same flags, none twice', async () => {
    const id = await sitting('s1');
    await signals.receive('s1', batch(id, 0, [{ kind: 'face-count', at: T0, count: 2 }]));
    now = T0 + 2_000;
    await signals.tick(); // multiple_faces (minor after 1 s)
    await signals.close();
    const other = makeSignals();
    now = T0 + 4_000;
    // A batch already stored is a duplicate on the other node too.
    expect(
      await other.receive('s1', batch(id, 0, [{ kind: 'face-count', at: T0, count: 2 }])),
    ).toMatchObject({ ok: true, duplicate: true });
    await other.receive('s1', batch(id, 1, [{ kind: 'face-count', at: T0 + 4_000, count: 1 }]));
    await other.close();
    // The weaker flag raised first stays on record, ended where the stronger one took over.
    const flags = await signalRepo.flagsOfSession(id);
    expect(flags.map((f) => [f.category, f.severity, f.ongoing]).sort()).toEqual([
      ['multiple_faces', 'minor', false],
      ['third_person', 'gross', false],
    ]);
    expect(published.filter((m) => m.change === 'raised').map((m) => m.flag.category)).toEqual([
      'multiple_faces',
      'third_person',
    ]);
  });

  /** A node storing its trackers every `saveEvery` batches, on `repo`. */
  const nodeOn = (repo: SignalRepo, saveEvery: number) =>
    new SignalService({
      repo,
      sessions,
      exams: new ExamRepo(db),
      blobs: new LocalDiskBlobStore(blobDir),
      clock,
      publish: (m) => published.push(m),
      log: silent,
      trackerSaveEvery: saveEvery,
    });

  /** A repo that tells which batches each rebuild of a tracker replayed. */
  function replaysSeen(): { repo: SignalRepo; replays: number[][] } {
    const repo = new SignalRepo(db);
    const replays: number[][] = [];
    const load = repo.loadSession.bind(repo);
    repo.loadSession = async (sessionId, options) => {
      const loaded = await load(sessionId, options);
      replays.push(loaded.signals.map((s) => s.batchSeq));
      return loaded;
    };
    return { repo, replays };
  }

  /** What a new node replays to take batch 7 of the sitting. */
  async function replaysOfBatch7(id: string): Promise<number[][]> {
    const { repo, replays } = replaysSeen();
    const node = nodeOn(repo, 5);
    await faces(node, id, [7]);
    await node.close();
    return replays;
  }

  /** Sends one face-count batch per seq through `node`, at 2 s apart. */
  async function faces(node: SignalService, id: string, seqs: number[]): Promise<void> {
    for (const seq of seqs) {
      now = T0 + seq * 2_000;
      await node.receive('s1', batch(id, seq, [{ kind: 'face-count', at: now, count: 1 }]));
    }
  }

  it('a node that takes over a long sitting goes on from where its tracker was stored, replaying only the batches since', async () => {
    const id = await sitting('s1');
    const first = nodeOn(signalRepo, 10);
    // 25 batches, one every 2 s, the tracker stored with every tenth (batches 9 and 19); the tab
    // hidden from batch 14, so the flag is open in the tracker stored last.
    for (let seq = 0; seq < 25; seq++) {
      now = T0 + seq * 2_000;
      const signal: SignalBatchMessage['signals'][number] =
        seq === 14
          ? { kind: 'visibility', at: now, visible: false }
          : { kind: 'face-count', at: now, count: 1 };
      expect(await first.receive('s1', batch(id, seq, [signal]))).toMatchObject({ ok: true });
    }
    await first.close();
    expect(published.map((m) => [m.change, m.flag.category, m.flag.severity])).toEqual([
      ['raised', 'tab_switch', 'minor'],
      ['updated', 'tab_switch', 'gross'],
    ]);
    const stored = await db.selectFrom('signal_trackers').select('seq').execute();
    expect(stored.map((r) => Number(r.seq))).toEqual([19]);

    const { repo, replays } = replaysSeen();
    const second = nodeOn(repo, 10);
    now = T0 + 25 * 2_000;
    // A batch already stored is a duplicate on the new node too.
    expect(
      await second.receive('s1', batch(id, 3, [{ kind: 'face-count', at: T0 + 6_000, count: 1 }])),
    ).toMatchObject({ ok: true, duplicate: true });
    expect(
      await second.receive('s1', batch(id, 25, [{ kind: 'visibility', at: now, visible: true }])),
    ).toMatchObject({ ok: true, duplicate: false });
    await second.close();
    expect(replays).toEqual([[20, 21, 22, 23, 24]]);
    expect(published.at(-1)).toMatchObject({
      change: 'ended',
      flag: { category: 'tab_switch', severity: 'gross', startAt: T0 + 28_000, endAt: now },
    });
  });

  it('replays the whole sitting when a batch below the stored tracker was stored after it', async () => {
    const id = await sitting('s1');
    const first = nodeOn(signalRepo, 5);
    // Batch 3 never reaches this node: the tracker stored with batch 4 has not taken it.
    await faces(first, id, [0, 1, 2, 4, 5, 6]);
    await first.close();
    // Another node stores it late.
    const late = { batchSeq: 3, idx: 0, evidenceFileId: null };
    const signal = { kind: 'face-count' as const, at: T0 + 12_000, count: 0 };
    await signalRepo.commitMany(
      [{ sessionId: id, batch: { seq: 3, signals: [{ ...late, signal }] }, flags: [], audit: [] }],
      new Date(now).toISOString(),
    );
    const replays = await replaysOfBatch7(id);
    // The batches after the stored tracker first; then, batch 3 seen below it, all of them.
    expect(replays).toEqual([
      [5, 6],
      [0, 1, 2, 4, 5, 3, 6],
    ]);
  });

  it('replays the whole sitting when the exam’s thresholds changed since its tracker was stored', async () => {
    const id = await sitting('s1');
    const first = nodeOn(signalRepo, 5);
    await faces(first, id, [0, 1, 2, 3, 4, 5, 6]);
    await first.close();
    // Leaving fullscreen now counts as switching tabs.
    await db
      .updateTable('exams')
      .set({ settings: JSON.stringify({ liveProctoring: false, requireFullscreen: true }) })
      .where('id', '=', 'e1')
      .execute();
    const replays = await replaysOfBatch7(id);
    expect(replays).toEqual([
      [5, 6],
      [0, 1, 2, 3, 4, 5, 6],
    ]);
  });

  /** The accommodation the student's profile would have folded into the sitting's terms. */
  async function accommodate(sessionId: string, patch: Partial<Accommodation>): Promise<void> {
    const row = await db
      .selectFrom('exam_sessions')
      .select(['state', 'version'])
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    const state = JSON.parse(row.state) as WrittenSessionState;
    state.terms = { ...state.terms, accommodation: { ...NO_ACCOMMODATION, ...patch } };
    await db
      .updateTable('exam_sessions')
      .set({ state: JSON.stringify(state), version: row.version + 1 })
      .where('id', '=', sessionId)
      .execute();
  }

  it('a check skipped by the accommodation raises nothing for that student; the exam’s other sittings as before; read once per sitting', async () => {
    const skipping = await sitting('s1');
    const usual = await sitting('s2');
    await accommodate(skipping, { skippedChecks: ['faces', 'browser'] });
    let reads = 0;
    const counted = new SignalRepo(db);
    const restOf = counted.sittingRestOf.bind(counted);
    counted.sittingRestOf = async (sessionId) => {
      reads++;
      return restOf(sessionId);
    };
    const node = nodeOn(counted, 300);
    const away = (sessionId: string, seq: number) =>
      batch(sessionId, seq, [
        { kind: 'face-count', at: T0 + seq * 20_000, count: 0 },
        { kind: 'visibility', at: T0 + seq * 20_000, visible: false },
        { kind: 'face-count', at: T0 + seq * 20_000 + 9_000, count: 1 },
        { kind: 'visibility', at: T0 + seq * 20_000 + 9_000, visible: true },
      ]);
    for (let seq = 0; seq < 3; seq++) {
      now = T0 + seq * 20_000 + 9_000;
      expect(await node.receive('s1', away(skipping, seq))).toMatchObject({ ok: true });
      expect(await node.receive('s2', away(usual, seq))).toMatchObject({ ok: true });
      // A change of the sitting on this node drops its status, not its accommodation.
      node.forget(skipping);
    }
    await node.close();
    expect(await signalRepo.flagsOfSession(skipping)).toEqual([]);
    expect(new Set((await signalRepo.flagsOfSession(usual)).map((f) => f.category))).toEqual(
      new Set(['face_absent', 'tab_switch']),
    );
    // Neither student may take breaks: their accommodation was read once each, never per batch.
    expect(reads).toBe(2);
  });

  it('no flag for leaving during a rest break, taken on another node; a node that takes the sitting over mid-break goes on the same', async () => {
    const id = await sitting('s1');
    await accommodate(id, { breakMinutes: 5 });
    const caller = students.s1!;
    const first = nodeOn(signalRepo, 2);
    now = T0 + 1_000;
    await first.receive('s1', batch(id, 0, [{ kind: 'face-count', at: now, count: 1 }]));
    // The break begins through the sittings' service (another node's, as far as `first` knows:
    // nothing tells it), then the student leaves the desk and the tab.
    now = T0 + 10_000;
    const started = await examSessions.command(id, caller, { type: 'start-break' });
    expect(started.ok).toBe(true);
    now = T0 + 12_000;
    await first.receive('s1', batch(id, 1, [{ kind: 'face-count', at: T0 + 11_000, count: 0 }]));
    now = T0 + 20_000;
    await first.receive('s1', batch(id, 2, [{ kind: 'visibility', at: now, visible: false }]));
    now = T0 + 60_000;
    await first.tick();
    expect(published).toEqual([]);
    // The tracker was stored mid-break (with batch 1); another node takes the sitting over.
    await first.close();
    const { repo, replays } = replaysSeen();
    const second = nodeOn(repo, 2);
    now = T0 + 70_000;
    await second.receive('s1', batch(id, 3, [{ kind: 'speech', at: now, active: false }]));
    expect(replays).toEqual([[2]]);
    expect(published).toEqual([]);
    // The allowance runs out at 5 min from the break's start (the sweeper ends it): the student
    // is still away, on another tab, and from then on it counts.
    const endsAt = T0 + 10_000 + 5 * 60_000;
    now = endsAt + 500;
    await second.receive('s1', batch(id, 4, [{ kind: 'speech', at: now, active: false }]));
    now = endsAt + 20_000;
    await second.tick();
    await second.close();
    const flags = await signalRepo.flagsOfSession(id);
    expect(flags.map((f) => [f.category, f.startAt]).sort()).toEqual([
      ['face_absent', endsAt],
      ['tab_switch', endsAt],
    ]);
  });

  it('a warning not acknowledged within the limit becomes a flag; an acknowledged one does not', async () => {
    const id1 = await sitting('s1');
    const id2 = await sitting('s2');
    for (const id of [id1, id2]) {
      const warned = await examSessions.command(id, proctor, {
        type: 'issue-warning',
        category: 'tab_switch',
      });
      expect(warned.ok).toBe(true);
    }
    const s2 = await examSessions.view(id2, students.s2!);
    const warningId = s2.ok ? s2.value.state.warnings[0]!.id : '';
    now = T0 + 30_000;
    await examSessions.command(id2, students.s2!, { type: 'acknowledge-warning', warningId });
    now = T0 + 59_000;
    expect(await signals.checkWarnings()).toBe(0);
    now = T0 + 61_000;
    expect(await signals.checkWarnings()).toBe(1);
    expect(await signals.checkWarnings()).toBe(0);
    expect(published).toMatchObject([
      {
        studentId: 's1',
        change: 'raised',
        flag: { sessionId: id1, category: 'warning_unacknowledged' },
      },
    ]);
    const roster = await examSessions.roster('e1', proctor);
    if (!roster.ok) throw new Error(roster.message);
    const entry = (sid: string) => roster.value.entries.find((e) => e.studentId === sid)!;
    expect(entry('s1').flags.map((f) => f.category)).toEqual(['warning_unacknowledged']);
    expect(entry('s2').flags).toEqual([]);
  });

  it('the roster carries each student’s flags, newest first', async () => {
    const id = await sitting('s1');
    await signals.receive(
      's1',
      batch(id, 0, [
        { kind: 'clipboard', at: T0 + 1_000, action: 'paste' },
        { kind: 'context-menu', at: T0 + 5_000 },
      ]),
    );
    const roster = await examSessions.roster('e1', proctor);
    if (!roster.ok) throw new Error(roster.message);
    const mine = roster.value.entries.find((e) => e.studentId === 's1')!;
    expect(mine.flags.map((f) => [f.category, f.severity, f.startAt])).toEqual([
      ['context_menu', 'minor', T0 + 5_000],
      ['copy_paste', 'minor', T0 + 1_000],
    ]);
  });
});
