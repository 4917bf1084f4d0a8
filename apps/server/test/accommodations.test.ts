// Accommodations through the real server (ADR 0018): the office sets a student's profile, an
// exam's examiner gives one student an override, and sittings run under them — created, amended
// while running, changed by people on the day (add time, rest breaks) — with every change kept
// with who, when and why. Bad input changes nothing.
import { randomUUID } from 'node:crypto';
import { closeFor } from '@emtihan/domain';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExamRepo } from '../src/repositories/exam.repo.ts';
import { SessionRepo } from '../src/repositories/session.repo.ts';
import { checkInWithPhotos } from './check-in.ts';
import { TestClient } from './client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from './harness.ts';
import { tinyPicture } from './pictures.ts';

const JPEG = await tinyPicture(1);
const FACE = await tinyPicture(2);
const MIN = 60_000;
const EXAM = 'acc-45';
const WINDOW_EXAM = 'acc-window';

let server: TestServer;
const as: Record<string, TestClient> = {};
const LOGINS = [
  'admin',
  'office1',
  'proctor1',
  'examiner1',
  'student1',
  'student2',
  'student3',
  'student4',
  'student5',
] as const;
const id = {} as Record<(typeof LOGINS)[number], string>;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  // 45 minutes, a live proctor; the demo's own written exams last 60 minutes.
  await addDemoWrittenExam(server, {
    id: EXAM,
    title: 'Physics, 45 minutes',
    durationMinutes: 45,
    settings: { liveProctoring: true },
  });
  await addDemoWrittenExam(server, {
    id: WINDOW_EXAM,
    title: 'History, 45 minutes',
    durationMinutes: 45,
    settings: { liveProctoring: true },
  });
  for (const login of LOGINS) {
    as[login] = new TestClient(server.url);
    const me = await as[login].login(login);
    id[login] = me.body.user.id as string;
  }
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

const profile = (over: Record<string, unknown> = {}) => ({
  timeFactor: 1,
  extraMinutes: 0,
  breakMinutes: 0,
  skippedChecks: [],
  proctorNote: '',
  documentRef: '',
  validUntil: null,
  reason: 'Certificate of the disability office',
  ...over,
});

/** The student checked in and approved by proctor1: at work. */
async function atWork(examId: string, login: string) {
  const { client, sessionId } = await checkInWithPhotos(
    server.url,
    examId,
    login,
    { id: JPEG, face: FACE },
    false,
  );
  as[login] = client;
  const approved = await as.proctor1!.call('sessionCommand', {
    params: { sessionId },
    body: { type: 'approve-identity' },
  });
  expect(approved.body.state.status).toBe('in_progress');
  return { sessionId, state: approved.body.state };
}

/** A socket of `login` that has joined `join` (a session or an exam's staff room). */
async function socketOf(
  login: string,
  join: { type: 'watch-session'; sessionId: string } | { type: 'watch-exam'; examId: string },
): Promise<Socket> {
  const socket = io(server.url, {
    extraHeaders: { cookie: as[login]!.cookie },
    transports: ['websocket'],
  });
  sockets.push(socket);
  await new Promise((resolve) => socket.once('msg', resolve));
  expect(await socket.emitWithAck('msg', join)).toEqual({ ok: true });
  return socket;
}

/** Resolves with the first message `match` accepts. */
const heard = (socket: Socket, match: (m: any) => boolean) =>
  new Promise<any>((resolve) => {
    const on = (m: any) => {
      if (!match(m)) return;
      socket.off('msg', on);
      resolve(m);
    };
    socket.on('msg', on);
  });

const examOf = async (login: string, examId: string) =>
  ((await as[login]!.call('listExams')).body.exams as any[]).find((e) => e.id === examId);

const auditOf = (sessionId: string) => new SessionRepo(server.db).auditChain(sessionId);

