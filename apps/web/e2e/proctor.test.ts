// The proctor's side of a live-proctored written exam, as a proctor uses it: the roster updates
// live, the ID photo is checked, the exam started, a warning written, the exam stopped.
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../server/test/client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from '../../server/test/harness.ts';
import { EmtihanPage, launchChromium } from './emtihan.page.ts';

let server: TestServer;
let browser: Browser;
const EXAM = 'Proctored written exam';
let examId: string;

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
// A 1×1 JPEG, so the ID photo really renders in the proctor's dialog.
const JPEG = Uint8Array.from(
  atob(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////2wBDAf//////////////////////////////////////////////////////////////////////////////////////wAARCAABAAEDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAP/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKAA/9k=',
  ),
  (c) => c.charCodeAt(0),
);

/** The student's side, through the API: open, check in with photos, wait for the proctor. */
async function checkIn(
  login: string,
  fullName: string,
): Promise<{ client: TestClient; sessionId: string }> {
  const client = new TestClient(server.url);
  await client.login(login);
  const sessionId = (await client.call('mySession', { params: { examId } })).body
    .sessionId as string;
  await client.call('sessionCommand', { params: { sessionId }, body: { type: 'begin-check-in' } });
  for (const kind of ['id-document', 'face']) {
    const r = await fetch(
      `${server.url}/api/sessions/${sessionId}/files?kind=${kind}&name=${kind}.jpg`,
      {
        method: 'POST',
        headers: {
          'content-type': 'image/jpeg',
          cookie: client.cookie,
          'x-csrf-token': client.csrf,
        },
        body: JPEG,
      },
    );
    expect(r.status).toBe(200);
  }
  const done = await client.call('sessionCommand', {
    params: { sessionId },
    body: {
      type: 'complete-check-in',
      typedName: fullName,
      idDocumentSha256: sha(JPEG),
      faceSha256: sha(JPEG),
      consentRecording: true,
    },
  });
  expect(done.body.state.status).toBe('awaiting_approval');
  return { client, sessionId };
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
  examId = 'proctored-e2e';
  await addDemoWrittenExam(server, {
    id: examId,
    title: EXAM,
    durationMinutes: 90,
    settings: { liveProctoring: true, automaticChecks: false },
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a proctor runs a live-proctored sitting', () => {
  it('sees a student check in live, checks the ID, starts the exam, warns and stops it', async () => {
    const app = await EmtihanPage.open(browser, server.url, '/');
    try {
      await app.chooseLanguage('en');
      await app.logIn('proctor1', 'demo');
      await app.seeHeading('Exam sittings to proctor');
      await app.page.getByRole('link', { name: `Open the sitting of ${EXAM}` }).click();
      // The page and the browser tab name the exam and its course, not just "Exam sitting".
      await app.seeHeading(`${EXAM} · Demo course`);
      expect(await app.page.title()).toBe(`${EXAM} · Demo course · Emtihan`);
      const table = app.page.getByRole('table', { name: 'Students of the exam' });
      const row = table.getByRole('row', { name: /Әлібекова Аружан Қайратқызы/ });
      // A live student's decisions are on their tile in the grid.
      const tile = app.page.getByRole('group', { name: /^Әлібекова Аружан Қайратқызы/ });
      await row.getByText('not opened yet').waitFor();

      // The student checks in elsewhere; the proctor's table changes without a reload.
      const student = await checkIn('student1', 'Әлібекова Аружан Қайратқызы');
      await row.getByText('waiting for the proctor').waitFor();

      const dialog = await app.openIdentityCheck('Әлібекова Аружан Қайратқызы');
      const photo = dialog.getByRole('img', { name: 'ID document of Әлібекова Аружан Қайратқызы' });
      await photo.waitFor();
      await expect
        .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBe(1);
      await dialog.getByRole('button', { name: 'Approve and start the exam' }).click();
      await app.page
        .getByRole('status')
        .getByText('Identity of Әлібекова Аружан Қайратқызы approved')
        .waitFor();
      await row.getByText('in progress').waitFor();

      await tile.getByRole('button', { name: 'Warn Әлібекова Аружан Қайратқызы' }).click();
      const warn = app.page.getByRole('dialog', { name: 'Warn Әлібекова Аружан Қайратқызы' });
      await warn
        .getByRole('textbox', { name: 'Note to the student (optional)' })
        .fill('Please stay on the exam page');
      await warn.getByRole('button', { name: 'Send the warning' }).click();
      await app.page
        .getByRole('status')
        .getByText('Warning sent to Әлібекова Аружан Қайратқызы.')
        .waitFor();
      await row.getByText('1 issued').waitFor();
      const state = (
        await student.client.call('getSession', { params: { sessionId: student.sessionId } })
      ).body.state;
      expect(state.warnings).toMatchObject([
        { category: 'tab_switch', note: 'Please stay on the exam page', acknowledgedAt: null },
      ]);

      await tile
        .getByRole('button', { name: 'Stop the exam of Әлібекова Аружан Қайратқызы' })
        .click();
      const stop = app.page.getByRole('dialog', {
        name: 'Stop the exam of Әлібекова Аружан Қайратқызы',
      });
      const confirm = stop.getByRole('button', { name: 'Stop the exam' });
      expect(await confirm.isDisabled()).toBe(true); // a reason is required
      await stop
        .getByRole('textbox', { name: 'Reason' })
        .fill('A second person answered for the student');
      await confirm.click();
      await row.getByText('stopped by the proctor').waitFor();
      const after = (
        await student.client.call('getSession', { params: { sessionId: student.sessionId } })
      ).body.state;
      expect(after).toMatchObject({
        status: 'terminated',
        terminationReason: 'A second person answered for the student',
      });
    } finally {
      await app.close();
    }
  });

  it('a rejected identity needs a reason, and the student sees it', async () => {
    const student = await checkIn('student2', 'Нұрланов Дәулет Серікұлы');
    const app = await EmtihanPage.open(browser, server.url, '/');
    try {
      await app.chooseLanguage('en');
      await app.logIn('proctor1', 'demo');
      await app.seeHeading('Exam sittings to proctor');
      await app.goto(`/proctor/exams/${examId}`);
      await app.seeHeading(`${EXAM} · Demo course`);
      const dialog = await app.openIdentityCheck('Нұрланов Дәулет Серікұлы');
      await dialog
        .getByRole('textbox', { name: 'Reason' })
        .fill('The ID card is not readable: hold it closer');
      await dialog.getByRole('button', { name: 'Reject' }).click();
      await app.page
        .getByRole('status')
        .getByText('Identity of Нұрланов Дәулет Серікұлы rejected')
        .waitFor();
      const state = (
        await student.client.call('getSession', { params: { sessionId: student.sessionId } })
      ).body.state;
      expect(state).toMatchObject({
        status: 'rejected',
        lastRejectionReason: 'The ID card is not readable: hold it closer',
      });
    } finally {
      await app.close();
    }
  });
});
