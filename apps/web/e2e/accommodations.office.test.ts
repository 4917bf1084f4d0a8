// Accommodations in the browser (ADR 0018): office1 (the accommodations duty) gives a student a
// ×1.5 profile with a reason and sees it in the list and in the student's history; a factor of
// 0.9 is explained next to its field and nothing is saved. The examiner sees what the profile does
// to a 60-minute exam and gives another student a window of their own, which that student (and no
// other) sees on their home. With SHOTS_DIR every page
// is photographed in kk, ru and en at 1366×768.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToZoned } from '@emtihan/protocol';
import { TestClient } from '../../server/test/client.ts';
import { startTestServer, type TestServer } from '../../server/test/harness.ts';
import { EmtihanPage, launchChromium } from './emtihan.page.ts';

let server: TestServer;
let browser: Browser;
const SHOTS = process.env.SHOTS_DIR;
const STUDENT3 = 'Ivanova Maria Sergeyevna';
const STUDENT2 = 'Нұрланов Дәулет Серікұлы';
const EXAM = 'Written exam';

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The explanation shown under an input (its last aria-describedby). */
async function explanationOf(page: Page, input: Locator): Promise<string> {
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(' | ');
}

/** The input labelled `label` (a required one's name ends with " *"). */
function field(scope: Locator, label: string): Locator {
  return scope.getByRole('textbox', { name: new RegExp(`^${label}( \\*)?$`) });
}

/** Picks an option of a select; a searchable one gets `typed` first. */
async function pick(page: Page, scope: Locator, label: string, typed: string, option: string) {
  const input = scope.getByRole('combobox', { name: label, exact: true });
  await input.click();
  if (typed) await input.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** An instant `hours` from now on the university's clock (Asia/Almaty, the server's default). */
function almatyIn(hours: number): { date: string; time: string } {
  return isoToZoned(new Date(Date.now() + hours * 3600_000).toISOString(), 'Asia/Almaty');
}

