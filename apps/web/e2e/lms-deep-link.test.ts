// The LMS's deep-linking page in the browser (ADR 0017): an instructor adding an activity in the
// fake Moodle lands on the web app's page without logging in, creates an exam with the
// examiner's form, and Moodle receives the activity and its grade column.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  beginLogin,
  launchedClient,
  postLaunch,
  startLtiWorld,
  type LtiWorld,
} from '../../server/test/lti/lti-world.ts';
import { EmtihanPage, launchChromium } from './emtihan.page.ts';

let w: LtiWorld;
let browser: Browser;
const SHOTS = process.env.SHOTS_DIR;

beforeAll(async () => {
  [w, browser] = await Promise.all([
    startLtiWorld({ FRAME_ANCESTORS: "'self' http://moodle.test:*" }),
    // Our return page posts the answer to Moodle's address.
    launchChromium(['--host-resolver-rules=MAP moodle.test 127.0.0.1']),
  ]);
  // A student's launch links the Moodle course to the demo course.
  await launchedClient(w, { user: '101', custom: { exam_id: w.examId } });
});

afterAll(async () => {
  await browser?.close();
  await w?.close();
});

/** The instructor's deep-linking launch, as Moodle posts it: the page's path. */
async function deepLinkPath(): Promise<string> {
  const spec = { user: '201', messageType: 'LtiDeepLinkingRequest' as const };
  const { state, nonce } = await beginLogin(w, spec);
  const r = await postLaunch(
    w,
    { id_token: await w.moodle.sign(w.moodle.claims(spec, nonce)), state },
    {},
    '/lti/deep-link',
  );
  expect(r.status).toBe(303);
  return r.location!;
}

describe('the LMS deep-linking page', () => {
  it('an instructor creates an exam with the form, without logging in, and Moodle gets the activity with its maximum score', async () => {
    const app = await EmtihanPage.open(browser, w.publicUrl, await deepLinkPath());
    const { page } = app;
    try {
      // The page speaks the LMS's language (the instructor's Moodle is in Russian) until changed.
      await page.getByRole('tab', { name: 'Создать экзамен' }).waitFor();
      await app.chooseLanguage('en');
      await page
        .getByRole('heading', { level: 1, name: /^Add an exam to the LMS course: / })
        .waitFor();
      // The course's exams can be chosen as they are.
      await page
        .getByRole('button', { name: /^Choose “/ })
        .first()
        .waitFor();
      await page.getByRole('tab', { name: 'Create a new exam' }).click();

      await page.getByRole('textbox', { name: 'Title' }).fill('Algebra: midterm');
      await page.getByRole('textbox', { name: 'Task' }).click();
      await page.keyboard.type('Solve the five problems.');
      await page.getByRole('tab', { name: 'Proctoring' }).click();
      await page.getByRole('radio', { name: /^Recorded only/ }).click();
      await page.getByRole('textbox', { name: 'Maximum score' }).fill('50');
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/lms-deep-link-en.png` });
      const before = w.moodle.activities.length;
      await page.getByRole('button', { name: 'Create and add to the course' }).click();

      // Our one-time page posts the signed answer to Moodle.
      await expect.poll(() => w.moodle.activities.length, { timeout: 15_000 }).toBe(before + 1);
      const activity = w.moodle.activities.at(-1)!;
      expect(activity).toMatchObject({
        title: 'Algebra: midterm',
        lineItem: expect.objectContaining({ scoreMaximum: 50 }),
      });
      const exam = (await w.admin.call('getExam', { params: { examId: activity.custom.exam_id! } }))
        .body;
      expect(exam.exam).toMatchObject({ status: 'published', title: 'Algebra: midterm' });
      expect(exam.draft.settings.liveProctoring).toBe(false);
      // It started from the university's default preset, the rest of which it kept.
      const presets = (await w.admin.call('listPresets')).body.presets as {
        id: string;
        isDefault: boolean;
        durationMinutes: number;
      }[];
      const preset = presets.find((p) => p.isDefault)!;
      expect(exam.draft.presetId).toBe(preset.id);
      expect(exam.draft.durationMinutes).toBe(preset.durationMinutes);
    } finally {
      await app.close();
    }
  }, 120_000);
});
