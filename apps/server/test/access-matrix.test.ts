// The access matrix (issue 28): every endpoint of the protocol's `api` map and every client →
// server socket message, called as each relation below, against one world built once
// (access-matrix.world.ts): student1's live-proctored written sitting and oral turn.
// Relations: anonymous; ownerStudent (the sitting's student); peerStudent (another student of
// the same exam and oral slot: IDOR); otherStudent (another course); assignedProctor (the
// sitting's proctor); unassignedProctor (a proctor of the course, not of this sitting);
// otherProctor / otherExaminer (another course's staff); examiner; admin; office (the
// accommodations duty); disabled (deactivated after logging in); expired (login session ran out).
// Reading a row: `ok` relations get a 2xx; `live` ones are allowed, and the object's state
// decides (2xx, 404 gone already, 409 not now); relations under a status get exactly that status
// and its error id; everyone else gets `rest` (403 unless the row says 404: the product hides
// the object). anonymous, disabled and expired get 401 on every non-public endpoint without a
// word in the row. Adding an endpoint: add its row to ENDPOINTS (one line, groups below); if its
// path parameters are not in `defaultParams` or it needs a body, add it to INPUTS in the world
// file; a mutating call that breaks later rows goes into LAST. Socket messages: SOCKET/ORAL.
import {
  ClientMessage,
  OralClientMessage,
  api,
  ORAL_SOCKET_EVENT,
  SOCKET_EVENT,
  type EndpointName,
  type OralCommand,
  type SessionCommandType,
} from '@emtihan/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './client.ts';
import {
  RELATIONS,
  buildWorld,
  callAs,
  inputFor,
  socketOf,
  timetable,
  type Relation,
  type World,
} from './access-matrix.world.ts';

type Rel = Relation;
const signedOut: Rel[] = ['anonymous', 'disabled', 'expired'];
const everyone: Rel[] = [...RELATIONS];
const signedIn: Rel[] = everyone.filter((r) => !signedOut.includes(r));
const owner: Rel[] = ['ownerStudent'];
const studentsOfExam: Rel[] = ['ownerStudent', 'peerStudent'];
const proctorsOfExam: Rel[] = ['assignedProctor', 'unassignedProctor'];
const staffOfExam: Rel[] = [...proctorsOfExam, 'examiner'];
const ownerAndStaff: Rel[] = [...owner, ...staffOfExam];
const examiner: Rel[] = ['examiner'];
const authors: Rel[] = ['examiner', 'admin'];
const admin: Rel[] = ['admin'];
const duty: Rel[] = ['admin', 'office'];
const otherCourse: Rel[] = ['otherStudent', 'otherProctor', 'otherExaminer'];

interface Row {
  ok?: Rel[];
  live?: Rel[];
  401?: Rel[];
  403?: Rel[];
  404?: Rel[];
  409?: Rel[];
  /** Everyone signed in and not listed; default 403. */
  rest?: 403 | 404;
}