describe('a ×1.5 profile on a 45-minute exam', () => {
  let sessionId: string;
  let startedAt: number;

  it('the office sets it; the student is told 67.5 minutes and a close 22.5 minutes later', async () => {
    const before = await examOf('student3', EXAM);
    expect(before.forMe).toBeUndefined();
    const set = await as.office1!.call('setAccommodation', {
      params: { studentId: id.student3 },
      body: profile({
        timeFactor: 1.5,
        breakMinutes: 10,
        skippedChecks: ['faces'],
        proctorNote: 'Uses a screen reader; may read the questions aloud',
        documentRef: 'DO-2026/117',
        reason: 'Medical certificate No. 117',
      }),
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ studentLogin: 'student3', timeFactor: 1.5, active: true });

    const mine = await examOf('student3', EXAM);
    expect(mine.forMe).toEqual({
      timeFactor: 1.5,
      extraMinutes: 0,
      breakMinutes: 10,
      skippedChecks: ['faces'],
      workMinutes: 67.5,
      ownWindow: false,
    });
    expect(Date.parse(mine.closesAt) - Date.parse(before.closesAt)).toBe(22.5 * MIN);
    expect(mine.opensAt).toBe(before.opensAt);
    // Another student's exam is as it was.
    expect(await examOf('student5', EXAM)).toEqual(before);
    // The student reads their own profile, without the office's document reference.
    const own = await as.student3!.call('myAccommodation');
    expect(own.body).toEqual({
      accommodation: {
        timeFactor: 1.5,
        extraMinutes: 0,
        breakMinutes: 10,
        skippedChecks: ['faces'],
        validUntil: null,
        active: true,
      },
    });
    expect(JSON.stringify(own.body)).not.toContain('DO-2026');
  });

  it('the sitting runs 67 min 30 s from the start of work, and its close moves by 22.5 minutes', async () => {
    const started = await atWork(EXAM, 'student3');
    sessionId = started.sessionId;
    startedAt = started.state.workStartedAt as number;
    const state = (await as.student3!.call('getSession', { params: { sessionId } })).body.state;
    expect(state.deadline - state.workStartedAt).toBe(67.5 * MIN);
    const exam = await examOf('student5', EXAM);
    expect(state.terms.window.closesAt).toBe(Date.parse(exam.closesAt));
    expect(closeFor(state.terms)).toBe(Date.parse(exam.closesAt) + 22.5 * MIN);
    expect(state.terms.accommodation).toEqual({
      timeFactor: 1.5,
      extraMinutes: 0,
      breakMinutes: 10,
      skippedChecks: ['faces'],
    });
  });

  it('the roster shows the proctor the note and the effect, also for students who have not opened the exam', async () => {
    const r = await as.proctor1!.call('examRoster', { params: { examId: EXAM } });
    expect(r.status).toBe(200);
    const entry = (login: string) => (r.body.entries as any[]).find((e) => e.login === login);
    expect(entry('student3').accommodation).toEqual({
      timeFactor: 1.5,
      extraMinutes: 0,
      breakMinutes: 10,
      skippedChecks: ['faces'],
      proctorNote: 'Uses a screen reader; may read the questions aloud',
    });
    expect(entry('student5').accommodation).toBeNull();
    const other = await as.proctor1!.call('examRoster', { params: { examId: WINDOW_EXAM } });
    const notOpened = (other.body.entries as any[]).find((e) => e.login === 'student3');
    expect(notOpened).toMatchObject({
      status: 'not_opened',
      accommodation: { timeFactor: 1.5, proctorNote: expect.stringContaining('screen reader') },
    });
    expect(JSON.stringify(r.body)).not.toContain('DO-2026');
  });

  it('a proctor adds 10 minutes: the deadline moves, the student’s page and the proctors’ console hear it at once, the audit names who and why', async () => {
    const page = await socketOf('student3', { type: 'watch-session', sessionId });
    const console_ = await socketOf('proctor1', { type: 'watch-exam', examId: EXAM });
    const notice = heard(page, (m) => m.type === 'notice' && m.key === 'session.time-added');
    const pageChanged = heard(page, (m) => m.type === 'session-changed');
    const consoleChanged = heard(console_, (m) => m.type === 'session-changed');
    const sent = Date.now();
    const r = await as.proctor1!.call('sessionCommand', {
      params: { sessionId },
      body: { type: 'add-time', minutes: 10, reason: 'The camera froze for ten minutes' },
    });
    expect(r.status).toBe(200);
    expect(r.body.state.deadline).toBe(startedAt + 77.5 * MIN);
    const [n] = await Promise.all([notice, pageChanged, consoleChanged]);
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(n.params).toEqual({ minutes: 10, deadline: startedAt + 77.5 * MIN });
    const entry = (await auditOf(sessionId)).at(-1);
    expect(entry).toMatchObject({
      type: 'written.add-time',
      actor: { role: 'proctor', userId: id.proctor1 },
      payload: { minutes: 10, reason: 'The camera froze for ten minutes' },
    });
  });

  it('the student takes a rest break and ends it: both reach the page and the console', async () => {
    const page = await socketOf('student3', { type: 'watch-session', sessionId });
    const console_ = await socketOf('proctor1', { type: 'watch-exam', examId: EXAM });
    const started = heard(page, (m) => m.type === 'notice' && m.key === 'session.break-started');
    const consoleHeard = heard(console_, (m) => m.type === 'session-changed');
    const r = await as.student3!.call('sessionCommand', {
      params: { sessionId },
      body: { type: 'start-break' },
    });
    expect(r.status).toBe(200);
    await Promise.all([started, consoleHeard]);
    const roster = await as.proctor1!.call('examRoster', { params: { examId: EXAM } });
    const mine = (roster.body.entries as any[]).find((e) => e.login === 'student3');
    expect(mine.onBreakSince).toEqual(expect.any(Number));

    const ended = heard(page, (m) => m.type === 'notice' && m.key === 'session.break-ended');
    const consoleAgain = heard(console_, (m) => m.type === 'session-changed');
    const e = await as.student3!.call('sessionCommand', {
      params: { sessionId },
      body: { type: 'end-break' },
    });
    expect(e.status).toBe(200);
    await Promise.all([ended, consoleAgain]);
    // The break's length is given back: the deadline is later by exactly the time it took.
    const took = ((await auditOf(sessionId)).at(-1)!.payload as { tookMs: number }).tookMs;
    expect(e.body.state.deadline).toBe(startedAt + 77.5 * MIN + took);
  });

  it('a change of the exam gives each sitting its own student’s terms', async () => {
    const plain = await atWork(EXAM, 'student5');
    expect(plain.state.deadline - plain.state.workStartedAt).toBe(45 * MIN);
    const exam = await new ExamRepo(server.db).findById(EXAM);
    const before = (await as.student3!.call('getSession', { params: { sessionId } })).body.state;
    await server.examSessions.applyExamChange(
      EXAM,
      { ...exam!, durationMinutes: 50 },
      { userId: id.examiner1, role: 'examiner' },
    );
    const mine = (await as.student3!.call('getSession', { params: { sessionId } })).body.state;
    // 50 × 1.5 = 75 minutes of work, plus what was added on the day.
    expect(mine.deadline - before.deadline).toBe(7.5 * MIN);
    const theirs = (
      await as.student5!.call('getSession', { params: { sessionId: plain.sessionId } })
    ).body.state;
    expect(theirs.deadline - theirs.workStartedAt).toBe(50 * MIN);
  });
});

