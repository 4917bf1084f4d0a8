// The examiner grades a sitting and the score reaches Moodle's grade column through the outbox
// job: the right URL (/scores before ?type_id=), headers and body; a Moodle that keeps failing is
// retried, then recorded as failed with its answer, visible to the examiner, and sent again on
// request; an annulled sitting gets the zero with a comment its exam's policy asks for.
import { verifyAuditChain } from '@emtihan/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { SessionRepo } from '../../src/repositories/session.repo.ts';
import { TestClient } from '../client.ts';
import { ROLE } from './fake-moodle.ts';
import { launchedClient, sitAndSubmit, startLtiWorld, type LtiWorld } from './lti-world.ts';

let w: LtiWorld;
let examiner: TestClient;
let student: TestClient;
let sessionId: string;

const grading = async () =>
  (await examiner.call('examGrading', { params: { examId: w.examId } })).body;
const entryOf = async (sid: string) =>
  (await grading()).entries.find((e: { sessionId: string }) => e.sessionId === sid);

beforeAll(async () => {
  w = await startLtiWorld({ LTI_GRADE_RETRY_BASE_MS: '40' });
  w.moodle.addUser({
    id: '103',
    name: 'Жұмабек Арман',
    given: 'Арман',
    family: 'Жұмабек',
    email: 'arman@example.kz',
    roles: [ROLE.learner],
    locale: 'ru',
  });
  student = await launchedClient(w, { user: '101', custom: { exam_id: w.examId } });
  sessionId = await sitAndSubmit(w, student, w.examId);
  examiner = new TestClient(w.server.url);
  await examiner.login('examiner1');
});
afterAll(() => w.close());

