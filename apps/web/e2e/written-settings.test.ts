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
import { fill, sitWithOwnSettings } from './written-settings.page.ts';
import { sha256, studentApi } from './written-exam.page.ts';

const TITLE = 'Эссе: өз ережелері бар емтихан';
const LIMIT = 300;
const STATEMENT = {
  kk: 'Бұл жұмысты өзім жазғанымды растаймын',
  ru: 'Подтверждаю, что написал(а) эту работу сам(а)',
  en: 'I confirm that I wrote this work myself',
};
const w = kk.written;
const rules = kk.examRules;

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

      await sitWithOwnSettings(page, server.url, {
        title: TITLE,
        limit: LIMIT,
        roomScan: false,
        statement: STATEMENT.kk,
        // The examiner's instructions, read-only and inert.
        async onOverview() {
          await heading(rules.instructions, 3).waitFor();
          const instructions = page.getByRole('textbox', { name: rules.instructions, exact: true });
          expect(await instructions.innerText()).toBe('Эссені үш бөлімге бөліңіз.');
          expect(await instructions.getAttribute('contenteditable')).toBe('false');
          expect(await page.evaluate(() => (window as { __hacked?: number }).__hacked)).toBe(
            undefined,
          );
        },
        // A plain editor; one attachment, a PDF: a text file is refused with the types named.
        async beforeSubmit() {
          expect(await page.getByRole('toolbar', { name: kk.editor.toolbar }).count()).toBe(0);
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
        },
      });

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