describe('a profile set while the student works', () => {
  it('extends the running sitting at once; taking it away later does not cut the student short', async () => {
    const { sessionId, state } = await atWork(EXAM, 'student2');
    const startedAt = state.workStartedAt as number;
    // (The exam in the database still lasts 45 minutes: only its sittings were amended above.)
    expect(state.deadline).toBe(startedAt + 45 * MIN);
    const page = await socketOf('student2', { type: 'watch-session', sessionId });
    const amended = heard(page, (m) => m.type === 'notice' && m.key === 'session.terms-amended');
    const set = await as.office1!.call('setAccommodation', {
      params: { studentId: id.student2 },
      body: profile({ extraMinutes: 15, reason: 'Decided today by the office' }),
    });
    expect(set.status).toBe(200);
    expect((await amended).params).toEqual({ deadline: startedAt + 60 * MIN });
    const view = await as.student2!.call('getSession', { params: { sessionId } });
    expect(view.body.state.deadline).toBe(startedAt + 60 * MIN);
    expect((await auditOf(sessionId)).at(-1)).toMatchObject({
      type: 'written.amend-terms',
      actor: { role: 'admin', userId: id.office1 },
      payload: { previousDeadline: startedAt + 45 * MIN, deadline: startedAt + 60 * MIN },
    });

    const removed = await as.office1!.call('removeAccommodation', {
      params: { studentId: id.student2 },
      body: { reason: 'Entered by mistake' },
    });
    expect(removed.status).toBe(200);
    expect(
      (await as.office1!.call('getAccommodation', { params: { studentId: id.student2 } })).body
        .accommodation,
    ).toBeNull();
    // The running sitting keeps its time: the domain refuses to cut it.
    const after = await as.student2!.call('getSession', { params: { sessionId } });
    expect(after.body.state.deadline).toBe(startedAt + 60 * MIN);
  });
});