// prettier-ignore
const ENDPOINTS: Record<EndpointName, Row> = {
  publicConfig:         { ok: everyone },
  login:                { ok: everyone },
  // Run after `logoutEverywhere` (LAST): the caller's session has ended already.
  logout:               { 401: signedIn },
  logoutEverywhere:     { ok: signedIn },
  whoAmI:               { ok: everyone },
  me:                   { ok: signedIn },
  updateMe:             { ok: signedIn },
  listExams:            { ok: signedIn },
  mySession:            { ok: studentsOfExam },
  examGradeSends:       { ok: authors, rest: 404 },
  examRoster:           { ok: staffOfExam },
  getSession:           { ok: ownerAndStaff, rest: 404 },
  identityMatch:        { ok: staffOfExam, rest: 404 },
  // add-time: the sitting's own proctor or the examiner; its student and another proctor may not.
  sessionCommand:       { ok: ['assignedProctor', 'examiner'], 403: ['ownerStudent', 'unassignedProctor'], rest: 404 },
  saveAnswer:           { ok: owner, 403: staffOfExam, rest: 404 },
  uploadSessionFile:    { ok: owner, 403: staffOfExam, rest: 404 },
  removeSessionFile:    { live: owner, 403: staffOfExam, rest: 404 },
  listTaskFiles:        { ok: [...studentsOfExam, ...staffOfExam], rest: 404 },
  uploadTaskFile:       { ok: examiner },
  taskFile:             { ok: [...studentsOfExam, ...staffOfExam], rest: 404 },
  removeTaskFile:       { ok: examiner },
  sessionFile:          { ok: ownerAndStaff, rest: 404 },
  speedTest:            { ok: signedIn },
  uploadEvidence:       { ok: owner },
  listEvidence:         { ok: ownerAndStaff },
  sessionReport:        { ok: ownerAndStaff },
  sessionReportPdf:     { ok: ownerAndStaff },
  examReportCsv:        { ok: staffOfExam },
  reviewFlag:           { ok: staffOfExam },
  explainEvidence:      { live: owner },
  getLegalHold:         { ok: [...staffOfExam, 'admin'] },
  setLegalHold:         { ok: authors },
  evidenceSegment:      { ok: ownerAndStaff },
  listUsers:            { ok: admin },
  createUser:           { ok: admin },
  updateUser:           { ok: admin },
  revokeUserSessions:   { ok: admin },
  previewImport:        { ok: admin },
  importUsers:          { ok: admin },
  listCourses:          { ok: admin },
  createCourse:         { ok: admin },
  updateCourse:         { ok: admin },
  listEnrolments:       { ok: admin },
  enrol:                { ok: admin },
  unenrol:              { ok: admin },
  listLtiPlatforms:     { ok: admin },
  addLtiPlatform:       { ok: admin },
  iceServers:           { ok: signedIn },
  sessionChat:          { ok: ownerAndStaff },
  // Examiners read a sitting's chat; only its student and its own proctor write in it.
  postChat:             { ok: [...owner, 'assignedProctor'] },
  examAssignments:      { ok: staffOfExam },
  takeOver:             { ok: proctorsOfExam },
  syncLtiRoster:        { live: admin },
  examGrading:          { ok: authors, rest: 404 },
  updateGradingPolicy:  { ok: authors, rest: 404 },
  gradeSitting:         { live: examiner, rest: 404 },
  retryGradeSend:       { live: authors, rest: 404 },
  listLtiKeys:          { ok: admin },
  rotateLtiKey:         { ok: admin },
  listLtiCourses:       { ok: admin },
  ltiGradeLog:          { ok: admin },
  listAccommodations:   { ok: duty },
  getAccommodation:     { ok: duty },
  setAccommodation:     { ok: duty },
  removeAccommodation:  { live: duty },
  importAccommodations: { ok: duty },
  myAccommodation:      { ok: signedIn },
  examAccommodations:   { ok: authors },
  setExamOverride:      { ok: authors },
  removeExamOverride:   { live: authors },
  accommodationStudents: { ok: duty },
  authoringCourses:     { ok: signedIn },
  getExam:              { ok: authors },
  createExam:           { ok: authors },
  updateExam:           { ok: authors },
  publishExam:          { live: authors },
  duplicateExam:        { ok: authors },
  deleteExam:           { live: authors },
  // Anyone may check a timetable; its rows are refused for courses the caller does not examine.
  previewExamImport:    { ok: signedIn },
  importExams:          { ok: signedIn },
  listPresets:          { ok: ['examiner', 'otherExaminer', 'admin'] },
  createPreset:         { ok: admin },
  updatePreset:         { ok: admin },
  deletePreset:         { ok: admin },
  // The LMS's one-time pick token is the access here; an unknown one is not found.
  ltiDeepLink:          { 404: everyone },
  ltiDeepLinkPick:      { 404: everyone },
  ltiDeepLinkCreate:    { 404: everyone },
  oralPlan:             { ok: examiner },
  setOralSetup:         { ok: examiner },
  scheduleOralSlot:     { ok: examiner },
  setOralCommittees:    { ok: examiner },
  generateOralDayPlan:  { ok: examiner },
  setOralTicketPools:   { ok: examiner },
  placeOralStudents:    { ok: examiner },
  bookOralSlot:         { live: studentsOfExam },
  myOralSlot:           { ok: studentsOfExam },
  joinOralSlot:         { ok: studentsOfExam },
  oralRoom:             { ok: [...studentsOfExam, 'examiner'] },
  moveInOralQueue:      { ok: examiner },
  // call-in: the commission's; the student's own turn is refused by the oral exam's rules.
  oralCommand:          { ok: examiner, 409: owner },
  uploadOralIdSnapshot: { live: examiner },
  oralIdSnapshot:       { live: examiner },
  oralProtocol:         { ok: examiner },
  // The phone as a second camera (ADR 0023). The world's exam uses none: its student is refused
  // a pairing (409), the staff have no phone to confirm; the phone's own endpoints answer only
  // to a phone's credential, never to a login.
  createPairing:        { live: owner, rest: 404 },
  secondCamera:         { ok: ownerAndStaff, rest: 404 },
  confirmSecondCamera:  { live: ['assignedProctor', 'examiner'], 403: ['ownerStudent', 'unassignedProctor'], rest: 404 },
  redeemPairing:        { live: everyone },
  phone:                { 401: everyone },
  phoneIceServers:      { 401: everyone },
  uploadPhoneEvidence:  { 401: everyone },
};

