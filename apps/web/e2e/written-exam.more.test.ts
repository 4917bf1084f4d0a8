// The student's written exam, the rest of issue 4 in a real browser: a reload during check-in
// resumes at the same step; the task's files and taking an attachment back; and bad input —
// an answer over the size limit, a second submission, work after the deadline, a hostile
// answer body — each with a clear message and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../../server/src/db/database.ts';
import { CourseRepo } from '../../server/src/repositories/course.repo.ts';
import { ExamRepo } from '../../server/src/repositories/exam.repo.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from '../../server/test/harness.ts';
import { launchChromium } from './emtihan.page.ts';
import {
  asHtml,
  checkInThroughApi,
  sha256,
  STUDENT1_NAME,
  WrittenExamPage,
} from './written-exam.page.ts';

let server: TestServer;
let browser: Browser;
const FILES_EXAM = 'Written exam with files';
const SHORT_EXAM = 'Short written exam';

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
  await addDemoWrittenExam(server, {
    id: 'files-written',
    title: FILES_EXAM,
    settings: { liveProctoring: false, roomScanRequired: false, automaticChecks: false },
    task: 'Read the attached text and answer.',
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a reload during check-in', () => {
  it('resumes at the step the student had reached, with the typed name, the photos and the room scan', async () => {
    const app = await WrittenExamPage.logIn(browser, server.url, 'student1');
    const { page } = app;
    try {
      await app.openWrittenExam();
      await app.button('Check my computer').click();
      await app.button('Share entire screen').click();
      await app.status('Your entire screen is shared.').waitFor();
      await app.button('Continue to check-in').click();
      await app.heading('Name and ID card', 2).waitFor();
      const name = page.getByRole('textbox', { name: 'Full name, exactly as on your ID card' });
      await name.fill(STUDENT1_NAME);
      await app.button('Take a photo of the ID card').click();
      await page.getByRole('img', { name: 'Photo of your ID card' }).waitFor();

      await page.reload();
      await app.heading('Name and ID card', 2).waitFor();
      expect(await name.inputValue()).toBe(STUDENT1_NAME);
      await page.getByRole('img', { name: 'Photo of your ID card' }).waitFor();
      await app.button('Take a photo of my face').click();
      await app.button('Next').click();
      await app.heading('Desk and room', 2).waitFor();
      await app.button('Start recording').click();
      await app.status('The room scan is recorded (2 s).').waitFor();

      await page.reload();
      await app.heading('Desk and room', 2).waitFor();
      await app.status('The room scan is recorded (2 s).').waitFor();
      await app.button('Next').click();
      await page
        .getByRole('checkbox', {
          name: 'I agree that my camera, microphone and screen are recorded during the exam',
        })
        .check();
      await app.button('Join meeting').click();
      // The photos and the scan kept across the reloads are what check-in completes with.
      await page.getByRole('heading', { name: 'Task' }).waitFor();
    } finally {
      await app.close();
    }
  });
});

describe("the task's files and the student's attachments", () => {
  it('the examiner attaches a task file; the student downloads it once at work, attaches two files and takes one back; after submitting nothing can be removed', async () => {
    // The examiner, on their exam view.
    const examiner = await WrittenExamPage.logIn(browser, server.url, 'examiner1');
    try {
      const link = examiner.page.getByRole('link', { name: `Open the sitting of ${FILES_EXAM}` });
      await link.click();
      const panel = examiner.page.getByRole('region', { name: 'Files of the task' });
      await panel.getByText('No files are attached to the task.').waitFor();
      await examiner.page.locator('input[type="file"]').setInputFiles({
        name: 'мәтін.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 мәтін'),
      });
      await examiner.status('мәтін.pdf is attached to the task.').waitFor();
    } finally {
      await examiner.close();
    }

    const { session, client, sessionId } = await checkInThroughApi(
      server.url,
      'student2',
      'Нұрланов Дәулет Серікұлы',
      FILES_EXAM,
    );
    const app = await WrittenExamPage.logIn(browser, server.url, 'student2');
    const { page } = app;
    try {
      await app.openWrittenExam(FILES_EXAM);
      await app.shareScreenAgain();
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Download мәтін.pdf' }).click();
      expect((await download).suggestedFilename()).toBe('мәтін.pdf');

      const files = page.locator('input[type="file"]');
      for (const name of ['a.txt', 'b.txt']) {
        await files.setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(name) });
        await app.status(`${name} is attached.`).waitFor();
      }
      await app.button('Remove a.txt').click();
      await app.status('a.txt is removed.').waitFor();
      const list = page.getByRole('list', { name: 'Attached files' });
      expect(await list.getByRole('listitem').allInnerTexts()).toEqual([
        expect.stringContaining('b.txt'),
      ]);
      expect((await session()).files.filter((f) => f.kind === 'attachment')).toHaveLength(1);

      await app.button('Add submission').click();
      await app.typeAnswer('Жауап.');
      await app.saveStatus(/^All changes saved/).waitFor();
      await app.button('Submit assignment').click();
      const confirm = page.getByRole('dialog', { name: 'Submit the assignment?' });
      await app.button('Submit assignment', confirm).click();
      await app.heading('Receipt', 2).waitFor();
      expect(await app.button('Remove b.txt').count()).toBe(0);
      const late = await client.call('removeSessionFile', {
        params: { sessionId, fileId: (await session()).files.find((f) => f.name === 'b.txt')!.id },
      });
      expect(late.body.reason).toBe('not-allowed-in-state');
    } finally {
      await app.close();
    }
  });
});

