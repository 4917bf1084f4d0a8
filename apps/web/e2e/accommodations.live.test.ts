// Accommodations during a sitting, between real browsers and the real server (ADR 0018):
// student3's ×1.5 profile makes a 45-minute exam 67 min 30 s on their card, clock and review; a
// proctor adds 10 minutes while the student's page is open and the page shows the new end within
// 2 s; student4 takes a rest break: the clock stops and runs again, the exam is put away and
// comes back with the answer, and the camera goes on recording throughout.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../server/test/client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from '../../server/test/harness.ts';
import { EmtihanPage, launchChromium } from './emtihan.page.ts';
import { checkInThroughApi, WrittenExamPage } from './written-exam.page.ts';

const EXAM = 'Physics, 45 minutes';
const EXAM_ID = 'acc-live-45';
const STUDENT3 = 'Ivanova Maria Sergeyevna';
const STUDENT4 = 'Өмірзақов Ғалымжан Бауыржанұлы';
const NOTE = 'Uses a screen reader; may read questions aloud.';
const REASON = 'The fire alarm interrupted the student for ten minutes';

/** The seconds a clock's text shows: "59:07" or "1:07:29". */
function clockSeconds(text: string | null): number {
  const m = /(?:(\d+):)?(\d{2}):(\d{2})/.exec(text ?? '');
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) : Number.NaN;
}

let server: TestServer;
let browser: Browser;
const admin = () => {
  const c = new TestClient(server.url);
  return c.login('admin').then(() => c);
};