describe('accommodations in the browser', () => {
  it('office1 sets a ×1.5 profile with a reason (0.9 is refused at its field first); the examiner sees its effect and gives another student their own window', async () => {
    const office = await EmtihanPage.open(browser, server.url, '/');
    const examiner = await EmtihanPage.open(browser, server.url, '/');
    const api = new TestClient(server.url);
    await api.login('office1');
    try {
      await office.chooseLanguage('en');
      await office.logIn('office1', 'demo');
      await office.seeHeading('Accommodations');
      const { page } = office;
      expect(await office.navLink('Accommodations').getAttribute('aria-current')).toBe('page');
      await page.getByText(/No student has an accommodation yet/).waitFor();

      // A factor of 0.9: said next to the factor, nothing saved.
      await office.button('Add accommodation').click();
      const form = office.dialog('Add accommodation');
      await pick(page, form, 'Student', 'student3', `${STUDENT3} (student3, DEMO-101)`);
      await pick(page, form, 'Time factor', '', 'Another factor…');
      await field(form, 'Factor').fill('0.9');
      await form.getByRole('checkbox', { name: /^Face checks/ }).check();
      await form
        .getByRole('textbox', { name: 'Note for the proctor' })
        .fill('May look away from the camera: uses a magnifier.');
      await form.getByRole('textbox', { name: 'Document reference' }).fill('DOC-2026-014');
      await field(form, 'Reason for the change').fill(
        'Certificate from the disability office, March 2026',
      );
      await form.getByRole('button', { name: 'Save accommodation' }).click();
      await office.seeAlert('Nothing was saved.');
      expect(await explanationOf(page, field(form, 'Factor'))).toContain(
        'The factor cannot be below ×1: an accommodation never shortens an exam.',
      );
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/office-form-error-en.png` });
      expect((await api.call('listAccommodations')).body.accommodations).toEqual([]);

      // ×1.5 from the list: saved, shown in the list with its effect.
      await pick(page, form, 'Time factor', '', '×1.5');
      await form.getByText('On a 60-minute exam the student gets 90 min (60 min × 1.5).').waitFor();
      await form.getByRole('button', { name: 'Save accommodation' }).click();
      await office.seeStatus(`Accommodation of ${STUDENT3} added.`);
      await form.waitFor({ state: 'detached' });
      const row = page.getByRole('row').filter({ hasText: STUDENT3 });
      await row.getByText('time ×1.5, no face checks').waitFor();
      await row.getByText('In force').waitFor();
      const saved = (await api.call('listAccommodations')).body.accommodations as {
        studentLogin: string;
        timeFactor: number;
        skippedChecks: string[];
      }[];
      expect(saved).toMatchObject([
        { studentLogin: 'student3', timeFactor: 1.5, skippedChecks: ['faces'] },
      ]);

      // The search finds the student by login, and nobody for another name.
      const search = page.getByRole('searchbox', { name: 'Find a student' });
      await search.fill('zzz');
      await page.getByText('No student matches “zzz”.').waitFor();
      await search.fill('STUDENT3');
      await row.waitFor();

      // The history: who, why, before → after.
      await office.button(`History of changes for ${STUDENT3}`).click();
      const history = office.dialog(`History of changes: ${STUDENT3}`);
      await history.getByText('Accommodation added').waitFor();
      await history.getByText('Certificate from the disability office, March 2026').waitFor();
      await history.getByText(/Жақыпова Сәуле Ерланқызы/).waitFor();
      await history.getByText(/Time factor: — → ×1\.5/).waitFor();
      await history.getByText(/Checks left out: — → Face checks/).waitFor();
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/office-history-en.png` });
      await page.keyboard.press('Escape');
      await history.waitFor({ state: 'detached' });

      // The CSV import: a row for an unknown login is explained on its line and nothing is
      // imported; without it, the file is imported.
      await page.getByRole('tab', { name: 'Import from a CSV file' }).click();
      const header =
        'login,time_factor,extra_minutes,break_minutes,skip_checks,proctor_note,document_ref,valid_until';
      const good = 'student1,1.25,10,,,,,2026-12-31';
      await field(page.getByRole('tabpanel'), "The file's text").fill(
        [header, good, 'nobody9,1.5,,,,,,'].join('\n'),
      );
      await field(page.getByRole('tabpanel'), 'Reason for the change').fill('Spring session list');
      await office.button('Check the file').click();
      await office.seeAlert('Rows with problems: 1 of 2.');
      await page
        .getByRole('row')
        .filter({ hasText: 'nobody9' })
        .getByText('No student has this login.')
        .waitFor();
      expect(await office.button('Import').isDisabled()).toBe(true);
      if (SHOTS) {
        await page.waitForTimeout(600); // the smooth scroll to the outcome
        await page.screenshot({ path: `${SHOTS}/office-import-errors-en.png` });
      }
      await field(page.getByRole('tabpanel'), "The file's text").fill([header, good].join('\n'));
      await office.button('Check the file').click();
      await office.seeStatus('All rows are correct (1).');
      await office.button('Import').click();
      await office.seeStatus('Accommodations imported: 1.');
      const imported = (await api.call('listAccommodations')).body.accommodations as {
        studentLogin: string;
        timeFactor: number;
        extraMinutes: number;
        validUntil: string | null;
      }[];
      expect(imported.find((a) => a.studentLogin === 'student1')).toMatchObject({
        timeFactor: 1.25,
        extraMinutes: 10,
        validUntil: '2026-12-31',
      });
      await page.getByRole('tab', { name: 'Students with accommodations' }).click();
      await search.fill('');
      await page
        .getByRole('row')
        .filter({ hasText: 'student1' })
        .getByText('time ×1.25, +10 min')
        .waitFor();

      // Removing asks why; without a reason nothing is removed.
      const STUDENT1 = 'Әлібекова Аружан Қайратқызы';
      await office.button(`Remove the accommodation of ${STUDENT1}`).click();
      const removal = office.dialog(`Remove the accommodation of ${STUDENT1}?`);
      await removal.getByRole('button', { name: 'Remove accommodation' }).click();
      expect(await explanationOf(page, field(removal, 'Reason for the change'))).toContain(
        'Write why this change is made.',
      );
      await field(removal, 'Reason for the change').fill('Imported by mistake');
      await removal.getByRole('button', { name: 'Remove accommodation' }).click();
      await office.seeStatus(`Accommodation of ${STUDENT1} removed.`);
      expect(
        (
          (await api.call('listAccommodations')).body.accommodations as { studentLogin: string }[]
        ).map((a) => a.studentLogin),
      ).toEqual(['student3']);

      // The examiner: the profile's effect on a 60-minute exam, never the document.
      await examiner.chooseLanguage('en');
      await examiner.logIn('examiner1', 'demo');
      await examiner.seeHeading('My exams');
      await examiner.link(`Accommodations for ${EXAM}`).click();
      await examiner.seeHeading(`Accommodations: ${EXAM}`);
      const ex = examiner.page;
      const row3 = ex.getByRole('row').filter({ hasText: STUDENT3 });
      await row3.getByText('90 min (60 min × 1.5)').waitFor();
      await row3.getByText('time ×1.5, no face checks').waitFor();
      expect(await ex.getByText('DOC-2026-014').count()).toBe(0);

      // A window of their own for student2, tomorrow 10:00–12:00 Almaty time.
      await examiner.button('Add an arrangement for a student').click();
      const o = examiner.dialog('Arrangement for one student');
      await pick(ex, o, 'Student', 'Нұрланов', `${STUDENT2} (student2)`);
      await o.getByRole('checkbox', { name: /^A window of their own/ }).check();
      const day = almatyIn(24).date;
      await o.getByLabel('Opens on (date)').fill(day);
      await o.getByLabel('Opens at (time)').fill('10:00');
      await o.getByLabel('Closes on (date)').fill(day);
      await o.getByLabel('Closes at (time)').fill('09:00');
      await field(o, 'Reason for the change').fill('Ill on the exam day');
      await o.getByRole('button', { name: 'Save arrangement' }).click();
      await examiner.seeAlert('Nothing was saved.');
      expect(await explanationOf(ex, o.getByLabel('Closes on (date)'))).toContain(
        "The student's window must close after it opens.",
      );
      await o.getByLabel('Closes at (time)').fill('12:00');
      await o.getByRole('button', { name: 'Save arrangement' }).click();
      await examiner.seeStatus(`Arrangement for ${STUDENT2} saved.`);
      const row2 = ex.getByRole('row').filter({ hasText: STUDENT2 });
      await row2.getByText('Own window').waitFor();
      await row2.getByText(/10:00 – 12:00/).waitFor();
      await row2.getByText('Reason: Ill on the exam day').waitFor();
      // The others keep the exam's window.
      expect(await row3.getByText('Own window').count()).toBe(0);

      // student2 sees their own window on their home; student1's is the exam's.
      for (const [login, own] of [
        ['student2', true],
        ['student1', false],
      ] as const) {
        const student = await EmtihanPage.open(browser, server.url, '/');
        try {
          await student.chooseLanguage('en');
          await student.logIn(login, 'demo');
          await student.seeHeading('My exams');
          const card = student.page.getByRole('article', { name: EXAM, exact: true });
          await card.waitFor();
          // The device is on UTC: the university's time is given beside (ADR 0017).
          const tenInAlmaty = card.getByText(/^University time \(Asia\/Almaty\): .* at 10:00$/);
          expect(await tenInAlmaty.count()).toBe(own ? 1 : 0);
          expect(await card.getByText(/\(set for you\)/).count()).toBe(own ? 1 : 0);
        } finally {
          await student.close();
        }
      }

      if (SHOTS) await photograph(office, examiner, ex.url());
    } catch (e) {
      if (SHOTS) {
        await office.page.screenshot({ path: `${SHOTS}/office-failed.png` });
        console.log(await office.page.locator('body').ariaSnapshot());
        await examiner.page.screenshot({ path: `${SHOTS}/examiner-failed.png` });
      }
      throw e;
    } finally {
      await office.close();
      await examiner.close();
    }
  }, 180_000);
});

