// An exam's own settings in the student's browser (Kazakh, the demo's default language), against
// the real server: no live proctor, no room scan, no screen sharing, a word limit of 300, one
// PDF attachment, a statement to tick before "Submit assignment", and the examiner's
// instructions on the exam page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { answerWordCount } from '@emtihan/domain';
import kk from '../src/i18n/locales/kk.json';
import { addDemoWrittenExam, startTestServer, type TestServer } from '../../server/test/harness.ts';
import { launchChromium } from './emtihan.page.ts';
import { sha256, studentApi } from './written-exam.page.ts';

const TITLE = 'Эссе: өз ережелері бар емтихан';
const LIMIT = 300;
const STATEMENT = {
  kk: 'Бұл жұмысты өзім жазғанымды растаймын',
  ru: 'Подтверждаю, что написал(а) эту работу сам(а)',
  en: 'I confirm that I wrote this work myself',
};
const STUDENT2_NAME = 'Нұрланов Дәулет Серікұлы';
const w = kk.written;
const rules = kk.examRules;
/** A kk.json message with its {{placeholders}} filled in. */
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name]));

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
  await addDemoWrittenExam(server, {
    id: 'settings-e2e',
    title: TITLE,
    instructions:
      '<p>Эссені <strong>үш бөлімге</strong> бөліңіз.</p><script>window.__hacked = 1</script>',
    settings: {
      liveProctoring: false,
      roomScanRequired: false,
      // The face and object models are the detection test's; here they would only take CPU.
      automaticChecks: false,
      media: { camera: true, microphone: true, screen: false },
      answer: { richText: false, wordLimit: LIMIT, statement: STATEMENT },
      attachments: { maxFiles: 1, maxBytes: 1024 * 1024 },
      attachmentTypes: ['pdf'],
    },
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('an exam with its own settings, in Kazakh', () => {
  it('student2 checks in without sharing the screen, writes up to the word limit, attaches one PDF, ticks the statement and submits', async () => {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      permissions: ['camera', 'microphone'],
    });
    const page = await context.newPage();
    const button = (name: string, scope = page.locator('body')) =>
      scope.getByRole('button', { name, exact: true });
    const heading = (name: string, level: number) =>
      page.getByRole('heading', { name, level, exact: true });
    try {
      await page.goto(new URL('/login', server.url).href);
      await page.getByRole('textbox', { name: kk.login.login, exact: true }).fill('student2');
      await page.getByRole('textbox', { name: kk.login.password, exact: true }).fill('demo');
      await button(kk.login.submit).click();
      await heading(kk.student.title, 1).waitFor();

      // The exam page: the examiner's instructions, read-only and inert; no screen-sharing step.
      const link = page.getByRole('link', { name: fill(w.openFor, { title: TITLE }), exact: true });
      const href = await link.getAttribute('href');
      await page.goto(new URL(`${href}?scanSeconds=2`, server.url).href);
      await heading(TITLE, 1).waitFor();
      await heading(rules.instructions, 3).waitFor();
      // Recorded only, without the screen: the page says only the camera is recorded.
      await page.getByText(w.overview.noLiveProctorCamera, { exact: true }).waitFor();
      const instructions = page.getByRole('textbox', { name: rules.instructions, exact: true });
      expect(await instructions.innerText()).toBe('Эссені үш бөлімге бөліңіз.');
      expect(await instructions.getAttribute('contenteditable')).toBe('false');
      expect(await page.evaluate(() => (window as { __hacked?: number }).__hacked)).toBe(undefined);
      await page.getByText(w.overview.step['4'], { exact: true }).waitFor();
      expect(await page.getByText(w.overview.step['6'], { exact: true }).count()).toBe(0);
      const stepper = page.getByText(w.steps['room-scan'], { exact: true });
      expect(await stepper.count()).toBe(0);
      await button(w.overview.start).click();

      // The computer check asks for the camera and the microphone, never for the screen.
      await heading(w.steps.system, 2).waitFor();
      await page.getByRole('status').filter({ hasText: w.check.camera.on }).waitFor();
      await page.getByRole('status').filter({ hasText: w.check.microphone.on }).waitFor();
      const devices = ['камера', 'микрофон'].join(', ');
      await page.getByText(fill(rules.checkIntro, { devices }), { exact: true }).waitFor();
      expect(await button(w.shareEntireScreen).count()).toBe(0);
      expect(await page.getByText(w.check.screen.title, { exact: true }).count()).toBe(0);
      await button(w.check.continue).click();

      // Name and ID card, then consent to what this exam records, and "Join meeting".
      await heading(w.steps.identity, 2).waitFor();
      await page.getByRole('textbox', { name: w.identity.name }).fill(STUDENT2_NAME);
      await button(w.identity.takeId).click();
      await page.getByRole('img', { name: w.identity.idPhoto }).waitFor();
      await button(w.identity.takeFace).click();
      await page.getByRole('img', { name: w.identity.facePhoto }).waitFor();
      await button(w.next).click();
      await heading(w.steps.join, 2).waitFor();
      const recorded = ['камера', 'микрофон'].join(', ');
      await page
        .getByText(fill(rules.consentWhat, { devices: recorded }), { exact: true })
        .waitFor();
      await page.getByRole('checkbox', { name: rules.consentRecording }).check();
      await button(w.joinMeeting).click();

      // The work: nothing covers it (no screen to share), a plain editor without formatting.
      await button(w.addSubmission).click();
      const answer = page.getByRole('textbox', { name: w.work.answer, exact: true });
      await answer.waitFor();
      expect(await page.getByRole('dialog', { name: w.gate.screenTitle }).count()).toBe(0);
      expect(await page.getByRole('toolbar', { name: kk.editor.toolbar }).count()).toBe(0);

      // 300 words go in; the word after them does not, and the student is told why.
      const words = Array.from({ length: LIMIT }, (_, i) => `сөз${i + 1}`).join(' ');
      await answer.click();
      await page.keyboard.insertText(words);
      const count = page.getByText(fill(rules.words, { n: LIMIT, max: LIMIT }), { exact: true });
      await count.waitFor();
      expect(await count.getAttribute('aria-live')).toBe('polite');
      const reached = fill(rules.wordLimitReached, { max: LIMIT });
      expect(await page.getByRole('status').filter({ hasText: reached }).count()).toBe(0);
      await page.keyboard.type(' артық');
      await page.getByRole('status').filter({ hasText: reached }).waitFor();
      expect((await answer.innerText()).trim()).toBe(words);
      await count.waitFor();
      await page.locator('[data-save-state="saved"]').waitFor();

      // One attachment, a PDF: a text file is refused with the exam's types named.
      const fileInput = page.locator('input[type="file"]');
      expect(await fileInput.getAttribute('accept')).toBe('.pdf,application/pdf');
      await fileInput.setInputFiles({
        name: 'жоспар.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('жоспар'),
      });
      await page
        .getByRole('alert')
        .filter({ hasText: fill(rules.attachmentType, { name: 'жоспар.txt', types: 'PDF' }) })
        .waitFor();
      await fileInput.setInputFiles({
        name: 'эссе.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 эссе'),
      });
      await page
        .getByRole('status')
        .filter({ hasText: fill(w.files.added, { name: 'эссе.pdf' }) })
        .waitFor();
      expect(await button(w.files.attach).isDisabled()).toBe(true);

      // "Submit assignment" waits for the statement, in the student's language.
      const submit = button(w.submitAssignment);
      expect(await submit.isDisabled()).toBe(true);
      await page.getByRole('checkbox', { name: STATEMENT.kk, exact: true }).check();
      expect(await submit.isDisabled()).toBe(false);
      await submit.click();
      const confirm = page.getByRole('dialog', { name: w.submit.title });
      await button(w.submitAssignment, confirm).click();
      await page.getByRole('status', { name: w.ended.submitted.title }).waitFor();
      await heading(w.receipt.title, 2).waitFor();

      // What the server holds: 300 words, the PDF, the photos — and nothing of a screen.
      const { session } = await studentApi(server.url, 'student2', TITLE);
      const s = await session();
      expect(s.state.status).toBe('submitted');
      expect(answerWordCount(s.answer!.body)).toBe(LIMIT);
      expect(s.state.finalAnswerHash).toBe(sha256(s.answer!.body));
      const handedIn = s.files.map((f) => f.kind).filter((k) => k !== 'flag-evidence');
      expect(handedIn.sort()).toEqual(['attachment', 'face', 'id-document']);
    } finally {
      await context.close();
    }
  });
});
