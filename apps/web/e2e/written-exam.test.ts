// The student's written exam in a real browser with a fake camera, microphone and screen, against
// the real server: the seed's steps 1–10 from login to the receipt, and what must not be lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { verifyAuditChain } from '@emtihan/domain';
import { openDatabase } from '../../server/src/db/database.ts';
import { SessionRepo } from '../../server/src/repositories/session.repo.ts';
import { startTestServer, updateExamSettings, type TestServer } from '../../server/test/harness.ts';
import { launchChromium } from './emtihan.page.ts';
import {
  checkInThroughApi,
  PICK_A_WINDOW,
  asHtml,
  sha256,
  STUDENT1_NAME,
  studentApi,
  WrittenExamPage,
} from './written-exam.page.ts';

let server: TestServer;
let browser: Browser;

/** The longest outage the server recorded for a session (`connection-restored`, ms; 0: none). */
async function outages(sessionId: string) {
  const { db } = openDatabase({ dataDir: server.dataDir });
  try {
    const chain = await new SessionRepo(db).auditChain(sessionId);
    expect(verifyAuditChain(chain)).toEqual({ ok: true });
    const restored = chain
      .filter((e) => e.type === 'connection-restored')
      .map((e) => (e.payload as { offlineMs: number }).offlineMs);
    return { restored: Math.max(0, ...restored) };
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
  // The face and object models are the detection test's; here they would only take CPU.
  await updateExamSettings(server, 'Written exam', { automaticChecks: false });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the written exam, seed steps 1–10', () => {
  it('student1 checks the computer, checks in, writes, attaches a file and submits, and gets a receipt with the SHA-256 of the answer', async () => {
    const app = await WrittenExamPage.logIn(browser, server.url, 'student1');
    const { page } = app;
    try {
      // Step 1: the course element "Written exam".
      await app.openWrittenExam();
      await page.getByRole('heading', { name: 'How the exam goes' }).waitFor();
      await page.getByText('Press the “Join meeting” button.').waitFor();
      await app.button('Check my computer').click();

      // The system check: camera and microphone allowed, then the entire screen shared.
      await app.heading('Computer check', 2).waitFor();
      await app.status('The camera works.').waitFor();
      await app.status('The microphone works').waitFor();
      await page.getByText('This is an estimate from your microphone').waitFor();
      const next = app.button('Continue to check-in');
      expect(await next.isDisabled()).toBe(true);
      await app.button('Share entire screen').click();
      await app.status('Your entire screen is shared.').waitFor();
      await next.click();

      // Step 3: the name as on the ID card; a wrong one is explained in words.
      await app.heading('Name and ID card', 2).waitFor();
      const name = page.getByRole('textbox', { name: 'Full name, exactly as on your ID card' });
      await name.fill('Әлибекова Аружан Қайратқызы');
      await app.button('Take a photo of the ID card').click();
      await page.getByRole('img', { name: 'Photo of your ID card' }).waitFor();
      await app.button('Take a photo of my face').click();
      await page.getByRole('img', { name: 'Photo of your face' }).waitFor();
      await app.button('Next').click();
      await page
        .getByText('“Әл” matches; from character 3 on it does not.', { exact: false })
        .waitFor();
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      await name.fill(STUDENT1_NAME);
      await app.button('Next').click();

      // The room scan (shortened to 2 s by ?scanSeconds=2).
      await app.heading('Desk and room', 2).waitFor();
      await app.button('Start recording').click();
      await app.status('The room scan is recorded (2 s).').waitFor();
      await app.button('Next').click();

      // Consent, then step 4: "Join meeting" — without a live proctor the work starts at once.
      await app.heading('Consent and joining', 2).waitFor();
      const join = app.button('Join meeting');
      expect(await join.isDisabled()).toBe(true);
      await page
        .getByRole('checkbox', {
          name: 'I agree that my camera, microphone and screen are recorded during the exam',
        })
        .check();
      await join.click();

      // Steps 8–9: "Add submission", then the work.
      await page.getByRole('heading', { name: 'Task' }).waitFor();
      await page.getByText('Name the three largest cities of Kazakhstan').waitFor();
      await page
        .getByRole('timer')
        .filter({ hasText: /Time left: (59|60):\d\d/ })
        .waitFor();
      await app.button('Add submission').click();
      const answer = 'Алматы, Астана, Шымкент — Қазақстанның ең ірі үш қаласы.';
      await app.typeAnswer(answer);
      await app.saveStatus(/^All changes saved/).waitFor();
      // This exam turns the automatic checks off: no "Automatic checks are starting…" line.
      expect(await page.getByRole('status').filter({ hasText: 'Automatic checks' }).count()).toBe(
        0,
      );

      // Files: a forbidden type is refused with a reason; a text file is attached.
      const fileInput = page.locator('input[type="file"]');
      await fileInput.setInputFiles({
        name: 'tool.exe',
        mimeType: 'application/x-msdownload',
        buffer: Buffer.from('MZ'),
      });
      await app.alert('tool.exe cannot be attached').waitFor();
      await fileInput.setInputFiles({
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Жоспар: 1) қалалар 2) ережелер'),
      });
      await app.status('notes.txt is attached.').waitFor();
      await page.getByRole('list', { name: 'Attached files' }).getByText('notes.txt').waitFor();

      // Step 10: "Submit assignment", confirmed, then the receipt.
      await app.button('Submit assignment').click();
      const confirm = page.getByRole('dialog', { name: 'Submit the assignment?' });
      await app.button('Submit assignment', confirm).click();
      await page.getByRole('status', { name: 'Your work is submitted' }).waitFor();
      await app.heading('Receipt', 2).waitFor();
      await page.getByText(sha256(asHtml(answer)), { exact: true }).waitFor();
      const readOnly = page.getByRole('textbox', { name: 'Your answer (read-only)' });
      expect(await app.answerText(readOnly)).toBe(answer);
      expect(await readOnly.getAttribute('contenteditable')).toBe('false');

      const { session } = await studentApi(server.url, 'student1');
      const s = await session();
      expect(s.state.status).toBe('submitted');
      expect(s.state.finalAnswerHash).toBe(sha256(asHtml(answer)));
      // What the student handed in (the detectors' snapshots, `flag-evidence`, come and go with
      // what the fake camera shows, so they are not counted here).
      const handedIn = s.files.map((f) => f.kind).filter((k) => k !== 'flag-evidence');
      expect(handedIn.sort()).toEqual(['attachment', 'face', 'id-document', 'room-scan']);
    } finally {
      await app.close();
    }
  });

  it('a window or a tab shared instead of the entire screen is refused with an explanation', async () => {
    const app = await WrittenExamPage.logIn(browser, server.url, 'student3', {
      initScript: PICK_A_WINDOW,
    });
    try {
      await app.openWrittenExam();
      await app.button('Check my computer').click();
      await app.status('The camera works.').waitFor();
      await app.button('Share entire screen').click();
      await app
        .status('You shared a window or a browser tab. The exam needs the entire screen')
        .waitFor();
      expect(await app.button('Continue to check-in').isDisabled()).toBe(true);
      // Still offered again, and nothing of the refused share is kept.
      await app.button('Share entire screen').waitFor();
      expect(await app.page.getByRole('img', { name: 'What you share' }).count()).toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe('nothing typed is lost', () => {
  it('a reload mid-exam, even while the server cannot be reached, loses no character; it is sent afterwards', async () => {
    const { session } = await checkInThroughApi(server.url, 'student2', 'Нұрланов Дәулет Серікұлы');
    const app = await WrittenExamPage.logIn(browser, server.url, 'student2');
    const { page } = app;
    try {
      await app.openWrittenExam();
      await app.shareScreenAgain();
      await app.button('Add submission').click();
      const first = 'Бірінші бөлім. ';
      await app.typeAnswer(first);
      await app.saveStatus(/^All changes saved/).waitFor();

      // The server stops hearing the answers; the student keeps typing, then reloads at once.
      await page.route('**/api/sessions/*/answers', (route) => route.abort('internetdisconnected'));
      const second = 'Екінші бөлім: интернет жоқ кезде терілді.';
      await app.typeAnswer(second);
      await app.saveStatus(/^No connection/).waitFor();
      await page.reload();
      await app.shareScreenAgain();
      expect(await app.answerText()).toBe(first + second);
      expect((await session()).answer?.body).toBe(asHtml(first));

      // The connection returns: the text restored from this device reaches the server.
      await page.unroute('**/api/sessions/*/answers');
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await app.saveStatus(/^All changes saved/).waitFor();
      expect((await session()).answer?.body).toBe(asHtml(first + second));

      // And a plain reload right after typing keeps the last characters too.
      await app.typeAnswer(' Соңы.');
      await page.reload();
      await app.shareScreenAgain();
      expect(await app.answerText()).toBe(`${first + second} Соңы.`);
      await app.saveStatus(/^All changes saved/).waitFor();
      expect((await session()).answer?.body).toBe(asHtml(`${first + second} Соңы.`));
    } finally {
      await app.close();
    }
  });

  it('60 s offline while typing and attaching (HTTP and socket cut): everything arrives after reconnecting, and the outage is recorded with its length', async () => {
    const { session, sessionId } = await checkInThroughApi(
      server.url,
      'student4',
      'Өмірзақов Ғалымжан Бауыржанұлы',
    );
    const app = await WrittenExamPage.logIn(browser, server.url, 'student4');
    const { page } = app;
    try {
      const network = await app.cuttableNetwork();
      await app.openWrittenExam();
      await app.shareScreenAgain();
      await app.button('Add submission').click();
      const online = 'Желі бар. ';
      await app.typeAnswer(online);
      await app.saveStatus(/^All changes saved/).waitFor();

      // 60 s of real offline time, the student typing at a person's pace and attaching files.
      await network.cut();
      const cutAt = Date.now();
      let offline = '';
      const attached: string[] = [];
      for (let i = 1; Date.now() - cutAt < 60_000; i++) {
        const sentence = `${i}-сөйлем желі жоқ кезде жазылды. `;
        await app.answerBox().click();
        await page.keyboard.press('ControlOrMeta+End');
        await page.keyboard.type(sentence, { delay: 60 });
        offline += sentence;
        if (attached.length < 3) {
          const name = `offline-${attached.length + 1}.txt`;
          await page.locator('input[type="file"]').setInputFiles({
            name,
            mimeType: 'text/plain',
            buffer: Buffer.from(`attached while offline: ${name}`),
          });
          await app.alert(`${name} was not attached`).waitFor();
          attached.push(name);
        }
        await app.saveStatus(/^No connection/).waitFor();
      }
      expect(attached).toHaveLength(3);
      expect((await session()).answer?.body).toBe(asHtml(online));

      // Back online: the socket reconnects by itself, the outbox drains, the files go again.
      await network.restore();
      await app.saveStatus(/^All changes saved/).waitFor();
      await app.status('offline-3.txt is attached.').waitFor();
      const s = await session();
      expect(s.answer?.body).toBe(asHtml(online + offline));
      expect(s.files.filter((f) => f.kind === 'attachment').map((f) => f.name)).toEqual(attached);
      // The server recorded the outage in the session's audit chain, with its length.
      await expect
        .poll(async () => (await outages(sessionId)).restored, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(60_000);

      // The student tells about it: the exam pauses with an incident, and goes on after.
      await app.button('Report a technical problem').click();
      const report = page.getByRole('dialog', { name: 'Report a technical problem' });
      await report.getByRole('radio', { name: 'The internet was lost' }).check();
      await app.button('Report and pause', report).click();
      await app.alert('The exam is paused').waitFor();
      expect(await app.answerBox().getAttribute('contenteditable')).toBe('false');
      expect((await session()).state.incidents).toEqual([
        expect.objectContaining({ kind: 'internet-lost', reportedBy: 'student' }),
      ]);
      await app.button('Resume').click();
      await app.alert('The exam is paused').waitFor({ state: 'detached' });
      await app.typeAnswer('Ok.');
      await app.saveStatus(/^All changes saved/).waitFor();
      expect((await session()).answer?.body).toBe(asHtml(`${online + offline}Ok.`));
    } finally {
      await app.close();
    }
  }, 180_000);
});

describe('the server restarts mid-exam', () => {
  it('the student goes on without reloading: what was typed meanwhile arrives, and the work is submitted', async () => {
    let own = await startTestServer({ demo: true });
    try {
      const { session } = await checkInThroughApi(own.url, 'student5', 'Үсенова Іңкәр Һадиқызы');
      const app = await WrittenExamPage.logIn(browser, own.url, 'student5');
      const { page } = app;
      try {
        await app.openWrittenExam();
        await app.shareScreenAgain();
        let navigations = 0;
        page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations++);
        await app.button('Add submission').click();
        const before = 'Before the restart. ';
        await app.typeAnswer(before);
        await app.saveStatus(/^All changes saved/).waitFor();

        const { dataDir, port } = own;
        await own.close({ keepData: true });
        const during = 'Typed while the server was down.';
        await app.typeAnswer(during);
        await app.saveStatus(/^No connection/).waitFor();

        own = await startTestServer({ demo: true, dataDir, port });
        await app.saveStatus(/^All changes saved/).waitFor();
        expect((await session()).answer?.body).toBe(asHtml(before + during));

        await app.button('Submit assignment').click();
        const confirm = page.getByRole('dialog', { name: 'Submit the assignment?' });
        await app.button('Submit assignment', confirm).click();
        await page.getByText(sha256(asHtml(before + during)), { exact: true }).waitFor();
        expect(navigations).toBe(0);
      } finally {
        await app.close();
      }
    } finally {
      await own.close();
    }
  });
});