describe('an exam’s override for one student', () => {
  it('gives student4 their own window and 10 more minutes; student5 sees the exam as it is', async () => {
    const exam = await examOf('student5', WINDOW_EXAM);
    const opensAt = new Date(Date.parse(exam.opensAt) + 24 * 60 * MIN).toISOString();
    const closesAt = new Date(Date.parse(opensAt) + 3 * 60 * MIN).toISOString();
    const r = await as.examiner1!.call('setExamOverride', {
      params: { examId: WINDOW_EXAM, studentId: id.student4 },
      body: { opensAt, closesAt, extraMinutes: 10, reason: 'In hospital on the exam day' },
    });
    expect(r.status).toBe(200);
    expect(r.body.rows).toEqual([
      expect.objectContaining({
        studentName: expect.any(String),
        studentId: id.student3,
        effect: { timeFactor: 1.5, extraMinutes: 0, breakMinutes: 10, skippedChecks: ['faces'] },
        override: null,
        workMinutes: 67.5,
      }),
      {
        studentId: id.student4,
        studentName: expect.any(String),
        effect: null,
        override: { opensAt, closesAt, extraMinutes: 10, reason: 'In hospital on the exam day' },
        workMinutes: 55,
        opensAt,
        closesAt: new Date(Date.parse(closesAt) + 10 * MIN).toISOString(),
      },
    ]);
    // The examiner sees the effect, never the office's document or its reason.
    expect(JSON.stringify(r.body)).not.toMatch(/DO-2026|Medical certificate|screen reader/);

    const theirs = await examOf('student4', WINDOW_EXAM);
    expect(theirs).toMatchObject({
      opensAt,
      closesAt: new Date(Date.parse(closesAt) + 10 * MIN).toISOString(),
      forMe: { timeFactor: 1, extraMinutes: 10, workMinutes: 55, ownWindow: true },
    });
    expect(await examOf('student5', WINDOW_EXAM)).toEqual(exam);
    expect((await examOf('student4', EXAM)).forMe).toBeUndefined();

    // student4 opens the exam: the sitting runs in their window.
    const opened = await as.student4!.call('mySession', { params: { examId: WINDOW_EXAM } });
    expect(opened.body.state.terms.window).toEqual({
      opensAt: Date.parse(opensAt),
      closesAt: Date.parse(closesAt),
    });
    // The roster shows the proctor the extra minutes.
    const roster = await as.proctor1!.call('examRoster', { params: { examId: WINDOW_EXAM } });
    expect(
      (roster.body.entries as any[]).find((e) => e.login === 'student4').accommodation,
    ).toEqual({
      timeFactor: 1,
      extraMinutes: 10,
      breakMinutes: 0,
      skippedChecks: [],
      proctorNote: '',
    });
  });

  it('only the course’s examiners and admins see and change an exam’s accommodations', async () => {
    for (const login of ['student3', 'student5', 'proctor1', 'office1']) {
      const r = await as[login]!.call('examAccommodations', { params: { examId: WINDOW_EXAM } });
      expect(r.status, login).toBe(403);
      const w = await as[login]!.call('setExamOverride', {
        params: { examId: WINDOW_EXAM, studentId: id.student5 },
        body: { opensAt: null, closesAt: null, extraMinutes: 5, reason: 'x' },
      });
      expect(w.status, login).toBe(403);
    }
    const admin = await as.admin!.call('examAccommodations', { params: { examId: WINDOW_EXAM } });
    expect(admin.status).toBe(200);
    expect(admin.body.rows).toHaveLength(2);
  });
});

