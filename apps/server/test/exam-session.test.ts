import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import { verifyAuditChain } from '@emtihan/domain';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { SessionRepo } from '../src/repositories/session.repo.ts';
import { TestClient } from './client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from './harness.ts';
import { tinyPicture } from './pictures.ts';

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');
const JPEG = await tinyPicture(1);
const FACE = await tinyPicture(2);

let server: TestServer;
const c: Record<string, TestClient> = {};
let examId: string;
let sessionId: string;

async function upload(
  client: TestClient,
  kind: string,
  type: string,
  bytes: Uint8Array,
  name = 'photo.jpg',
) {
  const res = await fetch(
    `${server.url}/api/sessions/${sessionId}/files?kind=${kind}&name=${encodeURIComponent(name)}`,
    {
      method: 'POST',
      headers: { 'content-type': type, cookie: client.cookie, 'x-csrf-token': client.csrf },
      body: bytes,
    },
  );
  return { status: res.status, body: (await res.json()) as any };
}
const command = (who: string, body: object) =>
  c[who]!.call('sessionCommand', { params: { sessionId }, body });
const save = (seq: number, text: string, who = 'student1') =>
  c[who]!.call('saveAnswer', {
    params: { sessionId },
    body: { seq, body: text, sha256: sha(text) },
  });

// Pings every second, 2 s to answer: a silently lost connection is noticed within 3 s.
const PING_TIMEOUT_MS = 2000;

beforeAll(async () => {
  server = await startTestServer({
    env: { SOCKET_PING_INTERVAL_MS: '1000', SOCKET_PING_TIMEOUT_MS: String(PING_TIMEOUT_MS) },
  });
  for (const login of ['student1', 'student2', 'proctor1', 'examiner1']) {
    c[login] = new TestClient(server.url);
    await c[login].login(login);
  }
  examId = 'live-proctored';
  await addDemoWrittenExam(server, {
    id: examId,
    title: 'Proctored written exam',
    settings: { liveProctoring: true },
  });
});
afterAll(() => server.close());