/**
 * Who may send each command of the owner's sitting. The others are sent (all valid) and must be
 * refused: 404 to whom the sitting is hidden, 403 to its student and staff.
 */
// prettier-ignore
const SESSION_COMMANDS: Record<SessionCommandType, Rel[]> = {
  'begin-check-in': owner, 'complete-check-in': owner, 'retry-check-in': owner, submit: owner,
  'report-incident': owner, 'acknowledge-warning': owner, 'start-break': owner, 'end-break': owner,
  'approve-identity': ['assignedProctor'], 'reject-identity': ['assignedProctor'],
  pause: ['assignedProctor'], resume: ['assignedProctor', 'ownerStudent'],
  terminate: ['assignedProctor'], 'request-room-scan': ['assignedProctor'],
  'grant-compensation': ['assignedProctor', 'examiner'], 'add-time': ['assignedProctor', 'examiner'],
  'issue-warning': ['assignedProctor', 'examiner'], annul: ['assignedProctor', 'examiner'],
  'begin-review': examiner, accept: examiner,
};
const SHA = 'a'.repeat(64);
const COMMAND_FIELDS: Record<SessionCommandType, object> = {
  'begin-check-in': {},
  'complete-check-in': { typedName: 'Aa Bb', consentRecording: true },
  'retry-check-in': {},
  submit: { answerSha256: SHA },
  'report-incident': { kind: 'other' },
  'acknowledge-warning': { warningId: 'w-1' },
  'start-break': {},
  'end-break': {},
  'approve-identity': {},
  'reject-identity': { reason: 'not you' },
  pause: {},
  resume: {},
  terminate: { reason: 'matrix' },
  'request-room-scan': {},
  'grant-compensation': { minutes: 1, reason: 'matrix' },
  'add-time': { minutes: 1, reason: 'matrix' },
  'issue-warning': { category: 'phone' },
  annul: { reason: 'matrix' },
  'begin-review': {},
  accept: {},
};
/** Every oral command: refused to all but the slot's commission and the turn's own student. */
const ORAL_COMMAND_FIELDS: Record<OralCommand['type'], object> = {
  'call-in': {},
  'approve-identity': {},
  'reject-identity': { reason: 'not you' },
  'draw-ticket': {},
  'start-answer': {},
  grade: { mark: 90 },
  'issue-warning': { category: 'phone' },
  'acknowledge-warning': { warningId: 'w-1' },
  terminate: { reason: 'matrix' },
  annul: { reason: 'matrix' },
  note: { text: 'matrix' },
};

/**
 * The endpoints of a sitting called with the owner's oral turn instead: only its recordings are
 * there (sent by its student, played by them and the course's examiners); the rest not found.
 */
// prettier-ignore
const ORAL_TURN: Partial<Record<EndpointName, Row>> = {
  uploadEvidence:  { ok: owner },
  listEvidence:    { ok: [...owner, 'examiner'] },
  evidenceSegment: { ok: [...owner, 'examiner'] },
};

/** Calls that change what later rows reach for, in this order after all the others. */
const LAST: EndpointName[] = [
  'removeSessionFile',
  'removeTaskFile',
  'deleteExam',
  'takeOver',
  'revokeUserSessions',
  'logoutEverywhere',
  // Logging in ends the session the caller's browser held (rotation, ADR 0022).
  'login',
  'logout',
];