describe('bad input is refused next to its field and changes nothing', () => {
  /** Everything the refused calls could have changed. */
  const snapshot = async () =>
    JSON.stringify([
      (await as.office1!.call('listAccommodations')).body,
      (await as.office1!.call('getAccommodation', { params: { studentId: id.student3 } })).body,
      (await as.office1!.call('getAccommodation', { params: { studentId: id.student5 } })).body,
      (await as.examiner1!.call('examAccommodations', { params: { examId: WINDOW_EXAM } })).body,
    ]);

  it('a factor below 1, breaks as long as the longest exam, an unknown student or a non-student', async () => {
    const before = await snapshot();
    const set = (studentId: string, body: Record<string, unknown>) =>
      as.office1!.call('setAccommodation', { params: { studentId }, body: profile(body) });
    const low = await set(id.student5, { timeFactor: 0.9, breakMinutes: 60 });
    expect(low.status).toBe(400);
    expect(low.body.issues).toEqual([
      { path: 'timeFactor', message: 'factor-below-one' },
      { path: 'breakMinutes', message: 'breaks-longer-than-exam' },
    ]);
    for (const who of [randomUUID(), id.proctor1]) {
      const r = await set(who, { timeFactor: 1.5 });
      expect(r.status).toBe(400);
      expect(r.body.issues).toEqual([{ path: 'studentId', message: 'unknown-student' }]);
    }
    const unknownField = await as.office1!.call('setAccommodation', {
      params: { studentId: id.student5 },
      body: { ...profile(), diagnosis: 'secret' },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.issues).toContainEqual({
      path: 'body.diagnosis',
      message: 'unknown field',
    });
    expect(await snapshot()).toBe(before);
  });

  it('an override that closes before it opens, lasts 30 days, names one end only, or a student not of the course', async () => {
    const before = await snapshot();
    const exam = await examOf('student5', WINDOW_EXAM);
    const at = (h: number) => new Date(Date.parse(exam.opensAt) + h * 60 * MIN).toISOString();
    const put = (studentId: string, body: object) =>
      as.examiner1!.call('setExamOverride', {
        params: { examId: WINDOW_EXAM, studentId },
        body: { opensAt: null, closesAt: null, extraMinutes: 0, reason: 'Late bus', ...body },
      });
    const cases: [string, object, { path: string; message: string }][] = [
      [
        id.student5,
        { opensAt: at(5), closesAt: at(2) },
        { path: 'closesAt', message: 'window-order' },
      ],
      [
        id.student5,
        { opensAt: at(0), closesAt: at(30 * 24) },
        { path: 'closesAt', message: 'window-too-long' },
      ],
      [id.student5, { opensAt: at(1) }, { path: 'closesAt', message: 'window-incomplete' }],
      [id.student5, { extraMinutes: -5 }, { path: 'extraMinutes', message: 'minutes-invalid' }],
      [id.proctor1, { extraMinutes: 5 }, { path: 'studentId', message: 'unknown-student' }],
    ];
    for (const [studentId, body, issue] of cases) {
      const r = await put(studentId, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.issues).toContainEqual(issue);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('the history of a student’s accommodation', () => {
  it('lists every change with who made it, when and why, newest first', async () => {
    const r = await as.office1!.call('getAccommodation', { params: { studentId: id.student4 } });
    expect(r.body.accommodation).toBeNull();
    expect(r.body.history).toEqual([
      {
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        action: 'override-set',
        byName: 'Қасымов Ерлан Төлеуұлы',
        reason: 'In hospital on the exam day',
        examId: WINDOW_EXAM,
        examTitle: 'History, 45 minutes',
        before: null,
        after: expect.objectContaining({ extraMinutes: 10 }),
      },
    ]);
    const two = await as.admin!.call('getAccommodation', { params: { studentId: id.student2 } });
    expect(two.body.history.map((c: any) => [c.action, c.byName, c.reason])).toEqual([
      ['profile-removed', 'Жақыпова Сәуле Ерланқызы', 'Entered by mistake'],
      ['profile-set', 'Жақыпова Сәуле Ерланқызы', 'Decided today by the office'],
    ]);
    expect(two.body.history[0]).toMatchObject({
      before: expect.objectContaining({ extraMinutes: 15 }),
      after: null,
    });
  });
});

describe('a profile past its validity date', () => {
  it('is kept and shown to the office as inactive, but changes no exam', async () => {
    const set = await as.office1!.call('setAccommodation', {
      params: { studentId: id.student1 },
      body: profile({ timeFactor: 2, validUntil: '2020-06-30', reason: 'Last year’s certificate' }),
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ timeFactor: 2, validUntil: '2020-06-30', active: false });
    expect((await as.student1!.call('myAccommodation')).body.accommodation).toMatchObject({
      timeFactor: 2,
      active: false,
    });
    expect((await examOf('student1', WINDOW_EXAM)).forMe).toBeUndefined();
    const rows = (
      await as.examiner1!.call('examAccommodations', { params: { examId: WINDOW_EXAM } })
    ).body.rows as { studentId: string }[];
    expect(rows.map((r) => r.studentId)).not.toContain(id.student1);
    const opened = await as.student1!.call('mySession', { params: { examId: WINDOW_EXAM } });
    expect(opened.body.state.terms.accommodation).toBeUndefined();
  });
});

describe('CSV import of profiles', () => {
  it('a file with a bad row is previewed with its errors and saves nothing, even on commit', async () => {
    const before = (await as.office1!.call('listAccommodations')).body;
    const csv =
      'login,time_factor,break_minutes,skip_checks\nstudent1,0.5,0,\nnobody,1.5,0,\nstudent5,1.5,5,eyes\n';
    for (const commit of [false, true]) {
      const r = await as.office1!.call('importAccommodations', {
        body: { csv, commit, reason: 'Autumn list' },
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ valid: false, imported: 0, fileErrors: [] });
      expect(r.body.rows).toEqual([
        {
          line: 2,
          login: 'student1',
          errors: [expect.objectContaining({ field: 'time_factor', code: 'factor-below-one' })],
        },
        {
          line: 3,
          login: 'nobody',
          errors: [expect.objectContaining({ field: 'login', code: 'unknown-student' })],
        },
        {
          line: 4,
          login: 'student5',
          errors: [expect.objectContaining({ field: 'skip_checks', code: 'unknown-check' })],
        },
      ]);
    }
    const unknownColumn = await as.office1!.call('importAccommodations', {
      body: { csv: 'login,diagnosis\nstudent1,x\n', commit: true, reason: 'Autumn list' },
    });
    expect(unknownColumn.body.fileErrors).toEqual([
      { code: 'unknown-column', message: 'diagnosis' },
    ]);
    expect((await as.office1!.call('listAccommodations')).body).toEqual(before);
  });

  it('a good file (Excel’s semicolons and decimal commas) is previewed, then saved with its history', async () => {
    const csv = [
      'login;time_factor;extra_minutes;skip_checks;proctor_note;document_ref;valid_until',
      'student1;1,25;5;faces speech;Reads the questions aloud;DO-44;2099-12-31',
      'student5;2;0;;;;',
    ].join('\n');
    const before = (await as.office1!.call('listAccommodations')).body;
    const preview = await as.office1!.call('importAccommodations', {
      body: { csv, commit: false, reason: 'Autumn list' },
    });
    expect(preview.body).toMatchObject({ valid: true, imported: 0 });
    expect((await as.office1!.call('listAccommodations')).body).toEqual(before);

    const done = await as.office1!.call('importAccommodations', {
      body: { csv, commit: true, reason: 'Autumn list' },
    });
    expect(done.body).toMatchObject({ valid: true, imported: 2 });
    const list = (await as.office1!.call('listAccommodations')).body.accommodations as any[];
    expect(list.find((a) => a.studentLogin === 'student1')).toMatchObject({
      timeFactor: 1.25,
      extraMinutes: 5,
      skippedChecks: ['faces', 'speech'],
      proctorNote: 'Reads the questions aloud',
      documentRef: 'DO-44',
      validUntil: '2099-12-31',
      updatedBy: 'Жақыпова Сәуле Ерланқызы',
    });
    expect(list.find((a) => a.studentLogin === 'student5')).toMatchObject({ timeFactor: 2 });
    const history = await as.office1!.call('getAccommodation', {
      params: { studentId: id.student5 },
    });
    expect(history.body.history[0]).toMatchObject({ action: 'profile-set', reason: 'Autumn list' });
    // Each student reads only their own.
    expect((await as.student5!.call('myAccommodation')).body.accommodation.timeFactor).toBe(2);
    expect((await as.student1!.call('myAccommodation')).body.accommodation.timeFactor).toBe(1.25);
  });
});