describe('a student sits the written exam through the API', () => {
  it('opening the exam creates one scheduled session, the same on every open', async () => {
    const first = await c.student1!.call('mySession', { params: { examId } });
    expect(first.status).toBe(200);
    expect(first.body.state.status).toBe('scheduled');
    sessionId = first.body.sessionId;
    const again = await c.student1!.call('mySession', { params: { examId } });
    expect(again.body.sessionId).toBe(sessionId);
  });

  it('another student cannot see it; the course’s proctor can', async () => {
    expect((await c.student2!.call('getSession', { params: { sessionId } })).status).toBe(404);
    expect((await c.proctor1!.call('getSession', { params: { sessionId } })).status).toBe(200);
  });

  it('a proctor cannot open a student’s own sitting as if it were theirs', async () => {
    const r = await c.proctor1!.call('mySession', { params: { examId } });
    expect(r.status).toBe(403);
  });

  it('checks in: photos uploaded, a wrong name explained, the right one (Latin look-alikes) accepted', async () => {
    expect((await command('student1', { type: 'begin-check-in' })).body.state.status).toBe(
      'checking_in',
    );
    const id = await upload(c.student1!, 'id-document', 'image/jpeg', JPEG);
    expect(id.status).toBe(200);
    expect(id.body.sha256).toBe(sha(JPEG));
    const face = await upload(c.student1!, 'face', 'image/jpeg', FACE);
    const base = {
      type: 'complete-check-in',
      idDocumentSha256: sha(JPEG),
      faceSha256: sha(FACE),
      consentRecording: true,
    };

    const wrong = await command('student1', { ...base, typedName: 'Алибекова Аружан' });
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ error: 'refused', reason: 'name-mismatch' });

    const unknownPhoto = await command('student1', {
      ...base,
      typedName: 'Әлібекова Аружан Қайратқызы',
      faceSha256: sha('x'),
    });
    expect(unknownPhoto.body.reason).toBe('face-photo-missing');

    const right = await command('student1', {
      ...base,
      typedName: '  әлібековa aружан ҚАЙРАТҚЫЗЫ ',
      faceSha256: face.body.sha256,
    });
    expect(right.status).toBe(200);
    expect(right.body.state.status).toBe('awaiting_approval');
    expect(right.body.waitingPlace).toBe(1);
    expect(right.body.files.map((f: { kind: string }) => f.kind)).toEqual(['id-document', 'face']);
    expect(right.body.task).toBeNull();

    // The proctor sees the ID photo; another student does not.
    const idFile = right.body.files.find((f: { kind: string }) => f.kind === 'id-document');
    const photo = await fetch(`${server.url}/api/sessions/${sessionId}/files/${idFile.id}`, {
      headers: { cookie: c.proctor1!.cookie },
    });
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(JPEG);
    const peek = await fetch(`${server.url}/api/sessions/${sessionId}/files/${idFile.id}`, {
      headers: { cookie: c.student2!.cookie },
    });
    expect(peek.status).toBe(404);
  });

  it('the student cannot approve themselves; the proctor approves and work starts with a deadline, told over the socket', async () => {
    const socket = io(server.url, {
      extraHeaders: { cookie: c.student1!.cookie },
      transports: ['websocket'],
    });
    await new Promise((resolve) => socket.once('msg', resolve));
    const watched = await socket.emitWithAck('msg', { type: 'watch-session', sessionId });
    expect(watched).toEqual({ ok: true });
    const changed = new Promise<any>((resolve) =>
      socket.on('msg', (m) => m.type === 'session-changed' && resolve(m)),
    );

    expect((await command('student1', { type: 'approve-identity' })).status).toBe(403);
    const approved = await command('proctor1', { type: 'approve-identity' });
    expect(approved.body.state.status).toBe('in_progress');
    expect(approved.body.state.deadline).toBeGreaterThan(approved.body.serverNow);
    expect(approved.body.task).toBe('Write an essay.');
    expect(await changed).toMatchObject({
      type: 'session-changed',
      sessionId,
      status: 'in_progress',
    });
    socket.close();
  });

  it('a dropped connection during work is recorded in the audit chain with how long it lasted', async () => {
    const { db } = openDatabase({ dataDir: server.dataDir });
    const repo = new SessionRepo(db);
    try {
      const connect = async () => {
        const socket = io(server.url, {
          extraHeaders: { cookie: c.student1!.cookie },
          transports: ['websocket'],
        });
        await new Promise((resolve) => socket.once('msg', resolve));
        expect(await socket.emitWithAck('msg', { type: 'watch-session', sessionId })).toEqual({
          ok: true,
        });
        return socket;
      };
      (await connect()).close();
      await vi.waitFor(async () =>
        expect((await repo.lastAudit(sessionId))?.type).toBe('connection-lost'),
      );
      const back = await connect();
      const restored = await repo.lastAudit(sessionId);
      expect(restored).toMatchObject({ type: 'connection-restored', actor: { role: 'system' } });
      expect((restored!.payload as { offlineMs: number }).offlineMs).toBeGreaterThanOrEqual(0);
      back.close();
      await vi.waitFor(async () =>
        expect((await repo.lastAudit(sessionId))?.type).toBe('connection-lost'),
      );
    } finally {
      await db.destroy();
    }
  });

  it('a network that dies silently is dated from the last packet the server heard, not from when it noticed', async () => {
    const { db } = openDatabase({ dataDir: server.dataDir });
    const repo = new SessionRepo(db);
    try {
      const socket = io(server.url, {
        extraHeaders: { cookie: c.student1!.cookie },
        transports: ['websocket'],
      });
      await new Promise((resolve) => socket.once('msg', resolve));
      expect(await socket.emitWithAck('msg', { type: 'watch-session', sessionId })).toEqual({
        ok: true,
      });
      expect((await repo.lastAudit(sessionId))?.type).toBe('connection-restored');
      // The cable is pulled: nothing more is read or answered, and no close is ever sent.
      const tcp = (socket.io.engine.transport as unknown as { ws: { _socket: Socket } }).ws._socket;
      tcp.pause();
      await vi.waitFor(
        async () => expect((await repo.lastAudit(sessionId))?.type).toBe('connection-lost'),
        { timeout: 15_000 },
      );
      const lost = (await repo.lastAudit(sessionId))!;
      const { noticedAt } = lost.payload as { noticedAt: number };
      // Noticed only after an unanswered ping timed out, but dated before that ping was sent.
      expect(noticedAt - lost.at).toBeGreaterThanOrEqual(PING_TIMEOUT_MS);
      tcp.destroy();
      socket.close();
    } finally {
      await db.destroy();
    }
  });

  it('another student’s socket may not watch the session', async () => {
    const socket = io(server.url, {
      extraHeaders: { cookie: c.student2!.cookie },
      transports: ['websocket'],
    });
    await new Promise((resolve) => socket.once('msg', resolve));
    expect(await socket.emitWithAck('msg', { type: 'watch-session', sessionId })).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    expect(await socket.emitWithAck('msg', { type: 'watch-session' })).toMatchObject({
      ok: false,
      reason: 'invalid-message',
    });
    socket.close();
  });

  it('autosaves are idempotent by sequence and checked against their hash', async () => {
    expect((await save(1, '<p>Сәлем</p>')).body).toEqual({
      seq: 1,
      sha256: sha('<p>Сәлем</p>'),
      duplicate: false,
    });
    expect((await save(2, '<p>Сәлем, әлем</p>')).body.duplicate).toBe(false);
    expect((await save(2, '<p>Сәлем, әлем</p>')).body.duplicate).toBe(true);
    expect((await save(2, '<p>other</p>')).status).toBe(409);
    const forged = await c.student1!.call('saveAnswer', {
      params: { sessionId },
      body: { seq: 3, body: 'a', sha256: sha('b') },
    });
    expect(forged.status).toBe(400);
    const view = await c.student1!.call('getSession', { params: { sessionId } });
    expect(view.body.answer).toMatchObject({ seq: 2, body: '<p>Сәлем, әлем</p>' });
  });

  it('another student cannot write into the session', async () => {
    expect((await save(9, 'sabotage', 'student2')).status).toBe(404);
    const view = await c.student1!.call('getSession', { params: { sessionId } });
    expect(view.body.answer.seq).toBe(2);
  });

  it('attachments: a PDF is kept, an executable refused', async () => {
    const pdf = await upload(
      c.student1!,
      'attachment',
      'application/pdf',
      new TextEncoder().encode('%PDF-1.4 x'),
      'есеп.pdf',
    );
    expect(pdf.status).toBe(200);
    expect(pdf.body.name).toBe('есеп.pdf');
    const exe = await upload(
      c.student1!,
      'attachment',
      'application/x-msdownload',
      new Uint8Array([77, 90]),
      'x.exe',
    );
    expect(exe.status).toBe(415);
  });

  it('"Submit assignment" needs the saved answer; then work is read-only and a second submission refused', async () => {
    const early = await command('student1', { type: 'submit', answerSha256: sha('<p>Сәлем</p>') });
    expect(early.body.reason).toBe('answer-not-saved');
    const done = await command('student1', {
      type: 'submit',
      answerSha256: sha('<p>Сәлем, әлем</p>'),
    });
    expect(done.body.state).toMatchObject({
      status: 'submitted',
      finalAnswerHash: sha('<p>Сәлем, әлем</p>'),
    });
    expect(
      (await command('student1', { type: 'submit', answerSha256: sha('<p>Сәлем, әлем</p>') })).body
        .reason,
    ).toBe('not-allowed-in-state');
    const late = await save(3, '<p>changed</p>');
    expect(late.status).toBe(409);
    const view = await c.student1!.call('getSession', { params: { sessionId } });
    expect(view.body.answer.body).toBe('<p>Сәлем, әлем</p>');
  });

  it('left an audit chain that verifies, with the evidence hashes in it', async () => {
    const { db } = openDatabase({ dataDir: server.dataDir });
    try {
      const chain = await new SessionRepo(db).auditChain(sessionId);
      expect(verifyAuditChain(chain)).toEqual({ ok: true });
      expect(chain.filter((e) => e.type === 'evidence-added').length).toBe(3);
      expect(JSON.stringify(chain)).toContain(sha(JPEG));
    } finally {
      await db.destroy();
    }
  });

  it('a malformed command names the problem and changes nothing', async () => {
    const r = await command('proctor1', { type: 'terminate' });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('reason');
  });
});