type Expect = 'ok' | 'live' | 401 | 403 | 404 | 409;
const ERROR_OF: Record<number, string[]> = {
  401: ['unauthenticated'],
  403: ['forbidden'],
  404: ['not-found'],
  409: ['refused', 'conflict'],
};

function expected(name: EndpointName, row: Row, rel: Rel): Expect {
  if (row.ok?.includes(rel)) return 'ok';
  if (row.live?.includes(rel)) return 'live';
  for (const s of [401, 403, 404, 409] as const) if (row[s]?.includes(rel)) return s;
  if (signedOut.includes(rel)) return api[name].access === 'public' ? 403 : 401;
  return row.rest ?? 403;
}

function matches(e: Expect, r: { status: number; error: string | undefined }): boolean {
  if (e === 'ok') return r.status >= 200 && r.status < 300;
  if (e === 'live') return (r.status >= 200 && r.status < 300) || [404, 409].includes(r.status);
  return r.status === e && ERROR_OF[e]!.includes(r.error ?? '');
}

let w: World;
beforeAll(async () => {
  w = await buildWorld();
}, 60_000);
afterAll(() => w?.server.close());

/**
 * What a relation must never read of another student: their answer, chat, flag and ID photo;
 * nor, unless they run the system (admins, the office), which sittings exist and who sits them.
 * The exam's staff read all of it.
 */
function foreignMarks(rel: Rel): string[] {
  // Why a student has an accommodation, and the document proving it: the office's only.
  const office = duty.includes(rel)
    ? []
    : [
        w.accommodation.documentRef,
        w.accommodation.reason,
        ...(staffOfExam.includes(rel) ? [] : [w.accommodation.proctorNote]),
      ];
  if (staffOfExam.includes(rel)) return office;
  const people = !duty.includes(rel);
  const marks = (s: World['owner'], photo: string) => [
    s.answer,
    s.chat,
    photo,
    ...(people ? [s.sessionId, s.fullName, s.userId] : []),
  ];
  const ownersOral = people ? [w.oralSessionId] : [];
  // Another course's people do not learn which exams this course has.
  const course = otherCourse.includes(rel) ? [w.examId, w.oralExamId, w.draftExamId] : [];
  return [
    ...(rel === 'ownerStudent' ? [] : [...marks(w.owner, w.idFileId), w.flagId, ...ownersOral]),
    ...(rel === 'peerStudent' ? [] : marks(w.peer, w.peer.idFileId)),
    ...course,
    ...office,
  ];
}

/** Marks a relation may see in a response of this endpoint though they are not its own. */
const SHOWN: Partial<Record<EndpointName, (rel: Rel) => string[]>> = {
  // A student's oral room lists the slot's students (names and ids) with their own turn only.
  oralRoom: () => [w.owner.fullName, w.owner.userId, w.peer.fullName, w.peer.userId],
  joinOralSlot: () => [w.owner.fullName, w.owner.userId, w.peer.fullName, w.peer.userId],
  myOralSlot: () => [w.owner.fullName, w.owner.userId, w.peer.fullName, w.peer.userId],
  bookOralSlot: () => [w.owner.fullName, w.owner.userId, w.peer.fullName, w.peer.userId],
};

// ---- Socket messages ----

type Refusal = 'forbidden' | 'not-live' | 'not-assigned' | 'not-admitted' | 'not-in-room';
type SocketRow = { ok: Rel[]; rest?: Refusal } & Partial<Record<Refusal, Rel[]>>;
type MessageType = ClientMessage['type'];
type OralType = OralClientMessage['type'];

