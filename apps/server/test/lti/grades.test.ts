// AGS grade return against the fake Moodle: token by client credentials with a signed JWT,
// scores to `<lineitem>/scores?type_id=…`, 409 for an older timestamp, retries with back-off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LtiGradeService } from '../../src/lti/lti-grade.service.ts';
import { LtiKeyService } from '../../src/lti/lti-keys.service.ts';
import { CourseRepo } from '../../src/repositories/course.repo.ts';
import { ExamRepo } from '../../src/repositories/exam.repo.ts';
import { LtiGradeRepo } from '../../src/repositories/lti-grade.repo.ts';
import { LtiLinkRepo } from '../../src/repositories/lti-link.repo.ts';
import { LtiPlatformRepo } from '../../src/repositories/lti-platform.repo.ts';
import { systemClock } from '../../src/services/clock.ts';
import { TestClient } from '../client.ts';
import { beginLogin, postLaunch, startLtiWorld, type LtiWorld } from './lti-world.ts';

let w: LtiWorld;
let studentId: string;
const waits: number[] = [];
let grades: LtiGradeService;

beforeAll(async () => {
  w = await startLtiWorld();
  // The student launches once: that links the exam to Moodle's line item and the user to `sub`.
  const spec = { user: '101', custom: { exam_id: w.examId } };
  const { state, nonce } = await beginLogin(w, spec);
  const r = await postLaunch(w, {
    id_token: await w.moodle.sign(w.moodle.claims(spec, nonce)),
    state,
  });
  expect(r.status).toBe(303);
  studentId = (await w.db.selectFrom('lti_users').select('user_id').executeTakeFirstOrThrow())
    .user_id;
  const platforms = new LtiPlatformRepo(w.db);
  grades = new LtiGradeService({
    platforms,
    exams: new ExamRepo(w.db),
    courses: new CourseRepo(w.db),
    links: new LtiLinkRepo(w.db),
    grades: new LtiGradeRepo(w.db),
    keys: new LtiKeyService(platforms, systemClock, w.vault),
    clock: systemClock,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
});
afterAll(() => w.close());

describe('grade return to Moodle', () => {
  it('sends a fully graded score to the line item, with /scores before the ?type_id= query', async () => {
    const r = await grades.sendScore({
      examId: w.examId,
      userId: studentId,
      scoreGiven: 87,
      comment: 'Жақсы',
      timestamp: new Date('2026-11-26T10:00:00Z'),
    });
    expect(r.ok && r.value.map((s) => [s.status, s.httpStatus, s.attempts])).toEqual([
      ['sent', 200, 1],
    ]);
    expect(w.moodle.scores).toEqual([
      {
        lineItem: `/mod/lti/services.php/${w.moodle.contextId}/lineitems/5/lineitem/scores?type_id=1`,
        body: {
          userId: '101',
          scoreGiven: 87,
          scoreMaximum: 100,
          activityProgress: 'Completed',
          gradingProgress: 'FullyGraded',
          timestamp: '2026-11-26T10:00:00.000Z',
          comment: 'Жақсы',
        },
      },
    ]);
    expect(w.moodle.tokenRequests).toBe(1);
    const history = await grades.history(w.examId, studentId);
    expect(history.at(-1)).toMatchObject({
      status: 'sent',
      lineItemUrl: w.moodle.lineItemUrl(),
      score: expect.objectContaining({ scoreGiven: 87 }),
    });
  });

  it('understands a 409 for an older timestamp as already done, and Moodle keeps the newer grade', async () => {
    const r = await grades.sendScore({
      examId: w.examId,
      userId: studentId,
      scoreGiven: 10,
      timestamp: new Date('2026-11-26T09:00:00Z'),
    });
    expect(r.ok && r.value.map((s) => [s.status, s.httpStatus, s.attempts])).toEqual([
      ['superseded', 409, 1],
    ]);
    expect(w.moodle.scores.map((s) => s.body.scoreGiven)).toEqual([87]);
  });

  it('retries with growing waits when Moodle is briefly unavailable, reusing its access token', async () => {
    waits.length = 0;
    w.moodle.failNextScores = 2;
    const r = await grades.sendScore({
      examId: w.examId,
      userId: studentId,
      scoreGiven: 91,
      timestamp: new Date('2026-11-26T11:00:00Z'),
    });
    expect(r.ok && r.value.map((s) => [s.status, s.attempts])).toEqual([['sent', 3]]);
    expect(waits).toEqual([500, 1000]);
    expect(w.moodle.scores.map((s) => s.body.scoreGiven)).toEqual([87, 91]);
    expect(w.moodle.tokenRequests).toBe(1);
  });

  it('records a failure after the last attempt when Moodle stays down', async () => {
    waits.length = 0;
    w.moodle.failNextScores = 10;
    const r = await grades.sendScore({ examId: w.examId, userId: studentId, scoreGiven: 50 });
    w.moodle.failNextScores = 0;
    expect(r.ok && r.value.map((s) => [s.status, s.httpStatus, s.attempts])).toEqual([
      ['failed', 503, 4],
    ]);
    expect(waits).toEqual([500, 1000, 2000]);
    expect((await grades.history(w.examId, studentId)).map((s) => s.status)).toEqual([
      'sent',
      'superseded',
      'sent',
      'failed',
    ]);
  });

  it('refuses an exam that no LMS activity links to', async () => {
    const r = await grades.sendScore({ examId: 'unlinked', userId: studentId, scoreGiven: 1 });
    expect(r).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it("the exam's examiner sees what was sent and when; a student of the course gets a 404", async () => {
    const examiner = new TestClient(w.server.url);
    await examiner.login('examiner1');
    const r = await examiner.call('examGradeSends', { params: { examId: w.examId } });
    expect(r.status).toBe(200);
    expect(
      r.body.sends.map((s: { scoreGiven: number; status: string }) => [s.scoreGiven, s.status]),
    ).toEqual([
      [87, 'sent'],
      [10, 'superseded'],
      [91, 'sent'],
      [50, 'failed'],
    ]);
    expect(r.body.sends[0]).toMatchObject({ comment: 'Жақсы', httpStatus: 200, attempts: 1 });
    const student = new TestClient(w.server.url);
    await student.login('student1');
    expect((await student.call('examGradeSends', { params: { examId: w.examId } })).status).toBe(
      404,
    );
  });
});
