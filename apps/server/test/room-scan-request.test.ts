// A room scan on the proctor's request (seed: "if asked, show the desk and the room"): the
// proctor asks a student at work, the sitting records the request, the student's scan clears it,
// and both are in the sitting's audit chain.
import { createHash } from 'node:crypto';
import { verifyAuditChain } from '@emtihan/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { SessionRepo } from '../src/repositories/session.repo.ts';
import { checkInWithPhotos } from './check-in.ts';
import { TestClient } from './client.ts';
import { addProctor } from './live-world.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from './harness.ts';
import { tinyPicture } from './pictures.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const JPEG = await tinyPicture(1);
const FACE = await tinyPicture(2);
/** Not a real video: the server keeps the bytes and their hash, it does not decode them. */
const SCAN = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 7, 7, 7, 7]);

let server: TestServer;
let proctor: TestClient;
const sittings: Record<string, { client: TestClient; sessionId: string }> = {};

const command = (client: TestClient, sessionId: string, body: object) =>
  client.call('sessionCommand', { params: { sessionId }, body });
const view = (sessionId: string) => proctor.call('getSession', { params: { sessionId } });

async function uploadScan(who: { client: TestClient; sessionId: string }, bytes = SCAN) {
  const r = await fetch(
    `${server.url}/api/sessions/${who.sessionId}/files?kind=room-scan&name=room-scan.webm`,
    {
      method: 'POST',
      headers: {
        'content-type': 'video/webm',
        cookie: who.client.cookie,
        'x-csrf-token': who.client.csrf,
      },
      body: bytes,
    },
  );
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

async function chainOf(sessionId: string) {
  const { db } = openDatabase({ dataDir: server.dataDir });
  try {
    return await new SessionRepo(db).auditChain(sessionId);
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  server = await startTestServer();
  proctor = new TestClient(server.url);
  await proctor.login('proctor1');
  await addDemoWrittenExam(server, {
    id: 'scan-on-request',
    title: 'Room scan on request',
    settings: { liveProctoring: true, roomScanRequired: false, roomScanOnRequest: true },
  });
  await addDemoWrittenExam(server, {
    id: 'scan-never',
    title: 'No room scan on request',
    settings: { liveProctoring: true, roomScanRequired: false, roomScanOnRequest: false },
  });
  for (const [login, examId] of [
    ['student1', 'scan-on-request'],
    ['student2', 'scan-never'],
  ] as const) {
    const s = await checkInWithPhotos(server.url, examId, login, { id: JPEG, face: FACE }, false);
    const approved = await command(proctor, s.sessionId, { type: 'approve-identity' });
    expect(approved.body.state?.status).toBe('in_progress');
    sittings[login] = s;
  }
});
afterAll(() => server.close());

describe('a room scan on the proctor’s request', () => {
  it('a scan nobody asked for is refused at work', async () => {
    const r = await uploadScan(sittings.student1!);
    expect(r.status).toBe(409);
    expect(r.body.reason).toBe('room-scan-not-requested');
    expect((await view(sittings.student1!.sessionId)).body.files).toHaveLength(2);
  });

  it('the student cannot ask for one', async () => {
    const { client, sessionId } = sittings.student1!;
    const r = await command(client, sessionId, { type: 'request-room-scan' });
    expect(r.status).toBe(403);
    expect((await view(sessionId)).body.state.roomScanRequestedAt ?? null).toBeNull();
  });

  it('the proctor asks; the sitting shows the request and the clock runs on', async () => {
    const { sessionId } = sittings.student1!;
    const before = (await view(sessionId)).body.state;
    const r = await command(proctor, sessionId, { type: 'request-room-scan' });
    expect(r.status).toBe(200);
    expect(r.body.state.status).toBe('in_progress');
    expect(typeof r.body.state.roomScanRequestedAt).toBe('number');
    expect(r.body.state.deadline).toBe(before.deadline);
    const again = await command(proctor, sessionId, { type: 'request-room-scan' });
    expect(again.body.reason).toBe('room-scan-already-requested');
  });

  it('the student’s scan arrives and clears the request; both are in the audit chain', async () => {
    const who = sittings.student1!;
    const r = await uploadScan(who);
    expect(r.status).toBe(200);
    expect(r.body.sha256).toBe(sha(SCAN));
    const after = (await view(who.sessionId)).body;
    expect(after.state.roomScanRequestedAt).toBeNull();
    expect(after.state.status).toBe('in_progress');
    expect(after.files.filter((f: { kind: string }) => f.kind === 'room-scan')).toHaveLength(1);
    const chain = await chainOf(who.sessionId);
    expect(verifyAuditChain(chain)).toEqual({ ok: true });
    const asked = chain.find((e) => e.type === 'written.request-room-scan');
    const recorded = chain.find((e) => e.type === 'written.record-room-scan');
    expect(asked?.actor).toMatchObject({ role: 'proctor' });
    expect(recorded?.payload).toMatchObject({ roomScanHash: sha(SCAN) });
    expect(
      chain.some(
        (e) =>
          e.type === 'evidence-added' && (e.payload as { sha256?: string }).sha256 === sha(SCAN),
      ),
    ).toBe(true);
    // Met: another scan is not taken until the proctor asks again.
    expect((await uploadScan(who)).body.reason).toBe('room-scan-not-requested');
  });

  it('a proctor of an exam without room scans on request is refused and nothing changes', async () => {
    const { sessionId } = sittings.student2!;
    const before = await chainOf(sessionId);
    const r = await command(proctor, sessionId, { type: 'request-room-scan' });
    expect(r.status).toBe(409);
    expect(r.body.reason).toBe('room-scan-not-allowed');
    expect((await view(sessionId)).body.state.roomScanRequestedAt ?? null).toBeNull();
    expect(await chainOf(sessionId)).toHaveLength(before.length);
  });

  it('another proctor of the course, not the sitting’s own, is refused and nothing changes', async () => {
    // Added after the sittings were assigned to proctor1.
    const other = await addProctor(server.url, 'proctor2', 'Омарова Дана Ерланқызы');
    const { sessionId } = sittings.student1!;
    const before = await chainOf(sessionId);
    const r = await command(other.client, sessionId, { type: 'request-room-scan' });
    expect(r.status).toBe(403);
    expect((await view(sessionId)).body.state.roomScanRequestedAt).toBeNull();
    expect(await chainOf(sessionId)).toHaveLength(before.length);
  });
});