/** The office's profile for a student (POST /api/accommodations/:studentId), as the admin. */
async function giveProfile(login: string, effect: Record<string, unknown>) {
  const student = new TestClient(server.url);
  const studentId = (await student.login(login)).body.user.id as string;
  const set = await (
    await admin()
  ).call('setAccommodation', {
    params: { studentId },
    body: {
      timeFactor: 1,
      extraMinutes: 0,
      breakMinutes: 0,
      skippedChecks: [],
      proctorNote: '',
      documentRef: 'DO-2025-17',
      validUntil: null,
      reason: 'Certificate of the disability office',
      ...effect,
    },
  });
  expect(set.status, JSON.stringify(set.body)).toBe(200);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
  // 45 minutes; work starts at check-in; the camera only (the cheapest recording); the face and
  // object models are the detection test's and would only take CPU here.
  await addDemoWrittenExam(server, {
    id: EXAM_ID,
    title: EXAM,
    durationMinutes: 45,
    settings: {
      liveProctoring: false,
      roomScanRequired: false,
      automaticChecks: false,
      media: { camera: true, microphone: false, screen: false },
    },
  });
  // Before the students open the exam: a sitting takes its student's terms when it is made.
  await giveProfile('student3', { timeFactor: 1.5, proctorNote: NOTE });
  await giveProfile('student4', { breakMinutes: 5 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('accommodations while the exam runs', () => {
  it('student3 (×1.5) has 67 min 30 s; a proctor adds 10 min and the open page shows the new end within 2 s; the review accounts for both', async () => {
    const student = await WrittenExamPage.logIn(browser, server.url, 'student3');
    const proctor = await EmtihanPage.open(browser, server.url, '/');
    try {
      // The exam's card on the home says the student's own time.
      const card = student.page.getByRole('article', { name: EXAM });
      await card.getByText('67 min 30 s (45 min × 1.5)', { exact: true }).waitFor();
      await card.getByText('Your work time', { exact: true }).waitFor();

      const { sessionId, client } = await checkInThroughApi(server.url, 'student3', STUDENT3, EXAM);
      await student.openWrittenExam(EXAM);
      await student.button('Add submission').click();
      await student.page
        .getByText('Your time: 67 min 30 s (45 min × 1.5)', { exact: true })
        .waitFor();
      // The clock runs on the stretched time: more than the exam's 45 minutes are left.
      const clock = student.page.getByRole('timer');
      const left = clockSeconds(await clock.textContent());
      expect(left).toBeGreaterThan(66 * 60);
      expect(left).toBeLessThanOrEqual(67 * 60 + 30);
      const ends = student.page.locator('[data-work-ends]');
      const deadline = Number(await ends.getAttribute('data-work-ends'));
      const state = (await client.call('getSession', { params: { sessionId } })).body.state;
      expect(deadline).toBe(state.deadline);
      expect(state.deadline - state.workStartedAt).toBe(67.5 * 60_000);

      // The proctor sees the accommodation on the tile, and adds 10 minutes with a reason.
      await proctor.chooseLanguage('en');
      await proctor.logIn('proctor1', 'demo');
      await proctor.seeHeading('Exam sittings to proctor');
      await proctor.goto(`/proctor/exams/${EXAM_ID}`);
      await proctor.seeHeading(`${EXAM} · Demo course`);
      const tile = proctor.page.getByRole('group', {
        name: new RegExp(`^${STUDENT3}`),
      });
      await tile.getByText('Accommodation', { exact: true }).waitFor();
      await tile.getByText('time ×1.5', { exact: true }).waitFor();
      await tile.getByText(`Note for the proctor: ${NOTE}`, { exact: true }).waitFor();
      await tile.getByRole('button', { name: `Add time for ${STUDENT3}` }).click();
      const dialog = proctor.dialog(`Add time for ${STUDENT3}`);
      // No reason, no time: the field says why.
      await proctor.button('Add 10 min').click();
      await dialog.getByText('Write the reason (at least 3 characters).').waitFor();
      await dialog.getByRole('textbox', { name: 'Reason' }).fill(REASON);
      await proctor.button('Add 10 min').click();

      // Within 2 s the student's page shows the new end, and says so.
      const later = deadline + 10 * 60_000;
      await student.page.locator(`[data-work-ends="${later}"]`).waitFor({ timeout: 2000 });
      await student.status('You have been given 10 more min.').waitFor({ timeout: 2000 });
      const endText = await student.page.evaluate(
        (at) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(at),
        later,
      );
      expect(await ends.textContent()).toBe(`Ends at ${endText}`);
      await student.page.getByText('Time added during the exam: 10 min', { exact: true }).waitFor();
      await proctor.seeStatus(`10 min added for ${STUDENT3}.`);

      // The review: the stretched time, who added time and why, on the timeline too.
      await proctor.goto(`/sessions/${sessionId}/review`);
      await proctor.seeHeading(`Review: ${STUDENT3}`);
      const account = proctor.page.getByRole('region', { name: 'Time and accommodation' });
      await account.getByText('67 min 30 s (45 min × 1.5)', { exact: true }).waitFor();
      await account
        .getByText(new RegExp(`\\+10 min by Серікова Гүлнар Маратқызы: ${REASON}$`))
        .waitFor();
      await proctor.page
        .getByRole('list', { name: 'Events of the sitting' })
        .getByRole('button', { name: /time added$/ })
        .waitFor();
    } finally {
      await student.close();
      await proctor.close();
    }
  });

  it('student4 takes a rest break: the clock stops and runs again, the answer is put away and kept, the camera keeps recording', async () => {
    const { sessionId, client } = await checkInThroughApi(server.url, 'student4', STUDENT4, EXAM);
    const student = await WrittenExamPage.logIn(browser, server.url, 'student4');
    const { page } = student;
    try {
      const link = page.getByRole('link', { name: `Open the exam: ${EXAM}`, exact: true });
      await page.goto(
        new URL(`${await link.getAttribute('href')}?segmentSeconds=5`, server.url).href,
      );
      await student.button('Add submission').click();
      await student.typeAnswer('Before the break');
      await student.saveStatus(/^All changes saved/).waitFor();
      await page.getByText('Break time left: 05:00', { exact: true }).waitFor();

      await student.button('Take a break').click();
      const breakScreen = page.getByRole('region', { name: 'You are on a break' });
      await breakScreen.waitFor();
      // Nothing of the exam on the screen; the clock stands still; the break counts down.
      expect(await student.answerBox().isVisible()).toBe(false);
      expect(await page.getByRole('heading', { name: 'Task', exact: true }).count()).toBe(0);
      const stopped = page.getByRole('timer').filter({ hasText: /^Clock stopped: / });
      const stoppedAt = await stopped.textContent();
      const onBreak = (await client.call('getSession', { params: { sessionId } })).body.state;
      const breakStart = onBreak.breaks[0].startedAt as number;

      // The camera goes on: a segment begun during the break reaches the server.
      await expect
        .poll(
          async () =>
            (
              (await client.call('listEvidence', { params: { sessionId } })).body.segments as {
                track: string;
                startedAt: number;
              }[]
            ).some((s) => s.track === 'camera' && s.startedAt > breakStart),
          { interval: 500, timeout: 20_000 },
        )
        .toBe(true);
      // Seconds later, the exam clock shows what it showed when the break began.
      expect(await stopped.textContent()).toBe(stoppedAt);
      const breakLeft = breakScreen.getByRole('timer');
      expect(await breakLeft.textContent()).not.toBe('05:00');

      await student.button('End break').click();
      await breakScreen.waitFor({ state: 'hidden' });
      expect(await student.answerText()).toBe('Before the break');
      // The clock runs again, from where it stood.
      const running = page.getByRole('timer').filter({ hasText: /^Time left: / });
      const resumedAt = await running.textContent();
      expect(Math.abs(clockSeconds(resumedAt) - clockSeconds(stoppedAt))).toBeLessThanOrEqual(2);
      await expect.poll(() => running.textContent(), { timeout: 3000 }).not.toBe(resumedAt);
      // The deadline moved by exactly the break, and less break time is left.
      const after = (await client.call('getSession', { params: { sessionId } })).body.state;
      const took = after.breaks[0].endedAt - after.breaks[0].startedAt;
      expect(after.deadline - onBreak.deadline).toBe(took);
      await page.getByText(/^Break time left: 04:[0-5]\d$/).waitFor();
      // The answer typed after the break goes to the server with the rest.
      await student.typeAnswer(', and after it');
      await student.saveStatus(/^All changes saved/).waitFor();
      const saved = (await client.call('getSession', { params: { sessionId } })).body.answer;
      expect(saved.body).toBe('<p>Before the break, and after it</p>');
    } finally {
      await student.close();
    }
  });
});
