// A room scan on the proctor's request, between two real browsers: the proctor asks from the
// focus view, the student's workspace shows the request live, the check-in recorder records it
// (shortened to 2 s), the upload answers it, and the proctor can play what arrived. The answer
// typed meanwhile stays.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../server/test/client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from '../../server/test/harness.ts';
import { EmtihanPage, launchChromium } from './emtihan.page.ts';
import { checkInThroughApi, STUDENT1_NAME, WrittenExamPage } from './written-exam.page.ts';

const EXAM = 'Room scan on request';
const EXAM_ID = 'scan-on-request';
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
  await addDemoWrittenExam(server, {
    id: EXAM_ID,
    title: EXAM,
    settings: {
      liveProctoring: true,
      roomScanRequired: false,
      roomScanOnRequest: true,
      automaticChecks: false,
    },
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a room scan on the proctor’s request', () => {
  it('the proctor asks, the student shows the room while the answer stays, the proctor plays it', async () => {
    const api = await checkInThroughApi(server.url, 'student1', STUDENT1_NAME, EXAM);
    const proctorApi = new TestClient(server.url);
    await proctorApi.login('proctor1');
    const approved = await proctorApi.call('sessionCommand', {
      params: { sessionId: api.sessionId },
      body: { type: 'approve-identity' },
    });
    expect(approved.body.state.status).toBe('in_progress');

    const student = await WrittenExamPage.logIn(browser, server.url, 'student1');
    const proctor = await EmtihanPage.open(browser, server.url, '/');
    try {
      await student.openWrittenExam(EXAM, 2);
      await student.shareScreenAgain();
      await student.button('Add submission').click();
      await student.typeAnswer('First thoughts');

      await proctor.chooseLanguage('en');
      await proctor.logIn('proctor1', 'demo');
      await proctor.seeHeading('Exam sittings to proctor');
      await proctor.goto(`/proctor/exams/${EXAM_ID}`);
      await proctor.seeHeading(`${EXAM} · Demo course`);
      const tile = proctor.page.getByRole('group', { name: new RegExp(`^${STUDENT1_NAME}`) });
      await tile.getByRole('button', { name: `Watch ${STUDENT1_NAME} closely` }).click();
      const focus = proctor.page.getByRole('dialog', { name: `${STUDENT1_NAME} live` });
      await focus.getByRole('button', { name: 'Ask for a room scan', exact: true }).click();
      await focus.getByRole('status').filter({ hasText: 'Room scan requested' }).waitFor();
      await tile.getByRole('status').filter({ hasText: 'Room scan requested' }).waitFor();

      // The student's page hears it live, inside the workspace.
      const request = student.page.getByRole('alert', { name: 'Show your room' });
      await request
        .getByText(
          'The proctor asks you to show your room: turn the camera slowly around the room and the desk (2 s)',
        )
        .waitFor();
      // The editor stays usable beside the request.
      await student.typeAnswer(', and more');
      await student.button('Start the room scan', request).click();
      await student.status('The room scan was sent to the proctor.').waitFor({ timeout: 20_000 });
      await request.waitFor({ state: 'hidden' });
      expect(await student.answerText()).toBe('First thoughts, and more');

      const after = await api.session();
      expect(after.state.status).toBe('in_progress');
      expect((after.state as { roomScanRequestedAt?: number | null }).roomScanRequestedAt).toBe(
        null,
      );
      expect(after.files.filter((f) => f.kind === 'room-scan')).toHaveLength(1);

      // The proctor sees that it arrived and can play it.
      await focus.getByRole('status').filter({ hasText: 'Room scan requested' }).waitFor({
        state: 'hidden',
      });
      const video = focus.getByLabel('Play the latest room scan', { exact: true });
      await video.waitFor();
      await expect
        .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState >= 1 && v.error === null))
        .toBe(true);
      await focus.getByRole('button', { name: 'Ask for a room scan', exact: true }).waitFor();
    } finally {
      await student.close();
      await proctor.close();
    }
  });
});