/** Every page and dialog of the feature in kk, ru and en. */
async function photograph(office: EmtihanPage, examiner: EmtihanPage, examUrl: string) {
  const words = {
    kk: { import: 'CSV файлынан импорттау', add: 'Ерекше жағдай қосу', arr: 'Студентке шарт қосу' },
    ru: {
      import: 'Импорт из CSV-файла',
      add: 'Добавить особые условия',
      arr: 'Добавить условия для студента',
    },
    en: {
      import: 'Import from a CSV file',
      add: 'Add accommodation',
      arr: 'Add an arrangement for a student',
    },
  } as const;
  for (const lang of ['kk', 'ru', 'en'] as const) {
    const w = words[lang];
    await office.goto('/accommodations');
    await office.chooseLanguage(lang);
    await office.page.getByRole('row').nth(1).waitFor();
    await office.page.screenshot({ path: `${SHOTS}/office-list-${lang}.png` });
    await office.button(w.add).click();
    await office.page.getByRole('dialog').waitFor();
    await office.page.waitForTimeout(300);
    await office.page.screenshot({ path: `${SHOTS}/office-form-${lang}.png` });
    await office.page.keyboard.press('Escape');
    await office.page.getByRole('tab', { name: w.import }).click();
    await office.page.screenshot({ path: `${SHOTS}/office-import-${lang}.png` });

    await examiner.goto(new URL(examUrl).pathname);
    await examiner.chooseLanguage(lang);
    await examiner.page.getByRole('row').nth(1).waitFor();
    await examiner.page.screenshot({ path: `${SHOTS}/examiner-page-${lang}.png` });
    await examiner.button(w.arr).click();
    await examiner.page.getByRole('dialog').waitFor();
    await examiner.page.getByRole('checkbox').first().check();
    await examiner.page.waitForTimeout(300);
    await examiner.page.screenshot({ path: `${SHOTS}/examiner-form-${lang}.png` });
    await examiner.page.keyboard.press('Escape');
  }
  await examiner.goto('/examiner');
  await examiner.page.getByRole('article').first().waitFor();
  await examiner.page.screenshot({ path: `${SHOTS}/examiner-home-en.png` });
  const admin = await EmtihanPage.open(office.page.context().browser()!, office.baseUrl, '/');
  await admin.chooseLanguage('en');
  await admin.logIn('admin', 'demo');
  await admin.seeHeading('Administration');
  await admin.page.screenshot({ path: `${SHOTS}/admin-home-en.png` });
  await admin.close();
}
