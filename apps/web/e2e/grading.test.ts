// The examiner grades in the browser and sees the grade reach Moodle (the fake one), including a
// Moodle that keeps refusing and a "send again"; the admin's LTI screen registers an LMS, rotates
// the key, syncs a roster and shows the grades sent. Screens in kk, ru and en are photographed.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchedClient,
  sitAndSubmit,
  startLtiWorld,
  type LtiWorld,
} from '../../server/test/lti/lti-world.ts';
import { EmtihanPage, launchChromium } from './emtihan.page.ts';

let w: LtiWorld;
let browser: Browser;
const SHOTS = process.env.SHOTS_DIR;

beforeAll(async () => {
  [w, browser] = await Promise.all([
    startLtiWorld({ LTI_GRADE_RETRY_BASE_MS: '40' }),
    launchChromium(),
  ]);
  const student = await launchedClient(w, { user: '101', custom: { exam_id: w.examId } });
  await sitAndSubmit(w, student, w.examId);
});

afterAll(async () => {
  await browser?.close();
  await w?.close();
});

async function shoot(
  app: EmtihanPage,
  name: string,
  heading: Record<'kk' | 'ru', string | RegExp>,
) {
  if (!SHOTS) return;
  for (const lang of ['kk', 'ru'] as const) {
    await app.chooseLanguage(lang);
    await app.page.getByRole('heading', { level: 1, name: heading[lang] }).waitFor();
    await app.page.screenshot({ path: `${SHOTS}/${name}-${lang}.png`, fullPage: true });
  }
  await app.chooseLanguage('en');
}

describe('grading in the browser', () => {
  it('the examiner accepts a submitted sitting with a score and sees it sent to Moodle; a refusal is shown and sent again', async () => {
    const app = await EmtihanPage.open(browser, w.server.url, '/');
    try {
      await app.chooseLanguage('en');
      await app.logIn('examiner1', 'demo');
      await app.page
        .getByRole('link', { name: /^Grade “/ })
        .first()
        .click();
      await app.page.getByRole('heading', { level: 1, name: /^Grading: / }).waitFor();
      const name = 'Әлиева Іңкәр';
      const row = app.page.getByRole('row', { name: new RegExp(name) });
      await expect.poll(() => row.getByText('submitted', { exact: true }).count()).toBe(1);
      const score = row.getByRole('textbox', { name: 'Score' });
      await score.fill('120');
      await row
        .getByRole('button', { name: `Accept the sitting of ${name} with this score` })
        .click();
      await row.getByText('Enter a score from 0 to 100.').waitFor();
      await score.fill('87');
      await row.getByRole('textbox', { name: 'Comment (optional)' }).fill('Жақсы жұмыс');
      await row
        .getByRole('button', { name: `Accept the sitting of ${name} with this score` })
        .click();
      await app.seeStatus(`${name}: 87 of 100 (B+) recorded.`);
      await row.getByText('sent', { exact: true }).waitFor({ timeout: 15_000 });
      expect(w.moodle.scores.at(-1)!.body).toMatchObject({
        scoreGiven: 87,
        comment: 'Жақсы жұмыс',
      });
      await row.getByText('accepted', { exact: true }).waitFor();
      await row.getByText('B+', { exact: true }).waitFor();

      // Moodle keeps refusing: the examiner sees it was not accepted and what Moodle said.
      w.moodle.failNextScores = 100;
      await score.fill('90');
      await row
        .getByRole('button', { name: `Accept the sitting of ${name} with this score` })
        .click();
      await row.getByText('not accepted', { exact: true }).waitFor({ timeout: 20_000 });
      await row.getByText(/The LMS answered: scores answered 503/).waitFor();
      w.moodle.failNextScores = 0;
      await row.getByRole('button', { name: `Send the grade of ${name} again` }).click();
      await app.seeStatus(`The grade of ${name} will be sent again.`);
      await row.getByText('sent', { exact: true }).waitFor({ timeout: 15_000 });
      expect(w.moodle.scores.map((s) => s.body.scoreGiven)).toEqual([87, 90]);
      if (SHOTS) await app.page.screenshot({ path: `${SHOTS}/grading-en.png`, fullPage: true });
      await shoot(app, 'grading', { kk: /^Бағалау: /, ru: /^Оценивание: / });
    } finally {
      await app.close();
    }
  });

  it("the admin's LTI screen: what to paste, register an LMS, rotate the key, sync a roster, the grade log", async () => {
    const app = await EmtihanPage.open(browser, w.server.url, '/');
    try {
      await app.chooseLanguage('en');
      await app.logIn('admin', 'demo');
      await app.page.getByRole('link', { name: 'LMS (LTI)' }).click();
      await app.seeHeading('LMS connection (LTI 1.3)');
      await app.page.getByText(`${w.publicUrl}/lti/login`, { exact: true }).waitFor();
      await app.page.getByRole('cell', { name: w.moodle.issuer, exact: true }).first().waitFor();

      const form = app.page.getByRole('form', { name: 'Register an LMS' });
      await form
        .getByRole('textbox', { name: 'Platform ID (issuer)' })
        .fill('https://canvas.example.kz');
      await form.getByRole('textbox', { name: 'Client ID' }).fill('10000000000001');
      await form.getByRole('textbox', { name: 'Deployment ID' }).fill('1:abc');
      await form
        .getByRole('textbox', { name: 'Authentication request URL' })
        .fill('https://canvas.example.kz/api/lti/authorize_redirect');
      await form
        .getByRole('textbox', { name: 'Access token URL' })
        .fill('https://canvas.example.kz/login/oauth2/token');
      await form.getByRole('textbox', { name: 'Public keyset URL' }).fill('not a url');
      await form.getByRole('button', { name: 'Register' }).click();
      await form.getByRole('alert').waitFor();
      await form
        .getByRole('textbox', { name: 'Public keyset URL' })
        .fill('https://canvas.example.kz/api/lti/security/jwks');
      await form.getByRole('button', { name: 'Register' }).click();
      await app.seeStatus('https://canvas.example.kz is registered.');
      await app.page
        .getByRole('cell', { name: 'https://canvas.example.kz', exact: true })
        .waitFor();

      const keys = app.page.getByRole('region', { name: 'Emtihan’s signing keys' });
      await expect.poll(() => keys.getByText('signs now').count()).toBe(1);
      await keys.getByRole('button', { name: 'Rotate the key' }).click();
      await app.seeStatus('A new key signs from now on.');
      await expect.poll(() => keys.getByText(/^published until /).count()).toBe(1);
      expect(await keys.getByText('signs now').count()).toBe(1);

      await app.page.getByRole('button', { name: /^Sync the roster of .+ now$/ }).click();
      await app.page
        .getByRole('status')
        .filter({ hasText: /: \d+ members in the LMS, \d+ enrolled\./ })
        .waitFor();
      const log = app.page.getByRole('region', { name: 'Grades sent to LMSs' });
      await expect.poll(() => log.getByRole('row').count()).toBeGreaterThan(1);
      if (SHOTS) await app.page.screenshot({ path: `${SHOTS}/lti-en.png`, fullPage: true });
      await shoot(app, 'lti', { kk: 'ОЖЖ қосылымы (LTI 1.3)', ru: 'Подключение СДО (LTI 1.3)' });
    } finally {
      await app.close();
    }
  });
});
