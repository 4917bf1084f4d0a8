// Two server nodes on one database, joined by Redis (REDIS_URL): a flag raised through node A
// reaches a proctor connected to node B.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestClient } from '../client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from '../harness.ts';
import { connect, liveSitting } from './live-sitting.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const examId = 'two-nodes';
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  a = await startTestServer({ env: { REDIS_URL } });
  b = await startTestServer({ dataDir: a.dataDir, demo: false, env: { REDIS_URL } });
  await addDemoWrittenExam(a, {
    id: examId,
    title: 'Two nodes',
    settings: { liveProctoring: false },
  });
});
afterAll(async () => {
  await b.close({ keepData: true });
  await a.close();
});

it('a flag raised through node A reaches the proctor on node B', async () => {
  const { client: student, sessionId } = await liveSitting(a, 'student3', examId);
  const proctor = new TestClient(b.url);
  await proctor.login('proctor1');
  const staff = await connect(b.url, proctor);
  expect(await staff.emitWithAck('msg', { type: 'watch-exam', examId })).toEqual({ ok: true });
  const flagged = new Promise<any>((resolve) =>
    staff.on('msg', (m) => m.type === 'flag' && resolve(m)),
  );
  const socket = await connect(a.url, student);
  const ack = await socket.emitWithAck('msg', {
    type: 'signals',
    sessionId,
    seq: 0,
    signals: [{ kind: 'context-menu', at: Date.now() }],
  });
  expect(ack).toMatchObject({ ok: true });
  expect(await flagged).toMatchObject({
    change: 'raised',
    flag: { sessionId, category: 'context_menu' },
  });
  socket.close();
  staff.close();
});
