// Files around the written answer: a student takes an attachment back before submitting (never
// after; audited), the exam's attachment limits hold, and the examiner's task files reach a
// student only once their work has started.
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
const EXAM = 'files-exam';

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
const attach = (who: string, sessionId: string, name: string, bytes: Uint8Array, type: string) =>
  post(
    c[who]!,
    `/api/sessions/${sessionId}/files?kind=attachment&name=${encodeURIComponent(name)}`,
    type,
    bytes,
  );
const addTaskFile = (who: string, name: string, bytes: Uint8Array, type = 'application/pdf') =>
  post(c[who]!, `/api/exams/${EXAM}/task-files?name=${encodeURIComponent(name)}`, type, bytes);

/** Checks `login` in through the API up to work (the exam has no live proctor). */
async function startWork(login: string, fullName: string) {
  const client = c[login]!;
  const sessionId = (await client.call('mySession', { params: { examId: EXAM } })).body
    .sessionId as string;
  const command = (body: object) => client.call('sessionCommand', { params: { sessionId }, body });
  await command({ type: 'begin-check-in' });
  const up = async (kind: string, bytes: Uint8Array) =>
    (
      await post(
        client,
        `/api/sessions/${sessionId}/files?kind=${kind}&name=${kind}.jpg`,
        'image/jpeg',
        bytes,
      )
    ).body.sha256 as string;
  const done = await command({
    type: 'complete-check-in',
    typedName: fullName,
    idDocumentSha256: await up('id-document', JPEG),
    faceSha256: await up('face', JPEG),
    consentRecording: true,
  });
  expect(done.body.state.status).toBe('in_progress');
  return { sessionId, command };
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  for (const login of ['student1', 'student2', 'proctor1', 'examiner1']) {
    c[login] = new TestClient(server.url);
    await c[login].login(login);
  }
  await addDemoWrittenExam(server, {
    id: EXAM,
    title: 'Files exam',
    settings: {
      liveProctoring: false,
      roomScanRequired: false,
      attachments: { maxFiles: 2, maxBytes: 1024 },
    },
  });
});
afterAll(() => server.close());

describe("the task's files", () => {
  const pdf = new TextEncoder().encode('%PDF-1.4 the task');
  let fileId: string;

  it('the examiner attaches a file; a proctor or a student may not', async () => {
    const added = await addTaskFile('examiner1', 'Тапсырма.pdf', pdf);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ name: 'Тапсырма.pdf', size: pdf.length, sha256: sha(pdf) });
    fileId = added.body.id;
    expect((await addTaskFile('proctor1', 'x.pdf', pdf)).status).toBe(403);
    expect((await addTaskFile('student1', 'x.pdf', pdf)).status).toBe(403);
    expect((await addTaskFile('examiner1', 'empty.pdf', new Uint8Array())).body.reason).toBe(
      'file-empty',
    );
    const listed = await c.proctor1!.call('listTaskFiles', { params: { examId: EXAM } });
    expect(listed.body.files.map((f: { name: string }) => f.name)).toEqual(['Тапсырма.pdf']);
  });

  it('a student sees and downloads it only once their work has started', async () => {
    const before = await c.student1!.call('listTaskFiles', { params: { examId: EXAM } });
    expect(before.status).toBe(409);
    expect(before.body.reason).toBe('task-not-started');
    const early = await c.student1!.raw('GET', `/api/exams/${EXAM}/task-files/${fileId}`);
    expect(early.status).toBe(409);
    const opened = await c.student1!.call('mySession', { params: { examId: EXAM } });
    expect(opened.body.taskFiles).toEqual([]);

    const { sessionId } = await startWork('student1', 'Әлібекова Аружан Қайратқызы');
    const view = await c.student1!.call('getSession', { params: { sessionId } });
    expect(view.body.taskFiles.map((f: { id: string }) => f.id)).toEqual([fileId]);
    const res = await fetch(`${server.url}/api/exams/${EXAM}/task-files/${fileId}`, {
      headers: { cookie: c.student1!.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
  });

  it('the examiner removes it', async () => {
    expect(
      (await c.proctor1!.call('removeTaskFile', { params: { examId: EXAM, fileId } })).status,
    ).toBe(403);
    const removed = await c.examiner1!.call('removeTaskFile', { params: { examId: EXAM, fileId } });
    expect(removed.status).toBe(200);
    const listed = await c.examiner1!.call('listTaskFiles', { params: { examId: EXAM } });
    expect(listed.body.files).toEqual([]);
  });
});

describe('attachments to the answer', () => {
  it('are kept within the exam’s limits; one is taken back before submitting, audited; none after', async () => {
    const { sessionId, command } = await startWork('student2', 'Нұрланов Дәулет Серікұлы');
    const txt = (s: string) => new TextEncoder().encode(s);
    const big = await attach('student2', sessionId, 'big.txt', new Uint8Array(2048), 'text/plain');
    expect(big.status).toBe(413);
    const a = await attach('student2', sessionId, 'a.txt', txt('first'), 'text/plain');
    const b = await attach('student2', sessionId, 'b.txt', txt('second'), 'text/plain');
    expect([a.status, b.status]).toEqual([200, 200]);
    const third = await attach('student2', sessionId, 'c.txt', txt('third'), 'text/plain');
    expect(third.body.reason).toBe('too-many-files');

    const remove = (who: string, fileId: string) =>
      c[who]!.call('removeSessionFile', { params: { sessionId, fileId } });
    expect((await remove('student1', a.body.id)).status).toBe(404);
    expect((await remove('proctor1', a.body.id)).status).toBe(403);
    const view0 = await c.student2!.call('getSession', { params: { sessionId } });
    const idPhoto = view0.body.files.find((f: { kind: string }) => f.kind === 'id-document');
    expect((await remove('student2', idPhoto.id)).body.reason).toBe('file-not-removable');

    const removed = await remove('student2', a.body.id);
    expect(removed.status).toBe(200);
    expect(removed.body.files.map((f: { name: string }) => f.name)).not.toContain('a.txt');
    expect((await remove('student2', a.body.id)).status).toBe(404);
    // A place is free again.
    expect((await attach('student2', sessionId, 'c.txt', txt('third'), 'text/plain')).status).toBe(
      200,
    );

    const body = '<p>Жауап</p>';
    await c.student2!.call('saveAnswer', {
      params: { sessionId },
      body: { seq: 1, body, sha256: sha(body) },
    });
    expect((await command({ type: 'submit', answerSha256: sha(body) })).body.state.status).toBe(
      'submitted',
    );
    const late = await remove('student2', b.body.id);
    expect(late.status).toBe(409);
    expect(late.body.reason).toBe('not-allowed-in-state');
    const after = await c.student2!.call('getSession', { params: { sessionId } });
    expect(
      after.body.files
        .filter((f: { kind: string }) => f.kind === 'attachment')
        .map((f: { name: string }) => f.name),
    ).toEqual(['b.txt', 'c.txt']);

    const { db } = openDatabase({ dataDir: server.dataDir });
    try {
      const chain = await new SessionRepo(db).auditChain(sessionId);
      expect(verifyAuditChain(chain)).toEqual({ ok: true });
      expect(chain.filter((e) => e.type === 'evidence-removed')).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ role: 'student' }),
          payload: expect.objectContaining({ name: 'a.txt', sha256: sha('first') }),
        }),
      ]);
    } finally {
      await db.destroy();
    }
  });
});
