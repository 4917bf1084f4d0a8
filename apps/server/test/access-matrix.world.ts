// The world of the access matrix (access-matrix.test.ts): one real server with a person for
// every relation to one written sitting and one oral slot, and the objects they reach for. Built
// once through the API (as people would), plus two rows written straight into the database
// where no endpoint makes them (an LMS grade send; an expired login session).
import { createHash, randomUUID } from 'node:crypto';
import {
  CSRF_HEADER,
  DEFAULT_RULE_SET,
  ExamSettings,
  api,
  type EndpointName,
} from '@emtihan/protocol';
import { io, type Socket } from 'socket.io-client';
import { TestClient } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { checkIn } from './live-world.ts';
import { tinyPicture } from './pictures.ts';

/** Everyone the matrix calls as, by their relation to the sitting, its exam and its course. */
export const RELATIONS = [
  'anonymous',
  /** The student of the sitting (and of the oral slot) every call reaches for. */
  'ownerStudent',
  /** Another student of the same exam (and oral slot), with a sitting of their own: IDOR. */
  'peerStudent',
  /** A student of another course. */
  'otherStudent',
  /** The proctor the sitting is assigned to. */
  'assignedProctor',
  /** A proctor of the exam's course the sitting is not assigned to. */
  'unassignedProctor',
  /** A proctor of another course's exam. */
  'otherProctor',
  /** The examiner of the course (and of the oral slot's commission). */
  'examiner',
  /** An examiner of another course. */
  'otherExaminer',
  'admin',
  /** The accommodations office (the `accommodations` duty, ADR 0018). */
  'office',
  /** A student of the course whose account was deactivated after logging in. */
  'disabled',
  /** A student of the course whose login session has expired. */
  'expired',
] as const;
export type Relation = (typeof RELATIONS)[number];

