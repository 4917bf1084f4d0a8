// An examiner creates and publishes a written exam in the browser, in Kazakh (ADR 0017): the
// window in the university's zone, recorded only, camera but not screen, a word limit, one
// attachment, a submission statement. A field in error is explained next to it and nothing is
// saved; a draft is never shown to a student, the published exam is, and student2 sits it. With SHOTS_DIR the form is
// photographed in kk, ru and en at 1366×768.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToZoned, zonedToIso, type ExamDetail } from '@emtihan/protocol';
import { TestClient } from '../../server/test/client.ts';
import { startTestServer, type TestServer } from '../../server/test/harness.ts';
import { EmtihanPage, launchChromium } from './emtihan.page.ts';
import { studentApi } from './written-exam.page.ts';
import { sitWithOwnSettings } from './written-settings.page.ts';

let server: TestServer;
let browser: Browser;
const SHOTS = process.env.SHOTS_DIR;
const TITLE = 'Эссе: Абай жолы';

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** An instant `minutes` from now on the university's clock (Asia/Almaty, the server's default). */
function almatyIn(minutes: number): { date: string; time: string } {
  return isoToZoned(new Date(Date.now() + minutes * 60_000).toISOString(), 'Asia/Almaty');
}

/** Tomorrow's date on the university's calendar (Asia/Almaty, the server's default). */
function tomorrowInAlmaty(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(
    new Date(Date.now() + 24 * 3600_000),
  );
  return parts; // en-CA writes YYYY-MM-DD
}

/** The titles on the exam cards, once the list has loaded (student2 has the demo's exams). */
async function examCardTitles(page: Page): Promise<string[]> {
  await page.getByRole('article').first().waitFor();
  return page.getByRole('article').getByRole('heading', { level: 2 }).allInnerTexts();
}

