// The proctor's identity dialog shows the server's face match (ADR 0009) as a help, never a
// decision: a student whose photo matches the ID card reads "Likely the same person", one whose
// face is another person's reads "Likely a different person", in the proctor's language, and
// either can still be approved by the person who looks at the photos.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  idCard,
  personA,
  personB,
  portrait,
} from '../../../packages/detection/src/test-pictures.ts';
import { checkInWithPhotos } from '../../server/test/check-in.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from '../../server/test/harness.ts';
import { EmtihanPage, launchChromium } from './emtihan.page.ts';

const EXAM_ID = 'face-match-dialog';
const GENUINE = 'Әлібекова Аружан Қайратқызы';
const IMPOSTOR = 'Нұрланов Дәулет Серікұлы';

let server: TestServer;
let browser: Browser;

/** A demo student through check-in with these photos, agreeing to face matching. */
const checkIn = (login: string, photos: { id: Buffer; face: Buffer }) =>
  checkInWithPhotos(server.url, EXAM_ID, login, photos, true);

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startTestServer({ demo: true, env: { SERVER_DETECTION: 'true' } }),
    launchChromium(),
  ]);
  await addDemoWrittenExam(server, {
    id: EXAM_ID,
    title: 'Face match exam',
    settings: { liveProctoring: true, faceMatching: true, roomScanRequired: false },
  });
  const faceA = await portrait(personA, 640);
  await checkIn('student1', { id: await idCard(personA), face: faceA });
  await checkIn('student2', { id: await idCard(personB), face: faceA });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('the identity dialog says whether the face matches the ID photo, in the proctor’s language, and leaves the decision to them', async () => {
  const app = await EmtihanPage.open(browser, server.url, '/');
  try {
    await app.chooseLanguage('en');
    await app.logIn('proctor1', 'demo');
    await app.seeHeading('Exam sittings to proctor');
    await app.goto(`/proctor/exams/${EXAM_ID}`);
    await app.seeHeading('Face match exam · Demo course');

    // The same person: the figure, the verdict and the reminder that it is only a help. The
    // server may still be comparing when the dialog opens; the dialog asks again by itself.
    let dialog = await app.openIdentityCheck(GENUINE);
    const match = dialog.getByRole('status').filter({ hasText: /^Face match: \d+ %/ });
    await match.getByText('Likely the same person.', { exact: false }).waitFor({ timeout: 60_000 });
    const percent = Number(/Face match: (\d+) %/.exec((await match.textContent())!)![1]);
    expect(percent).toBeGreaterThanOrEqual(60);
    await match.getByText('compare the photos yourself', { exact: false }).waitFor();
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Another person's face, read in Kazakh; the decision stays the proctor's to make.
    await app.chooseLanguage('kk');
    dialog = await app.openIdentityCheck(IMPOSTOR, `Жеке басын тексеру: ${IMPOSTOR}`);
    await dialog
      .getByRole('status')
      .filter({ hasText: /^Бетті салыстыру: \d+ %/ })
      .getByText('Басқа адам болуы ықтимал.', { exact: false })
      .waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Растау және емтиханды бастау' }).waitFor();
  } finally {
    await app.close();
  }
});
