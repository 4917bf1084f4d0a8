// The student's side of a live-proctored written exam: waiting for the proctor, told live over
// the socket; a rejected identity check shows the proctor's reason and another try; an approval
// opens the work without a reload. The proctor acts through the API here (their console has its
// own tests).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TestClient } from '../../server/test/client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from '../../server/test/harness.ts';
import { launchChromium } from './emtihan.page.ts';
import { checkInThroughApi, STUDENT1_NAME, WrittenExamPage } from './written-exam.page.ts';

const EXAM = 'Proctored written exam';
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
  await addDemoWrittenExam(server, {
    id: 'proctored-written',
    title: EXAM,
    settings: {
      liveProctoring: true,
      roomScanRequired: false,
      faceMatching: true,
      automaticChecks: false,
    },
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('waiting for the proctor', () => {
  it('the page follows the proctor live: a rejection with its reason, another try, then the approval opens the work', async () => {
    const { sessionId } = await checkInThroughApi(server.url, 'student1', STUDENT1_NAME, EXAM);
    const proctor = new TestClient(server.url);
    await proctor.login('proctor1');
    const decide = (body: object) =>
      proctor.call('sessionCommand', { params: { sessionId }, body });

    const app = await WrittenExamPage.logIn(browser, server.url, 'student1');
    const { page } = app;
    try {
      await app.openWrittenExam(EXAM);
      await app.status('Waiting for the proctor…').waitFor();
      await page.getByText('You are next: the proctor is about to check you.').waitFor();
      await page.getByText('If everything is in order, the proctor starts the exam').waitFor();

      expect(
        (await decide({ type: 'reject-identity', reason: 'The ID card is not readable.' })).status,
      ).toBe(200);
      await app.alert("The proctor's reason: The ID card is not readable.").waitFor();
      await app.alert('Attempts left: 2.').waitFor();
      await app.button('Check in again').click();
      // Back at the name and ID card; the camera turns itself on again.
      await app.heading('Name and ID card', 2).waitFor();
      await page
        .getByRole('button', { name: 'Take a photo of the ID card', disabled: false })
        .waitFor();
      expect(await app.alert('The camera is off').count()).toBe(0);

      await checkInThroughApi(server.url, 'student1', STUDENT1_NAME, EXAM);
      await app.status('Waiting for the proctor…').waitFor();
      expect((await decide({ type: 'approve-identity' })).status).toBe(200);
      await page.getByRole('dialog', { name: 'Share your entire screen' }).waitFor();
      await app.shareScreenAgain();
      await page.getByText('Write an essay.').waitFor();
      await app.button('Add submission').waitFor();
    } finally {
      await app.close();
    }
  });
});
