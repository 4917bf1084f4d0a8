// Browser signals become flags the proctor sees (ADR 0006): in a real Chromium with a fake
// camera and screen, the student at work hides the exam page, then ends the screen share; the
// proctor's page, open beside it, lists both flags for that student, live, and the student's
// tile says what holds at the moment.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDemoWrittenExam, startTestServer, type TestServer } from '../../server/test/harness.ts';
import { EmtihanPage, launchChromium } from './emtihan.page.ts';
import { checkInThroughApi, WrittenExamPage } from './written-exam.page.ts';

const EXAM = 'Signals exam';
const STUDENT = 'Ivanova Maria Sergeyevna';

/** Keeps the screen streams the page gets, so the test can end the share as "Stop sharing" does. */
const KEEP_SCREENS = `(() => {
  const original = navigator.mediaDevices.getDisplayMedia.bind(navigator.mediaDevices);
  window.__screens = [];
  navigator.mediaDevices.getDisplayMedia = async (constraints) => {
    const stream = await original(constraints);
    window.__screens.push(stream);
    return stream;
  };
})();`;

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
  await addDemoWrittenExam(server, {
    id: 'signals-exam',
    title: EXAM,
    settings: { liveProctoring: false, roomScanRequired: false, automaticChecks: false },
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('the student hides the exam page and ends the screen share; the proctor sees both flags', async () => {
  await checkInThroughApi(server.url, 'student3', STUDENT, EXAM);
  const proctor = await EmtihanPage.open(browser, server.url, '/');
  const student = await WrittenExamPage.logIn(browser, server.url, 'student3', {
    initScript: KEEP_SCREENS,
  });
  try {
    await proctor.chooseLanguage('en');
    await proctor.logIn('proctor1', 'demo');
    await proctor.seeHeading('Exam sittings to proctor');
    await proctor.goto('/proctor/exams/signals-exam');
    await proctor.seeHeading(`${EXAM} · Demo course`);
    const flags = proctor.page.getByRole('list', { name: `Flags of ${STUDENT}` });

    await student.openWrittenExam(EXAM);
    await student.shareScreenAgain();
    await student.button('Add submission').click();

    // The page is hidden for a few seconds (another tab in front), then back.
    await student.page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const tab = flags.getByRole('listitem').filter({ hasText: 'Leaving the exam page' });
    await tab.waitFor();
    expect(await tab.textContent()).toContain('minor');
    // The student's tile says what holds right now, and stops saying it once it is over.
    const now = proctor.page
      .getByRole('group', { name: new RegExp(STUDENT) })
      .getByRole('list', { name: 'What holds on the page now' })
      .getByRole('listitem')
      .filter({ hasText: 'Now: Leaving the exam page' });
    await now.waitFor();
    await student.page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await now.waitFor({ state: 'detached' });

    // "Stop sharing": the track ends; the workspace is covered and the proctor is told.
    await student.page.evaluate(() => {
      const screens = (window as unknown as { __screens: MediaStream[] }).__screens;
      for (const track of screens.at(-1)!.getVideoTracks()) {
        track.stop();
        track.dispatchEvent(new Event('ended'));
      }
    });
    await student.page.getByRole('dialog', { name: 'Share your entire screen' }).waitFor();
    const share = flags.getByRole('listitem').filter({ hasText: 'Screen sharing stopped' });
    await share.waitFor();
    expect(await share.textContent()).toContain('ongoing');
    await proctor.page
      .getByRole('status')
      .filter({ hasText: `New flag for ${STUDENT}: Screen sharing stopped` })
      .waitFor();
    // The snapshot of the moment opens as an image.
    const snapshot = share.getByRole('link', {
      name: `Snapshot of the moment: Screen sharing stopped, ${STUDENT}`,
    });
    const href = await snapshot.getAttribute('href');
    const image = await proctor.page.request.get(new URL(href!, server.url).href);
    expect(image.headers()['content-type']).toBe('image/jpeg');
  } finally {
    await student.close();
    await proctor.close();
  }
});
