// Live proctoring between real browsers (ADR 0007): the student's page publishes camera,
// microphone and whole screen peer-to-peer; the proctor's console pulls them. Frames decoded in
// the proctor's page prove the media plays, not only that tracks exist.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDemoWrittenExam, startTestServer, type TestServer } from '../../server/test/harness.ts';
import { EmtihanPage, launchChromium } from './emtihan.page.ts';
import { framesPlay, videoSize } from './live.page.ts';
import { checkInThroughApi, STUDENT1_NAME, WrittenExamPage } from './written-exam.page.ts';

const EXAM = 'Live written exam';
const EXAM_ID = 'live-written';
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
  await addDemoWrittenExam(server, {
    id: EXAM_ID,
    title: EXAM,
    settings: { liveProctoring: true, roomScanRequired: false },
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openConsole(login = 'proctor1'): Promise<EmtihanPage> {
  const app = await EmtihanPage.open(browser, server.url, '/');
  await app.chooseLanguage('en');
  await app.logIn(login, 'demo');
  await app.seeHeading('Exam sittings to proctor');
  await app.goto(`/proctor/exams/${EXAM_ID}`);
  await app.seeHeading('Exam sitting');
  return app;
}

describe('live proctoring in the browser', () => {
  it("the proctor sees the student's camera from the waiting room, then the screen once the work starts", async () => {
    await checkInThroughApi(server.url, 'student1', STUDENT1_NAME, EXAM);
    const student = await WrittenExamPage.logIn(browser, server.url, 'student1');
    const proctor = await openConsole();
    try {
      await student.openWrittenExam(EXAM);
      await student.status('Waiting for the proctor…').waitFor();

      const tile = proctor.page.getByRole('group', { name: new RegExp(`^${STUDENT1_NAME}`) });
      const camera = tile.getByLabel(`Camera of ${STUDENT1_NAME}`, { exact: true });
      await camera.waitFor();
      expect(await framesPlay(camera)).toBeGreaterThanOrEqual(5);
      await student.status('A proctor sees your camera and screen').waitFor();
      // A grid tile is small: a quarter of the camera's resolution.
      expect((await videoSize(camera)).width).toBeLessThanOrEqual(320);

      // The proctor checks the ID on camera and starts the exam; the student shares the screen.
      await tile.getByRole('button', { name: `Check the identity of ${STUDENT1_NAME}` }).click();
      await proctor.page
        .getByRole('dialog', { name: `Check the identity of ${STUDENT1_NAME}` })
        .getByRole('button', { name: 'Approve and start the exam' })
        .click();
      await student.shareScreenAgain();
      const screen = tile.getByLabel(`Screen of ${STUDENT1_NAME}`, { exact: true });
      expect(await framesPlay(screen)).toBeGreaterThanOrEqual(5);

      // In focus: the same student at full quality (it grows as the bandwidth estimate rises).
      await tile.getByRole('button', { name: `Watch ${STUDENT1_NAME} closely` }).click();
      const focus = proctor.page.getByRole('dialog', { name: `${STUDENT1_NAME} live` });
      const bigCamera = focus.getByLabel(`Camera of ${STUDENT1_NAME}`, { exact: true });
      expect(await framesPlay(bigCamera)).toBeGreaterThanOrEqual(5);
      await expect
        .poll(async () => (await videoSize(bigCamera)).width, { timeout: 20_000 })
        .toBeGreaterThan(320);
    } finally {
      await student.close();
      await proctor.close();
    }
  });
});
