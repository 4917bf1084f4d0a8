// The server's own detectors (ADR 0009) through the real server, its worker thread and real
// pictures: the check-in photo compared with the ID photo for the proctor (never a decision),
// and a flag's evidence snapshot re-checked off the ingestion path, recorded beside the flag
// for the reviewer, which the client cannot take back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  idCard,
  personA,
  personB,
  portrait,
} from '../../../packages/detection/src/test-pictures.ts';
import { checkInWithPhotos } from './check-in.ts';
import { TestClient } from './client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from './harness.ts';
import { connect } from './signals/live-sitting.ts';

const examId = 'face-matching';
let server: TestServer;
let proctor: TestClient;

/** A demo student through check-in with these photos; ends awaiting the proctor. */
const checkIn = (login: string, photos: { id: Buffer; face: Buffer }, consent: boolean) =>
  checkInWithPhotos(server.url, examId, login, photos, consent);

const identityOf = async (sessionId: string) =>
  (await proctor.call('identityMatch', { params: { sessionId } })).body;

let genuine: { client: TestClient; sessionId: string };
let impostor: { sessionId: string };
let refused: { sessionId: string };

beforeAll(async () => {
  server = await startTestServer({ env: { SERVER_DETECTION: 'true' } });
  await addDemoWrittenExam(server, {
    id: examId,
    title: 'Face matching',
    settings: { liveProctoring: true, faceMatching: true },
  });
  proctor = new TestClient(server.url);
  await proctor.login('proctor1');
  const faceA = await portrait(personA, 640);
  genuine = await checkIn('student1', { id: await idCard(personA), face: faceA }, true);
  impostor = await checkIn('student2', { id: await idCard(personB), face: faceA }, true);
  refused = await checkIn('student3', { id: await idCard(personA), face: faceA }, false);
}, 120_000);
afterAll(() => server.close());

describe('the check-in photo against the ID photo, for the proctor', () => {
  it('is computed on the server: the same person matches, another does not', async () => {
    await server.detectionSettled();
    const same = await identityOf(genuine.sessionId);
    expect(same).toMatchObject({ status: 'computed', verdict: 'match', notes: [] });
    expect(same.similarity).toBeGreaterThanOrEqual(0.6);
    const other = await identityOf(impostor.sessionId);
    expect(other.status).toBe('computed');
    expect(other.similarity).toBeLessThan(0.6);
    expect(same.similarity - other.similarity).toBeGreaterThan(0.2);
  }, 120_000);

  it('is a help, not a decision: the mismatching student still waits for the proctor', async () => {
    const view = await proctor.call('getSession', { params: { sessionId: impostor.sessionId } });
    expect(view.body.state.status).toBe('awaiting_approval');
  });

  it('is not computed without the student’s consent, and says so', async () => {
    expect(await identityOf(refused.sessionId)).toEqual({
      status: 'not-computed',
      reason: 'no-consent',
    });
  });

  it('is for the staff only', async () => {
    const r = await genuine.client.call('identityMatch', {
      params: { sessionId: genuine.sessionId },
    });
    expect(r.status).toBe(404);
  });
});

describe('a flag’s evidence re-checked by the server', () => {
  it('records what the server saw beside the flag; the flag stays', async () => {
    const approved = await proctor.call('sessionCommand', {
      params: { sessionId: genuine.sessionId },
      body: { type: 'approve-identity' },
    });
    expect(approved.body.state?.status).toBe('in_progress');
    const staff = await connect(server.url, proctor);
    expect(await staff.emitWithAck('msg', { type: 'watch-exam', examId })).toEqual({ ok: true });
    const rechecked = new Promise<any>((resolve) =>
      staff.on(
        'msg',
        (m) => m.type === 'flag' && m.flag.serverCheck?.status === 'done' && resolve(m),
      ),
    );
    // The page claims a second face; its snapshot shows one, the checked-in student's.
    const socket = await connect(server.url, genuine.client);
    const now = Date.now();
    const jpeg = await portrait(personA, 320);
    const ack = await socket.emitWithAck('msg', {
      type: 'signals',
      sessionId: genuine.sessionId,
      seq: 0,
      signals: [
        { kind: 'face-count', at: now - 4_000, count: 2 },
        { kind: 'face-count', at: now - 1_000, count: 1 },
      ],
      evidence: { index: 0, jpeg },
    });
    expect(ack).toEqual({ ok: true, seq: 0, duplicate: false });
    const message = await rechecked;
    expect(message.flag.serverCheck).toMatchObject({ status: 'done', faces: 1, objects: [] });
    expect(message.flag.serverCheck.similarity).toBeGreaterThanOrEqual(0.6);
    // The reviewer reads it in the report; the flags raised on the page's word all stay.
    const report = await proctor.call('sessionReport', {
      params: { sessionId: genuine.sessionId },
    });
    const flags = report.body.flags as { category: string; serverCheck: unknown }[];
    expect(flags.map((f) => f.category)).toEqual(['third_person']);
    for (const f of flags) expect(f.serverCheck).toMatchObject({ status: 'done', faces: 1 });
    socket.close();
    staff.close();
  }, 120_000);
});
