// The deep-linking page's API (ADR 0017) through the fake Moodle: the instructor's launch lands
// on the web app's page, which reads the course, its exams and the presets by the pick token, and
// creates an exam with the examiner's full form (the same checks) or picks one; the LMS receives
// the signed answer from our one-time return page.
import { DEFAULT_RULE_SET, ExamSettings, type ExamDraftInput } from '@emtihan/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../client.ts';
import {
  beginLogin,
  launchedClient,
  postLaunch,
  startLtiWorld,
  type LtiWorld,
} from './lti-world.ts';

let w: LtiWorld;
beforeAll(async () => {
  w = await startLtiWorld();
  // A student's launch of the demo exam links the LMS context to the demo course.
  await launchedClient(w, { user: '101', custom: { exam_id: w.examId } });
});
afterAll(() => w.close());

/** The instructor's deep-linking launch; returns the page's path and its pick token. */
async function deepLinkLaunch(user = '201') {
  const spec = { user, messageType: 'LtiDeepLinkingRequest' as const };
  const { state, nonce } = await beginLogin(w, spec);
  const r = await postLaunch(
    w,
    { id_token: await w.moodle.sign(w.moodle.claims(spec, nonce)), state },
    {},
    '/lti/deep-link',
  );
  expect(r.status).toBe(303);
  expect(r.location).toMatch(/^\/lms\/deep-link\/[\w-]+$/);
  return { path: r.location!, pickId: r.location!.split('/').at(-1)! };
}

/** What the page does last: opens our return page, which posts the answer to Moodle. */
async function carryBack(next: string) {
  const page = await fetch(`${w.publicUrl}${next}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  // The browser maps moodle.test to this machine (see launch.browser.test.ts); fetch cannot.
  const action = /action="([^"]+)"/
    .exec(html)![1]!
    .replace(/&amp;/g, '&')
    .replace('moodle.test', '127.0.0.1');
  const jwt = /name="JWT" value="([^"]+)"/.exec(html)![1]!;
  const back = await fetch(action, { method: 'POST', body: new URLSearchParams({ JWT: jwt }) });
  expect(back.status).toBe(200);
  return { again: await fetch(`${w.publicUrl}${next}`) };
}

const anonymous = () => new TestClient(w.server.url);

describe('the deep-linking page', () => {
  it('reads the course, its exams and the presets by the pick token alone', async () => {
    const { pickId } = await deepLinkLaunch();
    const r = await anonymous().call('ltiDeepLink', { params: { pickId } });
    expect(r.status).toBe(200);
    expect(r.body.language).toBe('ru');
    expect(r.body.exams.map((e: { id: string }) => e.id)).toContain(w.examId);
    expect(r.body.timeZone).toBe('Asia/Almaty');
    const wrong = await anonymous().call('ltiDeepLink', { params: { pickId: 'x'.repeat(32) } });
    expect(wrong.status).toBe(404);
  });

  it('creates an exam with the full form: refused by field first, then published in the course', async () => {
    const { pickId } = await deepLinkLaunch();
    const view = (await anonymous().call('ltiDeepLink', { params: { pickId } })).body;
    const draft: ExamDraftInput = {
      courseId: 'ignored: the context decides',
      kind: 'written',
      title: 'Алгебра: рубежный контроль',
      instructions: '',
      task: '<p>Решите уравнения.</p>',
      opensAt: '2027-03-01T05:00:00.000Z',
      closesAt: '2027-03-01T04:00:00.000Z',
      durationMinutes: 90,
      checkInLeadMinutes: 15,
      ruleSet: DEFAULT_RULE_SET,
      settings: ExamSettings.parse({ liveProctoring: false, sensitivity: 'lenient' }),
      proctoring: { proctorIds: [], maxSittingsEach: null },
      presetId: null,
    };
    const bad = await anonymous().call('ltiDeepLinkCreate', {
      params: { pickId },
      body: { draft, maxScore: 50 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: 'closesAt', message: 'end-before-start' }]);
    expect(w.moodle.activities).toHaveLength(0);

    const made = await anonymous().call('ltiDeepLinkCreate', {
      params: { pickId },
      body: { draft: { ...draft, closesAt: '2027-03-01T08:00:00.000Z' }, maxScore: 50 },
    });
    expect(made.status).toBe(200);
    const { again } = await carryBack(made.body.next);
    expect(again.status).toBe(400); // the return page is single-use
    const created = w.moodle.activities.at(-1)!;
    expect(created).toMatchObject({
      title: 'Алгебра: рубежный контроль',
      lineItem: expect.objectContaining({ scoreMaximum: 50 }),
    });
    const exam = (await w.admin.call('getExam', { params: { examId: created.custom.exam_id! } }))
      .body;
    expect(exam.exam).toMatchObject({
      status: 'published',
      courseId: view.course.id,
      opensAt: '2027-03-01T05:00:00.000Z',
      durationMinutes: 90,
      settings: expect.objectContaining({ liveProctoring: false, sensitivity: 'lenient' }),
    });
    // The pick is spent.
    expect((await anonymous().call('ltiDeepLink', { params: { pickId } })).status).toBe(404);
  });

  it('creates an oral exam whose day is planned in Emtihan afterwards', async () => {
    const { pickId } = await deepLinkLaunch();
    const r = await anonymous().call('ltiDeepLinkCreate', {
      params: { pickId },
      body: {
        draft: {
          courseId: 'x',
          kind: 'oral',
          title: 'Устный экзамен',
          instructions: '<p>Билет из двух вопросов.</p>',
          task: '',
          opensAt: '2027-03-02T04:00:00.000Z',
          closesAt: '2027-03-02T12:00:00.000Z',
          durationMinutes: 20,
          checkInLeadMinutes: 20,
          ruleSet: DEFAULT_RULE_SET,
          settings: ExamSettings.parse({ liveProctoring: false }),
          proctoring: { proctorIds: [], maxSittingsEach: null },
          presetId: null,
        },
        maxScore: 100,
      },
    });
    expect(r.status).toBe(200);
  });

  it('picks an exam of the course', async () => {
    const { pickId } = await deepLinkLaunch();
    const other = await anonymous().call('ltiDeepLinkPick', {
      params: { pickId },
      body: { examId: 'not-in-course' },
    });
    expect(other.status).toBe(404);
    const r = await anonymous().call('ltiDeepLinkPick', {
      params: { pickId },
      body: { examId: w.examId },
    });
    expect(r.status).toBe(200);
    await carryBack(r.body.next);
    expect(w.moodle.activities.at(-1)).toMatchObject({ custom: { exam_id: w.examId } });
  });
});