// In the order they are sent: every relation's socket sends each message before the next one.
// prettier-ignore
const SOCKET: Record<MessageType, SocketRow> = {
  ping:             { ok: signedIn },
  'watch-session':  { ok: ownerAndStaff },
  'watch-exam':     { ok: staffOfExam },
  signals:          { ok: owner },
  'rtc-publish':    { ok: owner },
  'rtc-view':       { ok: ['assignedProctor', 'examiner'], 'not-assigned': ['unassignedProctor'] },
  // To the other side of the sitting: the student to a viewer, a viewer to the student.
  'rtc-signal':     { ok: ['ownerStudent', 'assignedProctor', 'examiner'] },
  // Leaving what one does not watch changes nothing.
  'rtc-unview':     { ok: signedIn },
  // Only a paired phone's socket reports its camera (ADR 0023).
  'camera-state':   { ok: [] },
};
// prettier-ignore
const ORAL: Record<OralType, SocketRow> = {
  'oral-watch':          { ok: [...studentsOfExam, 'examiner'] },
  // The commission enters; a student only once called in (nobody is yet).
  'oral-enter':          { ok: examiner, rest: 'not-admitted' },
  'oral-signal':         { ok: examiner, rest: 'not-in-room' },
  'oral-media':          { ok: examiner, rest: 'not-in-room' },
  'oral-request-screen': { ok: examiner },
  'oral-leave':          { ok: signedIn },
};

function socketMessage(type: MessageType | OralType, rel: Rel): Record<string, unknown> {
  const sessionId = w.sessionId;
  const slotId = w.slotId;
  switch (type) {
    case 'ping':
      return { type, at: Date.now() };
    case 'watch-session':
    case 'rtc-publish':
    case 'rtc-unview':
      return { type, sessionId };
    case 'watch-exam':
      return { type, examId: w.examId };
    case 'signals':
      return {
        type,
        sessionId,
        seq: 1,
        signals: [{ kind: 'visibility', at: Date.now(), visible: true }],
      };
    case 'rtc-view':
      return { type, sessionId, quality: 'tile' };
    case 'camera-state':
      return { type, state: 'live' };
    case 'rtc-signal': {
      const peer = rel === 'ownerStudent' ? sockets.examiner! : sockets.ownerStudent!;
      return { type, sessionId, peer: peer.id, description: { type: 'offer', sdp: 'v=0' } };
    }
    case 'oral-watch':
    case 'oral-enter':
    case 'oral-leave':
    case 'oral-request-screen':
      return { type, slotId };
    case 'oral-signal':
      return {
        type,
        slotId,
        to: rel === 'examiner' ? w.owner.userId : w.ids.examiner1!,
        signal: { description: { type: 'offer', sdp: 'v=0' } },
      };
    case 'oral-media':
      return {
        type,
        slotId,
        state: { muted: false, cameraOff: false, speaking: false, screen: false },
      };
  }
}

const sockets: Partial<Record<Rel, Socket>> = {};
/** Everything each relation's socket received, for the check that nothing foreign reached it. */
const received: Partial<Record<Rel, string[]>> = {};

function expectedAck(row: SocketRow, rel: Rel): 'ok' | Refusal {
  if (row.ok.includes(rel)) return 'ok';
  for (const reason of ['not-live', 'not-assigned', 'not-admitted', 'not-in-room'] as const)
    if (row[reason]?.includes(rel)) return reason;
  return row.rest ?? 'forbidden';
}