describe('bad input: a clear message, nothing changed, nothing lost', () => {
  it('an answer over the size limit is kept on screen, not saved, and cannot be submitted; undone, it saves again', async () => {
    const { session } = await checkInThroughApi(
      server.url,
      'student3',
      'Ivanova Maria Sergeyevna',
      FILES_EXAM,
    );
    const app = await WrittenExamPage.logIn(browser, server.url, 'student3');
    const { page } = app;
    try {
      await app.openWrittenExam(FILES_EXAM);
      await app.shareScreenAgain();
      await app.button('Add submission').click();
      await app.typeAnswer('Қысқа жауап.');
      await app.saveStatus(/^All changes saved/).waitFor();

      // A person pastes a huge text at the end of the answer.
      await page.evaluate((n) => {
        const data = new DataTransfer();
        data.setData('text/plain', 'ә'.repeat(n));
        document.activeElement!.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      }, 500_001);
      await app
        .alert(/the answer is longer than 500000 characters and is no longer saved/)
        .waitFor();
      expect(await app.answerBox().getAttribute('aria-invalid')).toBe('true');
      expect(await app.button('Submit assignment').isDisabled()).toBe(true);
      expect((await session()).answer?.body).toBe(asHtml('Қысқа жауап.'));

      await page.keyboard.press('ControlOrMeta+z');
      await app.alert(/longer than 500000 characters/).waitFor({ state: 'detached' });
      expect(await app.answerText()).toBe('Қысқа жауап.');
      expect(await app.button('Submit assignment').isDisabled()).toBe(false);

      // A paste right after typing is still a step of its own: undo takes back the paste only.
      await app.typeAnswer(' Иә');
      await page.evaluate(() => {
        const data = new DataTransfer();
        data.setData('text/plain', ' кірістірілген');
        document.activeElement!.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      });
      expect(await app.answerText()).toBe('Қысқа жауап. Иә кірістірілген');
      await page.keyboard.press('ControlOrMeta+z');
      expect(await app.answerText()).toBe('Қысқа жауап. Иә');
      await app.saveStatus(/^All changes saved/).waitFor();
      expect((await session()).answer?.body).toBe(asHtml('Қысқа жауап. Иә'));
    } finally {
      await app.close();
    }
  }, 150_000); // pasting half a million characters into the editor takes a while

  it('a second submission from a stale tab changes nothing: the tab shows the receipt of the first', async () => {
    const app = await WrittenExamPage.logIn(browser, server.url, 'student3');
    const stale = await app.context.newPage();
    try {
      // The second tab hears nothing live, so it still shows the work when the first submits.
      await stale.routeWebSocket(/\/socket\.io\//, (ws) => void ws.close());
      await stale.route('**/socket.io/**', (route) => route.abort());
      await stale.goto(new URL('/student', server.url).href);
      const link = stale.getByRole('link', { name: `Open the exam: ${FILES_EXAM}` });
      await link.click();
      await stale.getByRole('dialog', { name: 'Share your entire screen' }).waitFor();
      await stale.getByRole('button', { name: 'Share entire screen', exact: true }).click();
      await stale.getByText('Қысқа жауап. Иә').waitFor();

      await app.openWrittenExam(FILES_EXAM);
      await app.shareScreenAgain();
      await app.button('Submit assignment').click();
      const confirm = app.page.getByRole('dialog', { name: 'Submit the assignment?' });
      await app.button('Submit assignment', confirm).click();
      const hash = sha256(asHtml('Қысқа жауап. Иә'));
      await app.page.getByText(hash, { exact: true }).waitFor();

      await stale.getByRole('button', { name: 'Submit assignment', exact: true }).click();
      const again = stale.getByRole('dialog', { name: 'Submit the assignment?' });
      await again.getByRole('button', { name: 'Submit assignment', exact: true }).click();
      await stale.getByRole('status', { name: 'Your work is submitted' }).waitFor();
      await stale.getByText(hash, { exact: true }).waitFor();
    } finally {
      await app.close();
    }
  });

  it('a hostile answer body is shown as text through the answer schema: nothing in it runs or loads', async () => {
    const { client, sessionId } = await checkInThroughApi(
      server.url,
      'student4',
      'Өмірзақов Ғалымжан Бауыржанұлы',
      FILES_EXAM,
    );
    const body =
      '<p>ok</p><img src="x" onerror="window.__xss=1"><script>window.__xss=2</script>' +
      '<p><a href="javascript:window.__xss=3">link</a></p><p onclick="window.__xss=4">styled</p>';
    await client.call('saveAnswer', {
      params: { sessionId },
      body: { seq: 1, body, sha256: sha256(body) },
    });
    await client.call('sessionCommand', {
      params: { sessionId },
      body: { type: 'submit', answerSha256: sha256(body) },
    });
    const app = await WrittenExamPage.logIn(browser, server.url, 'student4');
    const { page } = app;
    try {
      await app.openWrittenExam(FILES_EXAM);
      const answer = page.getByRole('textbox', { name: 'Your answer (read-only)' });
      expect(await app.answerText(answer)).toBe('ok\n\nlink\n\nstyled');
      expect(await answer.locator('img, script, [onclick], a[href^="javascript"]').count()).toBe(0);
      await answer.getByText('link').click();
      await answer.getByText('styled').click();
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('work after the deadline is refused with the reason, and the last saved answer is what was handed in', async () => {
    const { db } = openDatabase({ dataDir: server.dataDir });
    try {
      const course = await new CourseRepo(db).findByCode('DEMO-101');
      const now = Date.now();
      await new ExamRepo(db).create(
        {
          id: 'short-written',
          courseId: course!.id,
          kind: 'written',
          title: SHORT_EXAM,
          opensAt: new Date(now - 60_000).toISOString(),
          // The window closes soon: the deadline is the window's end.
          closesAt: new Date(now + 20_000).toISOString(),
          durationMinutes: 45,
          checkInLeadMinutes: 20,
          rules: { kk: 'Ережелер', ru: 'Правила', en: 'Rules' },
          settings: { liveProctoring: false, roomScanRequired: false, automaticChecks: false },
          task: 'Be quick.',
          slots: [],
        },
        new Date(now).toISOString(),
      );
    } finally {
      await db.destroy();
    }
    const { session } = await checkInThroughApi(
      server.url,
      'student5',
      'Үсенова Іңкәр Һадиқызы',
      SHORT_EXAM,
    );
    const app = await WrittenExamPage.logIn(browser, server.url, 'student5');
    const { page } = app;
    try {
      await app.openWrittenExam(SHORT_EXAM);
      await app.shareScreenAgain();
      await app.button('Add submission').click();
      await app.typeAnswer('Уақытында.');
      await app.saveStatus(/^All changes saved/).waitFor();

      // The page does not hear that time is up (socket and session reads cut), the student types on.
      await page.routeWebSocket(/\/socket\.io\//, (ws) => void ws.close());
      await page.route('**/socket.io/**', (route) => route.abort());
      await page.route(/\/api\/sessions\/[^/]+$/, (route) => route.abort());
      await expect
        .poll(async () => (await session()).state.status, { timeout: 30_000 })
        .toBe('timed_out');
      await app.typeAnswer(' Кеш.');
      await app.saveStatus(/^Not saved on the server: /).waitFor();

      // Back in touch: the page shows the end, with the answer saved in time.
      await page.unroute(/\/api\/sessions\/[^/]+$/);
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await page.getByRole('status', { name: 'Time is up' }).waitFor();
      const answer = page.getByRole('textbox', { name: 'Your answer (read-only)' });
      expect(await app.answerText(answer)).toBe('Уақытында.');
      expect((await session()).state.finalAnswerHash).toBe(sha256(asHtml('Уақытында.')));
    } finally {
      await app.close();
    }
  });

  it("another student's session or an unknown exam: 'not found', and nothing changes", async () => {
    const other = await checkInThroughApi(server.url, 'student1', STUDENT1_NAME, FILES_EXAM);
    const before = await other.session();
    const app = await WrittenExamPage.logIn(browser, server.url, 'student5');
    const { page } = app;
    try {
      await page.goto(new URL('/student/exams/not-an-exam', server.url).href);
      await page.getByText('Not found: it may have been removed.').waitFor();
      // Requests a page could make with another student's session id.
      const answers = await page.evaluate(async (sessionId) => {
        const me = await (await fetch('/api/me')).json();
        const post = (path: string, body: unknown) =>
          fetch(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
            body: JSON.stringify(body),
          }).then((r) => r.status);
        return [
          await fetch(`/api/sessions/${sessionId}`).then((r) => r.status),
          await post(`/api/sessions/${sessionId}/answers`, {
            seq: 99,
            body: '<p>x</p>',
            sha256: 'a'.repeat(64),
          }),
          await post(`/api/sessions/${sessionId}/commands`, { type: 'begin-check-in' }),
        ];
      }, other.sessionId);
      expect(answers).toEqual([404, 404, 404]);
      expect(await other.session()).toEqual({ ...before, serverNow: expect.any(Number) });
    } finally {
      await app.close();
    }
  });
});
