// Signal batches over the real server's socket: schema and authorization refusals that store
// nothing, a duplicate stored once, and the flag on the staff socket and in the roster at once.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { SignalRepo } from '../../src/repositories/signal.repo.ts';
import { TestClient } from '../client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from '../harness.ts';
import { connect, liveSitting } from './live-sitting.ts';

let server: TestServer;
const examId = 'signals-socket';
let sessionId: string;
let student: TestClient;
let other: TestClient;
let proctor: TestClient;

async function storedSignals(): Promise<number> {
  const { db } = openDatabase({ dataDir: server.dataDir });
  try {
    return await new SignalRepo(db).countSignals(sessionId);
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  server = await startTestServer();
  await addDemoWrittenExam(server, {
    id: examId,
    title: 'Signals',
    settings: { liveProctoring: false },
  });
  ({ client: student, sessionId } = await liveSitting(server, 'student1', examId));
  ({ client: other } = await liveSitting(server, 'student2', examId));
  proctor = new TestClient(server.url);
  await proctor.login('proctor1');
});
afterAll(() => server.close());

describe('signal batches over the socket', () => {
  it('a malformed batch is refused with the reason, and nothing of it is stored', async () => {
    const socket = await connect(server.url, student);
    const ack = await socket.emitWithAck('msg', {
      type: 'signals',
      sessionId,
      seq: 0,
      signals: [
        { kind: 'context-menu', at: Date.now() },
        { kind: 'face-count', at: Date.now(), count: -3 },
      ],
    });
    expect(ack).toMatchObject({ ok: false, reason: 'invalid-message' });
    expect(ack.message).toContain('signals.1.count');
    const unknownKind = await socket.emitWithAck('msg', {
      type: 'signals',
      sessionId,
      seq: 0,
      signals: [{ kind: 'mind-reading', at: Date.now() }],
    });
    expect(unknownKind).toMatchObject({ ok: false, reason: 'invalid-message' });
    expect(await storedSignals()).toBe(0);
    socket.close();
  });

  it('a student cannot send signals into another student’s session', async () => {
    const socket = await connect(server.url, other);
    const ack = await socket.emitWithAck('msg', {
      type: 'signals',
      sessionId,
      seq: 0,
      signals: [{ kind: 'visibility', at: Date.now(), visible: false }],
    });
    expect(ack).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await storedSignals()).toBe(0);
    socket.close();
  });

  it('a flag reaches the staff socket at once and the roster; a resent batch is stored once', async () => {
    const staff = await connect(server.url, proctor);
    expect(await staff.emitWithAck('msg', { type: 'watch-exam', examId })).toEqual({ ok: true });
    const flagged = new Promise<any>((resolve) =>
      staff.on('msg', (m) => m.type === 'flag' && resolve(m)),
    );
    const socket = await connect(server.url, student);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    const batch = {
      type: 'signals',
      sessionId,
      seq: 0,
      signals: [
        { kind: 'face-count', at: Date.now(), count: 1 },
        { kind: 'clipboard', at: Date.now(), action: 'paste' },
      ],
      evidence: { index: 1, jpeg },
    };
    expect(await socket.emitWithAck('msg', batch)).toEqual({ ok: true, seq: 0, duplicate: false });
    expect(await socket.emitWithAck('msg', batch)).toEqual({ ok: true, seq: 0, duplicate: true });
    expect(await storedSignals()).toBe(2);
    const message = await flagged;
    expect(message).toMatchObject({
      type: 'flag',
      examId,
      change: 'raised',
      flag: { sessionId, category: 'copy_paste', severity: 'minor' },
    });
    // The evidence is a session file the proctor can open.
    const evidence = await fetch(
      `${server.url}/api/sessions/${sessionId}/files/${message.flag.evidenceFileId}`,
      { headers: { cookie: proctor.cookie } },
    );
    expect(new Uint8Array(await evidence.arrayBuffer())).toEqual(new Uint8Array(jpeg));

    const roster = await proctor.call('examRoster', { params: { examId } });
    const entry = roster.body.entries.find((e: { sessionId: string }) => e.sessionId === sessionId);
    expect(entry.flags).toMatchObject([{ category: 'copy_paste', severity: 'minor' }]);
    // A student watching their own session hears nothing of flags.
    socket.close();
    staff.close();
  });

  it('a student cannot watch the exam’s staff room', async () => {
    const socket = io(server.url, {
      extraHeaders: { cookie: student.cookie },
      transports: ['websocket'],
    });
    await new Promise((resolve) => socket.once('msg', resolve));
    expect(await socket.emitWithAck('msg', { type: 'watch-exam', examId })).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    socket.close();
  });
});
