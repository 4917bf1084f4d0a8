// The exam's settings the server holds a student to: check-in without the ID photo where the exam
// leaves it out (never without one it asks for), an answer over the word limit refused, and an
// attachment of a type the exam does not allow refused — and nothing refused is stored.
import { createHash } from 'node:crypto';
import { verifyAuditChain } from '@emtihan/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { SessionRepo } from '../src/repositories/session.repo.ts';
import { TestClient } from './client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from './harness.ts';
import { tinyPicture } from './pictures.ts';

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');
const JPEG = await tinyPicture(1);
const PDF = new TextEncoder().encode('%PDF-1.4 my essay');
const EXAM = 'settings-exam';
const STRICT_EXAM = 'strict-id-exam';

let server: TestServer;
const c: Record<string, TestClient> = {};

async function post(client: TestClient, path: string, type: string, bytes: Uint8Array) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': type, cookie: client.cookie, 'x-csrf-token': client.csrf },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** `login`'s sitting of `examId`, with check-in begun and the face photo handed in. */
async function beginCheckIn(login: string, examId: string) {
  const client = c[login]!;
  const sessionId = (await client.call('mySession', { params: { examId } })).body
    .sessionId as string;
  const command = (body: object) => client.call('sessionCommand', { params: { sessionId }, body });
  expect((await command({ type: 'begin-check-in' })).status).toBe(200);
  const upload = (kind: string, name: string, type: string, bytes: Uint8Array) =>
    post(
      client,
      `/api/sessions/${sessionId}/files?kind=${kind}&name=${encodeURIComponent(name)}`,
      type,
      bytes,
    );
  const face = await upload('face', 'face.jpg', 'image/jpeg', JPEG);
  expect(face.status).toBe(200);
  return { client, sessionId, command, upload, faceSha256: face.body.sha256 as string };
}

async function stored(sessionId: string) {
  const { db } = openDatabase({ dataDir: server.dataDir });
  try {
    const repo = new SessionRepo(db);
    const chain = await repo.auditChain(sessionId);
    expect(verifyAuditChain(chain)).toEqual({ ok: true });
    return {
      latest: await repo.latestAnswer(sessionId),
      files: await repo.listFiles(sessionId),
      evidence: chain.filter((e) => e.type === 'evidence-added').length,
    };
  } finally {
    await db.destroy();
  }
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `сөз${i + 1}`).join(' ');

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  for (const login of ['student1', 'student2']) {
    c[login] = new TestClient(server.url);
    await c[login].login(login);
  }
  await addDemoWrittenExam(server, {
    id: EXAM,
    title: 'Settings exam',
    settings: {
      liveProctoring: false,
      roomScanRequired: false,
      idCheck: { idPhoto: false, facePhoto: true },
      answer: { richText: false, wordLimit: 12, statement: null },
      attachmentTypes: ['pdf'],
      attachments: { maxFiles: 3, maxBytes: 1024 },
    },
  });
  await addDemoWrittenExam(server, {
    id: STRICT_EXAM,
    title: 'Strict exam',
    settings: { liveProctoring: false, roomScanRequired: false },
  });
});
afterAll(() => server.close());

describe('check-in with the identity photos the exam asks for', () => {
  it('an exam that asks for the ID photo refuses a check-in without one', async () => {
    const { command, faceSha256 } = await beginCheckIn('student2', STRICT_EXAM);
    const done = await command({
      type: 'complete-check-in',
      typedName: 'Нұрланов Дәулет Серікұлы',
      faceSha256,
      consentRecording: true,
    });
    expect(done.status).toBe(409);
    expect(done.body.reason).toBe('id-document-missing');
  });

  it('an exam without the ID photo checks the student in with the face photo alone, not with neither', async () => {
    const { command, faceSha256 } = await beginCheckIn('student1', EXAM);
    const base = {
      type: 'complete-check-in',
      typedName: 'Әлібекова Аружан Қайратқызы',
      consentRecording: true,
    };
    const noFace = await command(base);
    expect(noFace.status).toBe(409);
    expect(noFace.body.reason).toBe('face-photo-missing');
    const done = await command({ ...base, faceSha256 });
    expect(done.status).toBe(200);
    expect(done.body.state.status).toBe('in_progress');
    expect(done.body.state.idDocumentHash).toBe(null);
  });
});

describe('the answer and the files an exam allows', () => {
  let sessionId: string;
  beforeAll(async () => {
    sessionId = (await c.student1!.call('mySession', { params: { examId: EXAM } })).body.sessionId;
  });
  const save = (seq: number, body: string) =>
    c.student1!.call('saveAnswer', {
      params: { sessionId },
      body: { seq, body, sha256: sha(body) },
    });

  it('an answer of 12 words is saved; one of 13 is refused with its reason and not stored', async () => {
    const twelve = `<p>${words(10)}</p><p>соңғы <strong>екі</strong></p>`;
    expect((await save(1, twelve)).status).toBe(200);
    const thirteen = `<p>${words(10)}</p><p>соңғы <strong>екі</strong> артық</p>`;
    const refused = await save(2, thirteen);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'refused', reason: 'word-limit-exceeded' });
    const now = await stored(sessionId);
    expect(now.latest).toMatchObject({ seq: 1, sha256: sha(twelve) });
    const view = await c.student1!.call('getSession', { params: { sessionId } });
    expect(view.body.answer.body).toBe(twelve);
    expect(view.body.state.lastSavedAnswerHash).toBe(sha(twelve));
  });

  it('an attachment of another type, or renamed to look allowed, is refused and not stored; a PDF is attached', async () => {
    const before = await stored(sessionId);
    const attach = (name: string, type: string, bytes: Uint8Array) =>
      post(
        c.student1!,
        `/api/sessions/${sessionId}/files?kind=attachment&name=${encodeURIComponent(name)}`,
        type,
        bytes,
      );
    const text = await attach('notes.txt', 'text/plain', new TextEncoder().encode('notes'));
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({
      error: 'unsupported-media-type',
      reason: 'attachment-type-not-allowed',
    });
    const renamed = await attach('notes.pdf', 'text/plain', new TextEncoder().encode('notes'));
    expect(renamed.body.reason).toBe('attachment-type-not-allowed');
    const image = await attach('photo.pdf', 'image/jpeg', JPEG);
    expect(image.body.reason).toBe('attachment-type-not-allowed');
    const after = await stored(sessionId);
    expect(after.files.length).toBe(before.files.length);
    expect(after.evidence).toBe(before.evidence);

    const pdf = await attach('Эссе.pdf', 'application/pdf', PDF);
    expect(pdf.status).toBe(200);
    const last = await stored(sessionId);
    expect(last.files.filter((f) => f.kind === 'attachment').map((f) => f.name)).toEqual([
      'Эссе.pdf',
    ]);
  });
});