describe('the proctor’s roster', () => {
  it('lists every student of the course with their sitting; a student may not read it', async () => {
    const r = await c.proctor1!.call('examRoster', { params: { examId } });
    expect(r.status).toBe(200);
    expect(r.body.role).toBe('proctor');
    const entries = r.body.entries as {
      login: string;
      status: string;
      fullName: string;
      sessionId: string | null;
    }[];
    expect(entries.map((e) => e.login).sort()).toEqual([
      'student1',
      'student2',
      'student3',
      'student4',
      'student5',
    ]);
    expect(entries.find((e) => e.login === 'student1')).toMatchObject({
      status: 'submitted',
      fullName: 'Әлібекова Аружан Қайратқызы',
      sessionId,
    });
    expect(entries.find((e) => e.login === 'student2')).toMatchObject({
      status: 'not_opened',
      sessionId: null,
    });
    expect((await c.student1!.call('examRoster', { params: { examId } })).status).toBe(403);
  });

  it('names the exam and its course, and says what a proctor can see live', async () => {
    const live = (await c.proctor1!.call('examRoster', { params: { examId } })).body;
    expect(live).toMatchObject({
      examTitle: 'Proctored written exam',
      courseTitle: 'Demo course',
      liveProctoring: true,
      liveVideo: { camera: true, screen: true },
    });
    await addDemoWrittenExam(server, {
      id: 'recorded-only',
      title: 'Recorded quiz',
      settings: { liveProctoring: false },
    });
    await addDemoWrittenExam(server, {
      id: 'camera-only',
      title: 'Camera only',
      settings: { liveProctoring: true, media: { camera: true, microphone: true, screen: false } },
    });
    const recorded = await c.proctor1!.call('examRoster', { params: { examId: 'recorded-only' } });
    expect(recorded.body).toMatchObject({
      liveProctoring: false,
      liveVideo: { camera: false, screen: false },
    });
    const cameraOnly = await c.proctor1!.call('examRoster', { params: { examId: 'camera-only' } });
    expect(cameraOnly.body.liveVideo).toEqual({ camera: true, screen: false });
  });

  it('a proctor watching the exam hears of every sitting’s change; a student may not watch it', async () => {
    const proctor = io(server.url, {
      extraHeaders: { cookie: c.proctor1!.cookie },
      transports: ['websocket'],
    });
    await new Promise((resolve) => proctor.once('msg', resolve));
    expect(await proctor.emitWithAck('msg', { type: 'watch-exam', examId })).toEqual({ ok: true });
    const heard = new Promise<any>((resolve) =>
      proctor.on('msg', (m) => m.type === 'session-changed' && resolve(m)),
    );
    const opened = await c.student2!.call('mySession', { params: { examId } });
    await c.student2!.call('sessionCommand', {
      params: { sessionId: opened.body.sessionId },
      body: { type: 'begin-check-in' },
    });
    expect(await heard).toMatchObject({ sessionId: opened.body.sessionId, status: 'checking_in' });
    proctor.close();

    const student = io(server.url, {
      extraHeaders: { cookie: c.student2!.cookie },
      transports: ['websocket'],
    });
    await new Promise((resolve) => student.once('msg', resolve));
    expect(await student.emitWithAck('msg', { type: 'watch-exam', examId })).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    student.close();
  });
});
