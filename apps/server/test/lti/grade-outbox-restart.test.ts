// The grade outbox lives in the database: a grade Moodle could not take yet is still sent after
// the server restarts (a crash or a redeploy in between).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestClient } from '../client.ts';
import { startTestServer } from '../harness.ts';
import { launchedClient, sitAndSubmit, startLtiWorld, type LtiWorld } from './lti-world.ts';

let w: LtiWorld;
beforeAll(async () => {
  // Long waits between attempts: the retry is due only after the restart.
  w = await startLtiWorld({ LTI_GRADE_RETRY_BASE_MS: '1500' });
});
afterAll(() => w.close());

it('a pending grade survives a restart and reaches Moodle afterwards', async () => {
  const student = await launchedClient(w, { user: '101', custom: { exam_id: w.examId } });
  const sessionId = await sitAndSubmit(w, student, w.examId);
  const examiner = new TestClient(w.server.url);
  await examiner.login('examiner1');
  w.moodle.failNextScores = 1;
  const r = await examiner.call('gradeSitting', { params: { sessionId }, body: { score: 77 } });
  expect(r.status).toBe(200);
  const pending = async (c: TestClient) =>
    (await c.call('examGrading', { params: { examId: w.examId } })).body.entries.find(
      (e: { sessionId: string }) => e.sessionId === sessionId,
    ).lms;
  // The first attempt was refused (503): pending, to be tried again later.
  await expect.poll(async () => (await pending(examiner)).attempts, { timeout: 10_000 }).toBe(1);
  expect((await pending(examiner)).status).toBe('pending');

  // The process goes away and comes back on the same data and address.
  const { dataDir, port } = w.server;
  await w.server.close({ keepData: true });
  w.server = await startTestServer({
    dataDir,
    port,
    env: { PORT: String(port), PUBLIC_URL: w.publicUrl, LTI_GRADE_RETRY_BASE_MS: '1500' },
  });
  const again = new TestClient(w.server.url);
  // The first request may meet a pooled keep-alive connection of the old process: once more.
  await again.login('examiner1').catch(() => again.login('examiner1'));
  await expect.poll(async () => (await pending(again)).status, { timeout: 15_000 }).toBe('sent');
  expect(await pending(again)).toMatchObject({ attempts: 2, httpStatus: 200, scoreGiven: 77 });
  expect(w.moodle.scores.map((s) => s.body.scoreGiven)).toEqual([77]);
});