describe('exam authoring in the browser', () => {
  it('examiner1 creates a written exam in Kazakh, a bad window is explained at its field and not saved, and only the published exam reaches student2', async () => {
    const examiner = await EmtihanPage.open(browser, server.url, '/');
    const student = await EmtihanPage.open(browser, server.url, '/');
    const api = new TestClient(server.url);
    await api.login('examiner1');
    try {
      await examiner.logIn('examiner1', 'demo', 'kk');
      await examiner.seeHeading('Менің емтихандарым');
      const { page } = examiner;
      await page.getByRole('link', { name: 'Жаңа жазбаша емтихан' }).click();
      await examiner.seeHeading('Жаңа жазбаша емтихан');

      // Basics: the only course is chosen; a title and a task.
      await expect.poll(() => page.getByLabel(/^Курс/).first().inputValue()).toBe('Demo course');
      await page.getByRole('textbox', { name: 'Атауы' }).fill(TITLE);
      await page.getByRole('textbox', { name: 'Тапсырма' }).click();
      await page.keyboard.type('Абай жолы романы туралы эссе жазыңыз.');

      // Time: a custom window, open from a few minutes ago (student2 sits it below), that
      // closes before it opens.
      await page.getByRole('tab', { name: 'Уақыт' }).click();
      await page.getByText(/Уақыт университеттің уақыт белдеуі бойынша: Asia\/Almaty/).waitFor();
      const opens = almatyIn(-10);
      const closesEarly = almatyIn(-20);
      const closesLate = almatyIn(180);
      await page.getByLabel('Ашылатын күні').fill(opens.date);
      await page.getByLabel('Ашылатын уақыты').fill(opens.time);
      await page.getByLabel('Жабылатын күні').fill(closesEarly.date);
      await page.getByLabel('Жабылатын уақыты').fill(closesEarly.time);
      await page.getByRole('textbox', { name: 'Ұзақтығы' }).fill('45');

      // Proctoring: recorded only, camera required, the screen not.
      await page.getByRole('tab', { name: 'Прокторинг' }).click();
      await page.getByRole('radio', { name: /^Тек жазба/ }).click();
      await expect
        .poll(() => page.getByRole('switch', { name: 'Камера міндетті' }).isChecked())
        .toBe(true);
      await page.getByRole('switch', { name: 'Бүкіл экранды көрсету міндетті' }).uncheck();

      // The answer: at most 300 words, one attachment, a statement in three languages.
      await page.getByRole('tab', { name: 'Жауап' }).click();
      await page.getByRole('textbox', { name: 'Сөз саны шектеуі' }).fill('300');
      await page.getByRole('textbox', { name: 'Файлдар саны' }).fill('1');
      await page
        .getByRole('switch', { name: 'Студенттер тапсырар алдында мәлімдемені растайды' })
        .check();
      await expect
        .poll(() => page.getByRole('textbox', { name: 'Мәлімдеме — Қазақша' }).inputValue())
        .toBe('Бұл жұмысты емтихан ережелерін сақтай отырып, өзім орындағанымды растаймын.');

      // Saving: refused in the browser, explained next to the closing date in Kazakh.
      await page.getByRole('button', { name: 'Жобаны сақтау' }).click();
      await examiner.seeAlert('Ештеңе сақталмады.');
      const closes = page.getByLabel('Жабылатын күні');
      await expect.poll(() => closes.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await closes.getAttribute('aria-describedby')) ?? '';
      const explanation = page.locator(`[id="${describedBy.split(' ').at(-1)}"]`);
      expect(await explanation.innerText()).toBe('Емтихан ашылғаннан кейін жабылуы керек.');
      await page
        .getByRole('tab', { name: /^Уақыт/ })
        .getByText('1')
        .waitFor();
      const mine = async () =>
        ((await api.call('listExams')).body.exams as { title: string }[]).filter(
          (e) => e.title === TITLE,
        );
      expect(await mine()).toEqual([]);
      expect(new URL(page.url()).pathname).toBe('/examiner/exams/new');

      // Corrected, it is saved as a draft.
      await page.getByLabel('Жабылатын күні').fill(closesLate.date);
      await page.getByLabel('Жабылатын уақыты').fill(closesLate.time);
      // The explanation follows the field as it is corrected.
      await expect.poll(() => closes.getAttribute('aria-invalid')).not.toBe('true');
      await page.getByRole('button', { name: 'Жобаны сақтау' }).click();
      await examiner.seeStatus('Жоба сақталды.');
      await page.waitForURL(/\/examiner\/exams\/[^/]+\/edit$/);
      const examId = new URL(page.url()).pathname.split('/')[3]!;
      await page.getByText('Жоба', { exact: true }).first().waitFor();

      const saved = (await api.call('getExam', { params: { examId } })).body as ExamDetail;
      expect(saved.exam.status).toBe('draft');
      expect(saved.draft).toMatchObject({
        title: TITLE,
        opensAt: zonedToIso(opens.date, opens.time, 'Asia/Almaty'),
        closesAt: zonedToIso(closesLate.date, closesLate.time, 'Asia/Almaty'),
        durationMinutes: 45,
      });
      expect(saved.draft.settings).toMatchObject({
        liveProctoring: false,
        media: { camera: true, screen: false },
        answer: { wordLimit: 300 },
        attachments: { maxFiles: 1 },
      });
      expect(saved.draft.settings.answer.statement?.ru).toBe(
        'Подтверждаю, что выполнил(а) эту работу самостоятельно, соблюдая правила экзамена.',
      );
      expect(saved.publishProblems).toEqual([]);

      // A draft is never shown to a student.
      await student.logIn('student2', 'demo', 'kk');
      expect(await examCardTitles(student.page)).not.toContain(TITLE);

      // Published: student2 sees it.
      await page.getByRole('button', { name: 'Жариялау' }).click();
      await examiner.seeStatus('Жарияланды.');
      await page.getByText('Жарияланған', { exact: true }).first().waitFor();
      await student.page.reload();
      await student.page.getByRole('heading', { level: 2, name: TITLE }).waitFor();
      expect(await mine()).toHaveLength(1);
      if (SHOTS) await photograph(examiner, examId);

      // student2 sits it: no screen-sharing step, the count stops at 300 words, and "Submit
      // assignment" waits for the statement the examiner turned on.
      await student.context.grantPermissions(['camera', 'microphone']);
      const words = await sitWithOwnSettings(student.page, server.url, {
        title: TITLE,
        limit: 300,
        roomScan: true,
        statement: 'Бұл жұмысты емтихан ережелерін сақтай отырып, өзім орындағанымды растаймын.',
      });
      const { session } = await studentApi(server.url, 'student2', TITLE);
      const sat = await session();
      expect(sat.state.status).toBe('submitted');
      expect(sat.answer!.body).toContain(words.split(' ').at(-1));
    } catch (e) {
      if (SHOTS) {
        await examiner.page.screenshot({ path: `${SHOTS}/authoring-failed.png` });
        console.log(await examiner.page.locator('main').ariaSnapshot());
      }
      throw e;
    } finally {
      await examiner.close();
      await student.close();
    }
  }, 180_000);
});