describe('grading a sitting and returning the grade to Moodle', () => {
  it('refuses a score above the maximum or a grade by the student, and changes nothing', async () => {
    const over = await examiner.call('gradeSitting', {
      params: { sessionId },
      body: { score: 101 },
    });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ reason: 'score-out-of-range' });
    expect(over.body.message).toMatch(/between 0 and 100/);
    const self = await student.call('gradeSitting', {
      params: { sessionId },
      body: { score: 100 },
    });
    expect(self.status).toBe(404);
    const e = await entryOf(sessionId);
    expect(e).toMatchObject({ status: 'submitted', grade: null, lms: null });
    expect(w.moodle.scoreRequests).toEqual([]);
  });

  it('accepts the submitted sitting with 87 points (B+), and Moodle receives the score', async () => {
    const r = await examiner.call('gradeSitting', {
      params: { sessionId },
      body: { score: 87, comment: 'Жақсы жұмыс' },
    });
    expect(r.status).toBe(200);
    expect(r.body.grade).toMatchObject({
      outcome: 'graded',
      score: 87,
      maxScore: 100,
      grade: 'B+',
      passed: true,
    });
    expect(r.body.lms).toEqual([expect.objectContaining({ status: 'pending', scoreGiven: 87 })]);
    await expect
      .poll(async () => (await entryOf(sessionId)).lms?.status, { timeout: 10_000 })
      .toBe('sent');
    const e = await entryOf(sessionId);
    expect(e).toMatchObject({ status: 'accepted', grade: { score: 87, grade: 'B+' } });
    expect(e.lms).toMatchObject({
      httpStatus: 200,
      attempts: 1,
      error: null,
      comment: 'Жақсы жұмыс',
    });
    expect(w.moodle.scoreRequests).toEqual([
      {
        path: `/mod/lti/services.php/${w.moodle.contextId}/lineitems/5/lineitem/scores?type_id=1`,
        contentType: 'application/vnd.ims.lis.v1.score+json',
        bearer: true,
      },
    ]);
    expect(w.moodle.scores.at(-1)!.body).toEqual({
      userId: '101',
      scoreGiven: 87,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: e.grade.gradedAt,
      comment: 'Жақсы жұмыс',
    });
    // The sitting's audit chain records the review, the acceptance and the grade, unbroken.
    const { db } = openDatabase({ dataDir: w.server.dataDir });
    try {
      const chain = await new SessionRepo(db).auditChain(sessionId);
      expect(chain.slice(-3).map((a) => a.type)).toEqual([
        'written.begin-review',
        'written.accept',
        'grading.graded',
      ]);
      expect(chain.at(-1)).toMatchObject({ payload: { score: 87, grade: 'B+' } });
      expect(verifyAuditChain(chain).ok).toBe(true);
    } finally {
      await db.destroy();
    }
  });

  it('retries a correction while Moodle fails, then records the failure with its answer; "send again" delivers it', async () => {
    w.moodle.failNextScores = 100;
    const r = await examiner.call('gradeSitting', { params: { sessionId }, body: { score: 90 } });
    expect(r.body.grade).toMatchObject({ score: 90, grade: 'A−' });
    await expect
      .poll(async () => (await entryOf(sessionId)).lms?.status, { timeout: 20_000 })
      .toBe('failed');
    const failed = (await entryOf(sessionId)).lms;
    expect(failed).toMatchObject({ scoreGiven: 90, attempts: 6, httpStatus: 503 });
    expect(failed.error).toMatch(/503.*busy/);
    expect(w.moodle.scores.map((s) => s.body.scoreGiven)).toEqual([87]);

    w.moodle.failNextScores = 0;
    const again = await examiner.call('retryGradeSend', { params: { sendId: failed.id } });
    expect(again.status).toBe(200);
    await expect
      .poll(async () => (await entryOf(sessionId)).lms?.status, { timeout: 10_000 })
      .toBe('sent');
    expect(w.moodle.scores.map((s) => s.body.scoreGiven)).toEqual([87, 90]);
    // Only a failed send can be sent again; nobody outside the exam's staff sees it.
    expect((await examiner.call('retryGradeSend', { params: { sendId: failed.id } })).status).toBe(
      409,
    );
    expect((await student.call('retryGradeSend', { params: { sendId: failed.id } })).status).toBe(
      404,
    );
  });

  it('an annulled sitting is graded zero with the reason, and Moodle gets the zero', async () => {
    const other = await launchedClient(w, { user: '103', custom: { exam_id: w.examId } });
    const sid = await sitAndSubmit(w, other, w.examId);
    const annul = await examiner.call('sessionCommand', {
      params: { sessionId: sid },
      body: { type: 'annul', reason: 'Телефонмен сөйлесті' },
    });
    expect(annul.body.state.status).toBe('annulled');
    await expect
      .poll(async () => (await entryOf(sid)).lms?.status, { timeout: 10_000 })
      .toBe('sent');
    expect((await entryOf(sid)).grade).toMatchObject({ outcome: 'annulled', score: 0, grade: 'F' });
    expect(w.moodle.scores.at(-1)!.body).toMatchObject({
      userId: '103',
      scoreGiven: 0,
      gradingProgress: 'FullyGraded',
      comment: 'Аннулировано: Телефонмен сөйлесті',
    });
  });

  it('the policy sets the maximum the score is checked against and sent with', async () => {
    const p = await examiner.call('updateGradingPolicy', {
      params: { examId: w.examId },
      body: { maxScore: 50, scale: 'five-point', annulledScoresZero: false },
    });
    expect(p.status).toBe(200);
    const bad = await examiner.call('gradeSitting', { params: { sessionId }, body: { score: 60 } });
    expect(bad.body).toMatchObject({ reason: 'score-out-of-range' });
    const r = await examiner.call('gradeSitting', { params: { sessionId }, body: { score: 40 } });
    expect(r.body.grade).toMatchObject({ score: 40, maxScore: 50, percent: 80, grade: '4' });
    await expect.poll(() => w.moodle.scores.length, { timeout: 10_000 }).toBe(4);
    expect(w.moodle.scores.at(-1)!.body).toMatchObject({ scoreGiven: 40, scoreMaximum: 50 });
    expect(
      (
        await student.call('updateGradingPolicy', {
          params: { examId: w.examId },
          body: { maxScore: 5, scale: 'five-point', annulledScoresZero: true },
        })
      ).status,
    ).toBe(404);
  });
});