const PASSWORD = 'matrix-pass-1';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Text that only its student (and the exam's staff) may ever see. */
export interface StudentMarks {
  userId: string;
  fullName: string;
  sessionId: string;
  answer: string;
  chat: string;
}

export interface World {
  server: TestServer;
  ids: Record<string, string>;
  clients: Record<Relation, TestClient>;
  /** The written sitting of `ownerStudent` (live proctoring, in progress). */
  sessionId: string;
  examId: string;
  /** A draft exam of the same course (for edit, publish, delete). */
  draftExamId: string;
  courseId: string;
  otherCourseId: string;
  oralExamId: string;
  /** A second oral exam of the course, for planning calls that replace a day's slots. */
  planExamId: string;
  slotId: string;
  oralSessionId: string;
  idFileId: string;
  taskFileId: string;
  /** A task file of another exam of the course (asked for under this one: IDOR by file id). */
  otherTaskFileId: string;
  flagId: string;
  sendId: string;
  /** A throwaway account admins update and revoke. */
  spareUserId: string;
  presetId: string;
  /** The owner's accommodation: its document and reason (the office's), its note (for staff). */
  accommodation: { documentRef: string; reason: string; proctorNote: string };
  owner: StudentMarks;
  peer: StudentMarks & { idFileId: string };
  jpeg: Uint8Array;
}

async function must(r: { status: number; body: Record<string, any> }, what: string) {
  if (r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

export function examDraft(courseId: string, patch: object = {}) {
  return {
    courseId,
    kind: 'written',
    title: 'Matrix draft',
    instructions: '<p>Read</p>',
    task: '<p>Write</p>',
    opensAt: inMinutes(-5),
    closesAt: inMinutes(180),
    durationMinutes: 45,
    checkInLeadMinutes: 15,
    ruleSet: DEFAULT_RULE_SET,
    settings: ExamSettings.parse({ liveProctoring: false, roomScanRequired: false }),
    proctoring: { proctorIds: [], maxSittingsEach: null },
    presetId: null,
    ...patch,
  };
}

export async function buildWorld(): Promise<World> {
  // Every relation logs in once, and the login row logs in as each: above the per-minute limit.
  const server = await startTestServer({ env: { LOGIN_RATE_LIMIT: '1000' } });
  const url = server.url;
  const admin = new TestClient(url);
  await admin.login('admin');
  const users = (await admin.call('listUsers')).body.users as { id: string; login: string }[];
  const ids: Record<string, string> = Object.fromEntries(users.map((u) => [u.login, u.id]));
  const courses = (await admin.call('listCourses')).body.courses as { id: string; code: string }[];
  const courseId = courses.find((c) => c.code === 'DEMO-101')!.id;
  const otherCourseId = (
    await must(
      await admin.call('createCourse', { body: { code: 'OTHER-201', title: 'Other course' } }),
      'createCourse',
    )
  ).id as string;

  const people: [string, string, 'student' | 'proctor' | 'examiner', string][] = [
    ['proctor2', 'Unassigned Proctor', 'proctor', courseId],
    ['student6', 'Other Student', 'student', otherCourseId],
    ['proctor3', 'Other Proctor', 'proctor', otherCourseId],
    ['examiner3', 'Other Examiner', 'examiner', otherCourseId],
    ['spare', 'Spare Person', 'student', courseId],
  ];
  for (const [login, fullName, role, course] of people) {
    const made = await must(
      await admin.call('createUser', {
        body: { login, fullName, roles: [role], password: PASSWORD, language: 'en' },
      }),
      `createUser ${login}`,
    );
    ids[login] = made.id as string;
    await must(
      await admin.call('enrol', { params: { courseId: course }, body: { userId: made.id, role } }),
      `enrol ${login}`,
    );
  }

  const login = async (name: string, password = 'demo') => {
    const c = new TestClient(url);
    await c.login(name, password);
    return c;
  };
  const clients = {
    anonymous: new TestClient(url),
    ownerStudent: await login('student1'),
    peerStudent: await login('student2'),
    otherStudent: await login('student6', PASSWORD),
    assignedProctor: await login('proctor1'),
    unassignedProctor: await login('proctor2', PASSWORD),
    otherProctor: await login('proctor3', PASSWORD),
    examiner: await login('examiner1'),
    otherExaminer: await login('examiner3', PASSWORD),
    admin,
    office: await login('office1'),
    disabled: await login('student3'),
    expired: await login('student4'),
  } satisfies Record<Relation, TestClient>;

  // The written exam with a live proctor; proctor1 is the one it names, so sittings go to them.
  const exams = (await clients.examiner.call('listExams')).body.exams as {
    id: string;
    title: string;
  }[];
  const examId = exams.find((e) => e.title === 'Written exam (live proctoring)')!.id;
  const oralExamId = exams.find((e) => e.title === 'Oral exam')!.id;

  const sitting = async (loginName: string, fullName: string, n: number) => {
    const s = await checkIn(url, examId, loginName, fullName);
    await must(
      await clients.assignedProctor.call('sessionCommand', {
        params: { sessionId: s.sessionId },
        body: { type: 'approve-identity' },
      }),
      'approve',
    );
    const answer = `MATRIX-ANSWER-${n}-${randomUUID()}`;
    const student = s.client;
    await must(
      await student.call('saveAnswer', {
        params: { sessionId: s.sessionId },
        body: { seq: 1, body: answer, sha256: sha(new TextEncoder().encode(answer)) },
      }),
      'saveAnswer',
    );
    const chat = `MATRIX-CHAT-${n}-${randomUUID()}`;
    await must(
      await student.call('postChat', { params: { sessionId: s.sessionId }, body: { body: chat } }),
      'postChat',
    );
    const view = await must(
      await student.call('getSession', { params: { sessionId: s.sessionId } }),
      'getSession',
    );
    const files = view.files as { id: string; kind: string }[];
    return {
      client: student,
      marks: {
        userId: ids[loginName]!,
        fullName,
        sessionId: s.sessionId,
        answer,
        chat,
      },
      idFileId: files.find((f) => f.kind === 'id-document')!.id,
    };
  };
  const own = await sitting('student1', 'Әлібекова Аружан Қайратқызы', 1);
  const peer = await sitting('student2', 'Нұрланов Дәулет Серікұлы', 2);
  // The student logged in again inside checkIn: the matrix calls with that login.
  clients.ownerStudent = own.client;
  clients.peerStudent = peer.client;
  const sessionId = own.marks.sessionId;

  // A flag on the owner's sitting (a paste), and one evidence segment.
  const jpeg = await tinyPicture(7);
  const socket = await socketOf(url, clients.ownerStudent.cookie);
  const ack = await socket.emitWithAck('msg', {
    type: 'signals',
    sessionId,
    seq: 0,
    signals: [{ kind: 'clipboard', at: Date.now(), action: 'paste' }],
  });
  socket.close();
  if (!ack.ok) throw new Error(`signals: ${JSON.stringify(ack)}`);
  const report = await must(
    await clients.examiner.call('sessionReport', { params: { sessionId } }),
    'report',
  );
  const flagId = (report.flags as { id: string }[])[0]?.id;
  if (!flagId) throw new Error(`no flag: ${JSON.stringify(report.flags)}`);
  const segment = webm(1);
  const up = await upload(url, clients.ownerStudent, {
    path: `/api/sessions/${sessionId}/evidence/camera/0`,
    query: { sha256: sha(segment), startedAt: String(Date.now()), durationMs: '1000' },
    type: 'video/webm',
    bytes: segment,
  });
  if (up.status !== 200) throw new Error(`evidence: ${up.status} ${up.text}`);

  // A draft exam of the same course; a task file of the live exam and of the recorded one.
  const draft = await must(
    await clients.examiner.call('createExam', { body: examDraft(courseId) }),
    'createExam',
  );
  const draftExamId = (draft.exam as { id: string }).id;
  const taskFile = async (exam: string) => {
    const r = await upload(url, clients.examiner, {
      path: `/api/exams/${exam}/task-files`,
      query: { name: 'task.txt' },
      type: 'text/plain',
      bytes: new TextEncoder().encode('Task sheet'),
    });
    if (r.status !== 200) throw new Error(`task file: ${r.status} ${r.text}`);
    return (JSON.parse(r.text) as { id: string }).id;
  };
  const taskFileId = await taskFile(examId);
  const recordedExamId = exams.find((e) => e.title === 'Written exam')!.id;
  const otherTaskFileId = await taskFile(recordedExamId);

  // The oral slot of student1 and student2 (the demo's), and student1's oral sitting in it.
  const plan = await must(
    await clients.examiner.call('oralPlan', { params: { examId: oralExamId } }),
    'oralPlan',
  );
  const slotId = (plan.slots as { slotId: string; students: unknown[] }[])[0]!.slotId;
  const joined = await must(
    await clients.ownerStudent.call('joinOralSlot', { params: { slotId } }),
    'joinOralSlot',
  );
  const oralSessionId =
    (joined.turns as { studentId: string; sessionId: string | null }[]).find(
      (t) => t.studentId === ids.student1,
    )?.sessionId ?? '';
  if (!oralSessionId) throw new Error(`no oral session: ${JSON.stringify(joined)}`);
  const planExam = await must(
    await clients.examiner.call('createExam', {
      body: examDraft(courseId, {
        kind: 'oral',
        title: 'Matrix oral draft',
        settings: ExamSettings.parse({}),
      }),
    }),
    'createExam oral',
  );

  // An LMS grade send of the owner's sitting that failed (no endpoint makes one by itself).
  await must(
    await admin.call('addLtiPlatform', {
      body: {
        issuer: 'https://lms.example.kz',
        clientId: 'matrix',
        deploymentId: '1',
        authUrl: 'https://lms.example.kz/auth',
        tokenUrl: 'https://lms.example.kz/token',
        jwksUrl: 'https://lms.example.kz/certs',
      },
    }),
    'addLtiPlatform',
  );
  const platform = await server.db
    .selectFrom('lti_platforms')
    .select('id')
    .executeTakeFirstOrThrow();
  const sendId = randomUUID();
  const now = new Date().toISOString();
  await server.db
    .insertInto('lti_grade_sends')
    .values({
      id: sendId,
      platform_id: platform.id,
      exam_id: examId,
      user_id: ids.student1!,
      session_id: sessionId,
      line_item_url: 'https://lms.example.kz/lineitems/1',
      score: JSON.stringify({ scoreGiven: 80 }),
      status: 'failed',
      attempts: 5,
      http_status: 500,
      error: 'matrix',
      next_attempt_at: null,
      lease_until: null,
      created_at: now,
      updated_at: now,
    })
    .execute();

  const presets = (await admin.call('listPresets')).body.presets as { id: string }[];

  // The owner's accommodation: the office's document and reason are the office's alone.
  const accommodation = {
    documentRef: `DOC-${randomUUID()}`,
    reason: `WHY-${randomUUID()}`,
    proctorNote: `NOTE-${randomUUID()}`,
  };
  await must(
    await clients.office.call('setAccommodation', {
      params: { studentId: ids.student1! },
      body: {
        timeFactor: 1.25,
        extraMinutes: 0,
        breakMinutes: 0,
        skippedChecks: [],
        proctorNote: accommodation.proctorNote,
        documentRef: accommodation.documentRef,
        validUntil: null,
        reason: accommodation.reason,
      },
    }),
    'setAccommodation',
  );

  // The disabled account: logged in, then deactivated. The expired one: its login session ran out.
  await must(
    await admin.call('updateUser', { params: { userId: ids.student3! }, body: { active: false } }),
    'deactivate',
  );
  await server.db
    .updateTable('auth_sessions')
    .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
    .where('user_id', '=', ids.student4!)
    .execute();

  return {
    server,
    ids,
    clients,
    sessionId,
    examId,
    draftExamId,
    courseId,
    otherCourseId,
    oralExamId,
    planExamId: (planExam.exam as { id: string }).id,
    slotId,
    oralSessionId,
    idFileId: own.idFileId,
    taskFileId,
    otherTaskFileId,
    flagId,
    sendId,
    spareUserId: ids.spare!,
    presetId: presets[0]!.id,
    accommodation,
    owner: own.marks,
    peer: { ...peer.marks, idFileId: peer.idFileId },
    jpeg,
  };
}

export const webm = (n: number) => new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, n, n, n, n]);

/** A binary upload (or any call with a query string), as the browser's fetch sends it. */
export async function upload(
  url: string,
  client: TestClient,
  o: { path: string; query?: Record<string, string>; type: string; bytes: Uint8Array },
) {
  const q = o.query ? `?${new URLSearchParams(o.query)}` : '';
  const res = await fetch(url + o.path + q, {
    method: 'POST',
    headers: {
      'content-type': o.type,
      ...(client.cookie ? { cookie: client.cookie } : {}),
      ...(client.csrf ? { [CSRF_HEADER]: client.csrf } : {}),
    },
    body: o.bytes,
  });
  return { status: res.status, text: await res.text() };
}

/** One call to an endpoint of the api map, never changing the caller's stored cookie. */
export async function callAs(
  url: string,
  client: TestClient,
  name: EndpointName,
  input: CallInput,
): Promise<{ status: number; error: string | undefined; text: string }> {
  const ep = api[name];
  const path = ep.path.replace(/:(\w+)/g, (_, k: string) => {
    const v = input.params?.[k];
    if (v === undefined) throw new Error(`${name}: no value for :${k}`);
    return encodeURIComponent(v);
  });
  const q = input.query ? `?${new URLSearchParams(input.query)}` : '';
  const binary = 'binary' in ep;
  const body =
    ep.method === 'GET'
      ? undefined
      : binary
        ? (input.bytes ?? new Uint8Array([1]))
        : JSON.stringify(input.body ?? {});
  const res = await fetch(url + path + q, {
    method: ep.method,
    headers: {
      ...(body === undefined
        ? {}
        : {
            'content-type': binary ? (input.type ?? ep.binary.contentTypes[0]) : 'application/json',
          }),
      ...(client.cookie ? { cookie: client.cookie } : {}),
      ...(client.csrf && ep.method !== 'GET' ? { [CSRF_HEADER]: client.csrf } : {}),
    },
    body,
  });
  const type = res.headers.get('content-type') ?? '';
  const isText = /json|text|csv/.test(type);
  const text = isText ? await res.text() : Buffer.from(await res.arrayBuffer()).toString('latin1');
  let error: string | undefined;
  if (type.includes('json')) {
    try {
      error = (JSON.parse(text) as { error?: string }).error;
    } catch {
      error = undefined;
    }
  }
  return { status: res.status, error, text };
}

export interface CallInput {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Binary endpoints: the bytes and their content type. */
  bytes?: Uint8Array;
  type?: string;
}

/** A realtime socket with a session cookie ('' for none): resolves on `hello`, or the refusal. */
export async function socketOf(
  url: string,
  cookie: string,
  headers: Record<string, string> = {},
): Promise<Socket> {
  const socket = io(url, {
    extraHeaders: { ...(cookie ? { cookie } : {}), ...headers },
    transports: ['websocket'],
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('msg', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

/**
 * Every path parameter's default object: the owner's sitting, its exam and course, and so on.
 * A new endpoint whose parameters are named here needs no entry in `INPUTS`.
 */
export function defaultParams(w: World): Record<string, string> {
  return {
    sessionId: w.sessionId,
    examId: w.examId,
    fileId: w.idFileId,
    slotId: w.slotId,
    sendId: w.sendId,
    flagId: w.flagId,
    userId: w.spareUserId,
    courseId: w.courseId,
    // Accommodation calls change a profile: another student's than the owner's, kept as built.
    studentId: w.ids.student5!,
    presetId: w.presetId,
    pickId: 'no-such-pick-00000000',
    track: 'camera',
    seq: '0',
    role: 'student',
  };
}

/**
 * A valid request per endpoint where the defaults are not one (a body, other objects), so the
 * caller's access decides, not validation. Bodies of mutating calls change as little as they can.
 */
export const INPUTS: Partial<Record<EndpointName, (w: World) => CallInput>> = {
  redeemPairing: () => ({ body: { token: 'x'.repeat(32) } }),
  login: () => ({ body: { login: 'spare', password: PASSWORD } }),
  updateMe: () => ({ body: { language: 'en' } }),
  sessionCommand: () => ({ body: { type: 'add-time', minutes: 1, reason: 'matrix' } }),
  saveAnswer: () => {
    const body = 'overwritten?';
    return { body: { seq: 2, body, sha256: sha(new TextEncoder().encode(body)) } };
  },
  uploadSessionFile: (w) => ({
    query: { kind: 'attachment', name: 'a.jpg' },
    type: 'image/jpeg',
    bytes: w.jpeg,
  }),
  removeSessionFile: (w) => ({ params: { sessionId: w.sessionId, fileId: w.idFileId } }),
  uploadTaskFile: () => ({
    query: { name: 'more.txt' },
    type: 'text/plain',
    bytes: new TextEncoder().encode('More'),
  }),
  taskFile: (w) => ({ params: { examId: w.examId, fileId: w.taskFileId } }),
  removeTaskFile: (w) => ({ params: { examId: w.examId, fileId: w.taskFileId } }),
  speedTest: () => ({ bytes: new Uint8Array(1024), type: 'application/octet-stream' }),
  uploadEvidence: () => {
    const bytes = webm(9);
    return {
      params: { track: 'camera', seq: '1' },
      query: { sha256: sha(bytes), startedAt: String(Date.now()), durationMs: '1000' },
      type: 'video/webm',
      bytes,
    };
  },
  sessionReportPdf: () => ({ query: { lang: 'en' } }),
  reviewFlag: () => ({ body: { decision: 'dismiss', note: 'matrix' } }),
  explainEvidence: (w) => ({ body: { target: `flag:${w.flagId}`, body: 'I was reading.' } }),
  setLegalHold: () => ({ body: { hold: false, reason: '' } }),
  createUser: () => ({
    body: {
      login: `m${randomUUID().slice(0, 8)}`,
      fullName: 'Made Here',
      roles: ['student'],
      password: PASSWORD,
    },
  }),
  updateUser: () => ({ body: { language: 'ru' } }),
  previewImport: () => ({ body: { csv: 'login,full_name,password\nx1,Xx Yy,pass1234' } }),
  importUsers: () => ({
    body: { csv: `login,full_name,password\nx${randomUUID().slice(0, 6)},Xx Yy,pass1234` },
  }),
  createCourse: () => ({ body: { code: `C${randomUUID().slice(0, 6)}`, title: 'Made here' } }),
  updateCourse: () => ({ body: { title: 'Demo course' } }),
  enrol: (w) => ({ body: { userId: w.spareUserId, role: 'student' } }),
  unenrol: (w) => ({ params: { courseId: w.courseId, userId: w.spareUserId, role: 'student' } }),
  addLtiPlatform: () => ({
    body: {
      issuer: `https://lms${randomUUID().slice(0, 6)}.example.kz`,
      clientId: 'x',
      deploymentId: '1',
      authUrl: 'https://lms.example.kz/auth',
      tokenUrl: 'https://lms.example.kz/token',
      jwksUrl: 'https://lms.example.kz/certs',
    },
  }),
  postChat: () => ({ body: { body: 'Hello from the matrix' } }),
  updateGradingPolicy: () => ({
    body: { maxScore: 100, scale: 'kz-letter-100', annulledScoresZero: true },
  }),
  gradeSitting: () => ({ body: { score: 80 } }),
  rotateLtiKey: () => ({ body: { overlapDays: 7 } }),
  setAccommodation: () => ({
    body: {
      timeFactor: 1.5,
      extraMinutes: 0,
      breakMinutes: 0,
      skippedChecks: [],
      proctorNote: '',
      documentRef: 'M-1',
      validUntil: null,
      reason: 'matrix',
    },
  }),
  removeAccommodation: () => ({ body: { reason: 'matrix' } }),
  importAccommodations: () => ({
    body: { csv: 'login,time_factor\nstudent5,1.5\n', commit: false, reason: 'matrix' },
  }),
  setExamOverride: () => ({
    body: { opensAt: null, closesAt: null, extraMinutes: 5, reason: 'matrix' },
  }),
  removeExamOverride: () => ({ body: { reason: 'matrix' } }),
  getExam: (w) => ({ params: { examId: w.draftExamId } }),
  createExam: (w) => ({ body: examDraft(w.courseId, { title: 'Made by the matrix' }) }),
  updateExam: (w) => ({ params: { examId: w.draftExamId }, body: examDraft(w.courseId) }),
  publishExam: (w) => ({ params: { examId: w.draftExamId } }),
  duplicateExam: (w) => ({ params: { examId: w.draftExamId } }),
  deleteExam: (w) => ({ params: { examId: w.draftExamId } }),
  previewExamImport: () => ({ body: { csv: timetable() } }),
  importExams: () => ({ body: { csv: timetable() } }),
  createPreset: () => ({ body: presetBody() }),
  updatePreset: () => ({ body: presetBody() }),
  ltiDeepLinkPick: (w) => ({ body: { examId: w.examId } }),
  ltiDeepLinkCreate: (w) => ({ body: { draft: examDraft(w.courseId), maxScore: 100 } }),
  oralPlan: (w) => ({ params: { examId: w.oralExamId } }),
  setOralSetup: (w) => ({
    params: { examId: w.planExamId },
    body: { scale: 'kz-letter-100', tickets: { format: 'lines', text: '1. A\n2. B' } },
  }),
  scheduleOralSlot: (w) => ({
    params: { examId: w.planExamId },
    body: {
      startsAt: inMinutes(24 * 60),
      lengthMinutes: 20,
      preparationMinutes: 5,
      examinerIds: [w.ids.examiner1!],
      studentIds: [w.ids.student5!],
      record: false,
    },
  }),
  setOralCommittees: (w) => ({
    params: { examId: w.planExamId },
    body: { committees: [{ chairId: w.ids.examiner1!, memberIds: [] }] },
  }),
  generateOralDayPlan: (w) => ({
    params: { examId: w.planExamId },
    body: {
      firstSlotAt: inMinutes(24 * 60),
      slotMinutes: 20,
      preparationMinutes: 5,
      slotsPerCommittee: 6,
      committees: 1,
    },
  }),
  setOralTicketPools: (w) => ({
    params: { examId: w.planExamId },
    body: {
      pools: [{ name: 'A', tickets: { format: 'lines', text: '1. A' } }],
      noRepeatInCommittee: false,
    },
  }),
  placeOralStudents: (w) => ({ params: { examId: w.planExamId } }),
  bookOralSlot: (w) => ({ params: { examId: w.oralExamId }, body: { slotId: w.slotId } }),
  myOralSlot: (w) => ({ params: { examId: w.oralExamId } }),
  moveInOralQueue: (w) => ({ body: { studentId: w.ids.student2!, move: 'first' } }),
  oralCommand: (w) => ({ params: { sessionId: w.oralSessionId }, body: { type: 'call-in' } }),
  uploadOralIdSnapshot: (w) => ({
    params: { sessionId: w.oralSessionId },
    type: 'image/jpeg',
    bytes: w.jpeg,
  }),
  oralIdSnapshot: (w) => ({ params: { sessionId: w.oralSessionId } }),
  oralProtocol: () => ({ query: { lang: 'en' } }),
};

/** One valid exam of the demo course, as an exam timetable (CSV) names it. */
export function timetable() {
  return `course,title,opens_at,closes_at,duration_minutes\nDEMO-101,Imported,${inMinutes(60)},${inMinutes(240)},45`;
}

function presetBody() {
  return {
    name: 'Matrix preset',
    isDefault: false,
    durationMinutes: 60,
    checkInLeadMinutes: 20,
    ruleSet: DEFAULT_RULE_SET,
    settings: ExamSettings.parse({}),
  };
}

/** The request for an endpoint: its `INPUTS` entry over the default objects. */
export function inputFor(w: World, name: EndpointName): CallInput {
  const own = INPUTS[name]?.(w) ?? {};
  return { ...own, params: { ...defaultParams(w), ...own.params } };
}