describe('presets and the timetable import', () => {
  it('the admin makes a default preset that a new exam starts from and imports a timetable once its bad row is explained and corrected; the examiner copies, deletes and publishes from the cards', async () => {
    const admin = await EmtihanPage.open(browser, server.url, '/');
    const examiner = await EmtihanPage.open(browser, server.url, '/');
    try {
      await admin.chooseLanguage('en');
      await admin.logIn('admin', 'demo');
      const { page } = admin;
      await admin.link('Exam presets').click();
      await admin.seeHeading('Exam presets');
      await admin.button('New preset').click();
      await page.getByRole('textbox', { name: 'Name' }).fill('Finals, recorded');
      await page.getByRole('checkbox', { name: 'Default preset' }).check();
      await page.getByRole('textbox', { name: 'Duration' }).fill('90');
      await page.getByRole('tab', { name: 'Proctoring' }).click();
      await page.getByRole('radio', { name: /^Recorded only/ }).click();
      await admin.button('Save preset').click();
      await admin.seeStatus('Preset “Finals, recorded” created.');
      const row = page.getByRole('row', { name: /Finals, recorded/ });
      await row.getByText('Default', { exact: true }).waitFor();
      await row.getByText(/^90 min, check-in 20 min before · Recorded only$/).waitFor();
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/presets-en.png` });

      // The timetable: the second row closes before it opens.
      await admin.goto('/admin');
      await admin.link('Import exam timetable').click();
      await admin.seeHeading('Import exam timetable (CSV)');
      const day = tomorrowInAlmaty();
      const csv = (closes: string) =>
        [
          'course;title;opens_at;closes_at;duration_minutes;instructions;publish',
          `Demo course;Quiz 1;${day} 10:00;${day} 11:00;30;;no`,
          `Demo course;Quiz 2;${day} 14:00;${day} ${closes};30;Bring a calculator.;no`,
        ].join('\n');
      const text = page.getByRole('textbox', { name: 'CSV text' });
      await text.fill(csv('13:00'));
      await admin.button('Check').click();
      const bad = page.getByRole('row', { name: /Quiz 2/ });
      await bad.getByText('The exam must close after it opens.').waitFor();
      await expect.poll(() => admin.button('Import').isDisabled()).toBe(true);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/exam-import-en.png`, fullPage: true });
      await text.fill(csv('15:00'));
      await admin.button('Check').click();
      await admin.seeStatus('All rows are correct (2). You can import them.');
      await admin.button('Import').click();
      await admin.seeStatus('Exams created: 2.');

      // A new exam starts from the default preset.
      await examiner.chooseLanguage('en');
      await examiner.logIn('examiner1', 'demo');
      await examiner.page.getByRole('article', { name: 'Quiz 2' }).getByText('Draft').waitFor();
      await examiner.link('New written exam').click();
      await examiner.seeHeading('New written exam');
      await expect
        .poll(() => examiner.page.getByLabel('Preset', { exact: true }).first().inputValue())
        .toBe('Finals, recorded (default)');
      await examiner.page.getByRole('tab', { name: 'Time' }).click();
      expect(await examiner.page.getByRole('textbox', { name: 'Duration' }).inputValue()).toBe(
        '90 min',
      );

      // The cards: a copy opens in the editor, is deleted after a confirmation; a draft without
      // content is not published (and says why), one with instructions is.
      await examiner.goto('/examiner');
      await examiner.button('Duplicate “Quiz 1”').click();
      await examiner.seeStatus('A copy is made as a draft');
      await examiner.page.waitForURL(/\/examiner\/exams\/[^/]+\/edit$/);
      await examiner.link('Back to my exams').click();
      await examiner.page.getByRole('article', { name: 'Quiz 1' }).nth(1).waitFor();
      await examiner.button('Delete “Quiz 1”').last().click();
      const dialog = examiner.dialog('Delete “Quiz 1”?');
      await dialog.getByRole('button', { name: 'Delete the exam' }).click();
      await examiner.seeStatus('“Quiz 1” is deleted.');
      await expect
        .poll(() => examiner.page.getByRole('article', { name: 'Quiz 1' }).count())
        .toBe(1);
      await examiner.button('Publish “Quiz 1”').click();
      await examiner.page
        .getByRole('article', { name: 'Quiz 1' })
        .getByRole('alert')
        .getByText('Write the task or the instructions for students.')
        .waitFor();
      await examiner.button('Publish “Quiz 2”').click();
      await examiner.seeStatus('“Quiz 2” is published.');
      await examiner.page
        .getByRole('article', { name: 'Quiz 2' })
        .getByText('Published', { exact: true })
        .waitFor();
    } finally {
      await admin.close();
      await examiner.close();
    }
  }, 180_000);
});

/** The form's tabs in kk, ru and en, at the laptop size the product is used on. */
async function photograph(app: EmtihanPage, examId: string) {
  const { page } = app;
  const tabs: Record<'kk' | 'ru' | 'en', string[]> = {
    kk: ['Негізгі', 'Уақыт', 'Жауап', 'Прокторинг', 'Ережелер'],
    ru: ['Основное', 'Время', 'Ответ', 'Прокторинг', 'Правила'],
    en: ['Basics', 'Time', 'The answer', 'Proctoring', 'Rules'],
  };
  for (const lang of ['kk', 'ru', 'en'] as const) {
    await app.goto(`/examiner/exams/${examId}/edit`);
    await app.chooseLanguage(lang);
    for (const [i, name] of tabs[lang].entries()) {
      await page.getByRole('tab', { name }).click();
      await page.waitForTimeout(150);
      await page.screenshot({ path: `${SHOTS}/authoring-${lang}-${i}.png` });
    }
  }
  await app.goto('/examiner');
  await app.page.getByRole('article').first().waitFor();
  await page.screenshot({ path: `${SHOTS}/authoring-home-en.png` });
  await app.goto('/examiner/exams/new?kind=oral');
  await app.chooseLanguage('kk');
  await app.page.getByRole('tab', { name: 'Уақыт' }).click();
  await page.screenshot({ path: `${SHOTS}/authoring-new-oral-kk.png` });
  await app.chooseLanguage('en');
  await app.goto('/examiner/exams/new?kind=written');
  await app.page.getByRole('tab', { name: 'Time' }).click();
  await page.screenshot({ path: `${SHOTS}/authoring-new-en.png` });
}