describe('every socket message × every relation', () => {
  it('has one row per message type of both unions, and no other', () => {
    const types = (u: { options: readonly { shape: { type: { value: unknown } } }[] }) =>
      u.options.map((o) => String(o.shape.type.value)).sort();
    expect(Object.keys(SOCKET).sort()).toEqual(types(ClientMessage));
    expect(Object.keys(ORAL).sort()).toEqual(types(OralClientMessage));
  });

  it('refuses the connection without a valid login session', async () => {
    for (const rel of signedOut) {
      const refused = await socketOf(w.server.url, w.clients[rel].cookie).then(
        (s) => (s.close(), 'connected'),
        (err: Error) => err.message,
      );
      expect(refused, rel).toBe('unauthenticated');
    }
  });

  it('refuses a socket opened by a page of another origin, though the browser sent the cookie', async () => {
    // A page on another host of the same site (the cookie is SameSite=Lax, so it goes along).
    const cookie = w.clients.assignedProctor.cookie;
    const from = (origin: string) =>
      socketOf(w.server.url, cookie, { origin }).then(
        (s) => (s.close(), 'connected'),
        (err: Error) => err.message,
      );
    expect(await from('https://pages.example.kz')).not.toBe('connected');
    expect(await from(new URL(w.server.url).origin)).toBe('connected');
  });

  it('drops a socket whose login session ended after it connected (logout, expiry)', async () => {
    const ends = {
      'logged out': async (c: TestClient) => {
        expect((await callAs(w.server.url, c, 'logout', {})).status).toBe(200);
      },
      expired: async (c: TestClient) => {
        await w.server.db
          .updateTable('auth_sessions')
          .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
          .where('user_id', '=', w.ids.student5!)
          .where('revoked_at', 'is', null)
          .execute();
        void c;
      },
    };
    for (const [how, end] of Object.entries(ends)) {
      const c = new TestClient(w.server.url);
      await c.login('student5');
      const s = await socketOf(w.server.url, c.cookie);
      expect(await s.emitWithAck(SOCKET_EVENT, { type: 'ping', at: 1 })).toEqual({ ok: true });
      await end(c);
      const dropped = new Promise((resolve) => s.once('disconnect', resolve));
      for (const [event, msg] of [
        [SOCKET_EVENT, { type: 'ping', at: 2 }],
        [ORAL_SOCKET_EVENT, { type: 'oral-leave', slotId: w.slotId }],
      ] as const) {
        const ack = (await s.timeout(5000).emitWithAck(event, msg)) as { reason?: string };
        expect(ack.reason, `${how}: ${msg.type}`).toBe('unauthenticated');
        if (!s.connected) break;
      }
      await dropped;
    }
  });

  it('a proctor taken off the course stops hearing its exam at once', async () => {
    const admin = w.clients.admin;
    const made = await admin.call('createUser', {
      body: {
        login: 'proctor4',
        fullName: 'Leaving Proctor',
        roles: ['proctor'],
        password: 'matrix-pass-1',
      },
    });
    const enrolment = {
      courseId: w.courseId,
      userId: made.body.id as string,
      role: 'proctor' as const,
    };
    const enrolled = await admin.call('enrol', {
      params: { courseId: w.courseId },
      body: { userId: enrolment.userId, role: 'proctor' },
    });
    expect(enrolled.status).toBe(200);
    const c = new TestClient(w.server.url);
    await c.login('proctor4', 'matrix-pass-1');
    const s = await socketOf(w.server.url, c.cookie);
    expect(await s.emitWithAck(SOCKET_EVENT, { type: 'watch-exam', examId: w.examId })).toEqual({
      ok: true,
    });
    const dropped = new Promise((resolve) => s.once('disconnect', resolve));
    expect((await admin.call('unenrol', { params: enrolment })).status).toBe(200);
    // Its rooms go with the connection; connected again, it is asked again and refused.
    expect(await dropped).toBe('io server disconnect');
    s.connect();
    await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    const again = (await s.emitWithAck(SOCKET_EVENT, { type: 'watch-exam', examId: w.examId })) as {
      reason?: string;
    };
    expect(again.reason).toBe('forbidden');
    s.close();
  });

  it('answers each message as its row says', async () => {
    for (const rel of signedIn) {
      const s = await socketOf(w.server.url, w.clients[rel].cookie);
      sockets[rel] = s;
      received[rel] = [];
      s.on(SOCKET_EVENT, (m: unknown) => received[rel]!.push(JSON.stringify(m)));
      s.on(ORAL_SOCKET_EVENT, (m: unknown) => received[rel]!.push(JSON.stringify(m)));
    }
    const wrong: string[] = [];
    const rows = [
      ...Object.entries(SOCKET).map(([t, row]) => [SOCKET_EVENT, t, row] as const),
      ...Object.entries(ORAL).map(([t, row]) => [ORAL_SOCKET_EVENT, t, row] as const),
    ];
    for (const [event, type, row] of rows) {
      for (const rel of signedIn) {
        const msg = socketMessage(type as MessageType | OralType, rel);
        const ack = (await sockets[rel]!.timeout(5000).emitWithAck(event, msg)) as {
          ok: boolean;
          reason?: string;
        };
        const e = expectedAck(row, rel);
        const got = ack.ok ? 'ok' : (ack.reason ?? '?');
        if (got !== e) wrong.push(`${type} as ${rel}: expected ${e}, got ${JSON.stringify(ack)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('every endpoint × every relation', () => {
  it('a timetable import creates exams only in the courses its caller examines', async () => {
    const before = await w.server.db
      .selectFrom('exams')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const rel of signedIn.filter((r) => !authors.includes(r))) {
      const r = await callAs(w.server.url, w.clients[rel], 'importExams', {
        body: { csv: timetable() },
      });
      expect(r.status).toBe(200);
      const report = JSON.parse(r.text) as {
        created: number;
        rows: { errors: { code: string }[] }[];
      };
      expect(report.created, rel).toBe(0);
      expect(report.rows[0]!.errors.map((e) => e.code)).toContain('not-your-course');
    }
    const after = await w.server.db
      .selectFrom('exams')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('a file id of another sitting or exam is not found under this one (IDOR by file id)', async () => {
    const own = w.clients.ownerStudent;
    const cross = [
      ['sessionFile', { sessionId: w.sessionId, fileId: w.peer.idFileId }],
      ['removeSessionFile', { sessionId: w.sessionId, fileId: w.peer.idFileId }],
      ['taskFile', { examId: w.examId, fileId: w.otherTaskFileId }],
    ] as const;
    for (const [name, params] of cross) {
      const r = await callAs(w.server.url, own, name, { params });
      expect(r.status, name).toBe(404);
    }
    const r = await callAs(w.server.url, w.clients.examiner, 'removeTaskFile', {
      params: { examId: w.examId, fileId: w.otherTaskFileId },
    });
    expect(r.status).toBe(404);
    const peerPhoto = await callAs(w.server.url, w.clients.peerStudent, 'sessionFile', {
      params: { sessionId: w.peer.sessionId, fileId: w.peer.idFileId },
    });
    expect(peerPhoto.status, 'the peer still has their photo').toBe(200);
  });

  it('an oral turn in place of a written sitting: only its evidence, to its student and examiners', async () => {
    const wrong: string[] = [];
    const sittingEndpoints = (Object.keys(api) as EndpointName[]).filter(
      (n) => api[n].path.includes(':sessionId') && !api[n].path.startsWith('/api/oral/'),
    );
    for (const name of sittingEndpoints) {
      const row = ORAL_TURN[name] ?? { rest: 404 };
      const input = inputFor(w, name);
      input.params = { ...input.params, sessionId: w.oralSessionId, seq: '1' };
      for (const rel of RELATIONS) {
        const e = expected(name, row, rel);
        const r = await callAs(w.server.url, w.clients[rel], name, input);
        if (!matches(e, r))
          wrong.push(`${name} as ${rel}: expected ${e}, got ${r.status} ${r.text}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a written sitting in place of an oral turn is not found', async () => {
    const wrong: string[] = [];
    const turnEndpoints = (Object.keys(api) as EndpointName[]).filter(
      (n) => api[n].path.includes(':sessionId') && api[n].path.startsWith('/api/oral/'),
    );
    expect(turnEndpoints.length).toBeGreaterThan(0);
    for (const name of turnEndpoints) {
      const input = inputFor(w, name);
      input.params = { ...input.params, sessionId: w.sessionId };
      for (const rel of RELATIONS) {
        const e = expected(name, { rest: 404 }, rel);
        const r = await callAs(w.server.url, w.clients[rel], name, input);
        if (!matches(e, r)) wrong.push(`${name} as ${rel}: expected ${e}, got ${r.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every change sent with the cookie but without the CSRF token (another site’s form)', async () => {
    const wrong: string[] = [];
    for (const name of Object.keys(api) as EndpointName[]) {
      const ep = api[name];
      // A phone's endpoints check the phone's own token (second-camera.test.ts).
      if (ep.method === 'GET' || ep.access === 'public' || ep.access === 'phone') continue;
      const row = ENDPOINTS[name];
      const rel = [...(row.ok ?? []), ...(row.live ?? []), ...(row[401] ?? [])][0]!;
      const noToken = Object.assign(new TestClient(w.server.url), {
        cookie: w.clients[rel].cookie,
      });
      const r = await callAs(w.server.url, noToken, name, inputFor(w, name));
      if (r.status !== 403 || r.error !== 'csrf') wrong.push(`${name} as ${rel}: ${r.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every sitting command to whom it is not for, and nothing changes', async () => {
    const version = async () =>
      JSON.parse(
        (
          await callAs(w.server.url, w.clients.examiner, 'getSession', {
            params: { sessionId: w.sessionId },
          })
        ).text,
      ).version as number;
    const before = await version();
    const wrong: string[] = [];
    for (const [type, allowed] of Object.entries(SESSION_COMMANDS)) {
      const body = { type, ...COMMAND_FIELDS[type as SessionCommandType] };
      for (const rel of RELATIONS.filter((r) => !allowed.includes(r))) {
        const e = signedOut.includes(rel) ? 401 : ownerAndStaff.includes(rel) ? 403 : 404;
        const r = await callAs(w.server.url, w.clients[rel], 'sessionCommand', {
          params: { sessionId: w.sessionId },
          body,
        });
        if (!matches(e, r))
          wrong.push(`${type} as ${rel}: expected ${e}, got ${r.status} ${r.text}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await version()).toBe(before);
  });

  it('refuses every oral command to whom is not in the slot, and nothing changes', async () => {
    const room = async () =>
      (await callAs(w.server.url, w.clients.examiner, 'oralRoom', { params: { slotId: w.slotId } }))
        .text;
    const before = await room();
    const wrong: string[] = [];
    for (const [type, fields] of Object.entries(ORAL_COMMAND_FIELDS)) {
      for (const rel of RELATIONS.filter((r) => r !== 'ownerStudent' && r !== 'examiner')) {
        const e = signedOut.includes(rel) ? 401 : 403;
        const r = await callAs(w.server.url, w.clients[rel], 'oralCommand', {
          params: { sessionId: w.oralSessionId },
          body: { type, ...fields },
        });
        if (!matches(e, r))
          wrong.push(`${type} as ${rel}: expected ${e}, got ${r.status} ${r.text}`);
      }
    }
    expect(wrong).toEqual([]);
    expect((await room()).replace(/"serverNow":\d+/, '')).toBe(
      before.replace(/"serverNow":\d+/, ''),
    );
  });

  it('has one row per endpoint of the api map, and no other', () => {
    expect(Object.keys(ENDPOINTS).sort()).toEqual(Object.keys(api).sort());
    for (const row of Object.values(ENDPOINTS)) {
      const listed = [...(row.ok ?? []), ...(row.live ?? []), ...(row[403] ?? [])];
      const all = [...listed, ...(row[404] ?? []), ...(row[409] ?? [])];
      expect(new Set(all).size, 'a relation is listed twice in a row').toBe(all.length);
    }
    for (const name of LAST) expect(api[name]).toBeDefined();
  });

  const names = (Object.keys(api) as EndpointName[]).filter((n) => !LAST.includes(n)).concat(LAST);
  it.each(names)('%s', async (name) => {
    const row = ENDPOINTS[name];
    const input = inputFor(w, name);
    // Refused callers first, so that each meets the object before an allowed call changes it.
    const order = [...RELATIONS].sort(
      (a, b) =>
        Number(['ok', 'live'].includes(String(expected(name, row, a)))) -
        Number(['ok', 'live'].includes(String(expected(name, row, b)))),
    );
    const wrong: string[] = [];
    for (const rel of order) {
      const e = expected(name, row, rel);
      const r = await callAs(w.server.url, w.clients[rel], name, input);
      if (!matches(e, r)) {
        wrong.push(`${rel}: expected ${e}, got ${r.status} ${r.text.slice(0, 160)}`);
        continue;
      }
      const shown = new Set([...(SHOWN[name]?.(rel) ?? []), ...Object.values(input.params ?? {})]);
      const leaked = foreignMarks(rel).filter((m) => !shown.has(m) && r.text.includes(m));
      if (leaked.length) wrong.push(`${rel}: the response shows ${leaked.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('what the sockets heard while every endpoint was called', () => {
  it('no socket received another student’s sitting, answer, chat or name', () => {
    const wrong: string[] = [];
    for (const rel of signedIn) {
      const heard = received[rel] ?? [];
      const leaked = foreignMarks(rel).filter((m) => heard.some((h) => h.includes(m)));
      if (leaked.length) wrong.push(`${rel}: ${leaked.join(', ')}`);
      sockets[rel]?.close();
    }
    expect(wrong).toEqual([]);
  });
});
