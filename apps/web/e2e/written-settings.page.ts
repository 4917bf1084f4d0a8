// The student's side of an exam with its own settings, in Kazakh (the demo's default language):
// recorded only, no screen sharing, a word limit and a statement to tick before "Submit
// assignment". Shared by the authoring scenario (an exam the examiner made in the browser) and
// the settings test (an exam with instructions and a PDF-only attachment).
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import kk from '../src/i18n/locales/kk.json';

const w = kk.written;
const rules = kk.examRules;
export const STUDENT2_NAME = 'Нұрланов Дәулет Серікұлы';

/** A kk.json message with its {{placeholders}} filled in. */
export const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name]));

/**
 * student2, logged in on `page` (student home), sits the exam titled `title`: the exam page
 * without a screen-sharing step, the check without the screen, name and photos, "Join meeting",
 * `limit` words and not one more, the statement, "Submit assignment", the receipt. Returns the
 * words written.
 */
export async function sitWithOwnSettings(
  page: Page,
  baseUrl: string,
  exam: {
    title: string;
    limit: number;
    statement: string;
    /** The exam asks for a room scan at check-in. */
    roomScan: boolean;
    /** On the exam page, before the check starts. */
    onOverview?: () => Promise<void>;
    /** In the workspace, once the words are in and saved. */
    beforeSubmit?: () => Promise<void>;
  },
): Promise<string> {
  const button = (name: string, scope = page.locator('body')) =>
    scope.getByRole('button', { name, exact: true });
  const heading = (name: string, level: number) =>
    page.getByRole('heading', { name, level, exact: true });

  // The exam page: recorded only and no screen-sharing step.
  const link = page.getByRole('link', {
    name: fill(w.openFor, { title: exam.title }),
    exact: true,
  });
  const href = await link.getAttribute('href');
  await page.goto(new URL(`${href}?scanSeconds=2`, baseUrl).href);
  await heading(exam.title, 1).waitFor();
  // Recorded only, without the screen: the page says only the camera is recorded.
  await page.getByText(w.overview.noLiveProctorCamera, { exact: true }).waitFor();
  await exam.onOverview?.();
  await page.getByText(w.overview.step['4'], { exact: true }).waitFor();
  expect(await page.getByText(w.overview.step['6'], { exact: true }).count()).toBe(0);
  const roomScan = (await page.getByText(w.steps['room-scan'], { exact: true }).count()) > 0;
  expect(roomScan).toBe(exam.roomScan);
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
  if (exam.roomScan) {
    // Shortened to 2 s by ?scanSeconds=2.
    await heading(w.steps['room-scan'], 2).waitFor();
    await button(w.scan.start).click();
    await page
      .getByRole('status')
      .filter({ hasText: fill(w.scan.done, { seconds: 2 }) })
      .waitFor();
    await button(w.next).click();
  }
  await heading(w.steps.join, 2).waitFor();
  await page.getByText(fill(rules.consentWhat, { devices }), { exact: true }).waitFor();
  await page.getByRole('checkbox', { name: rules.consentRecording }).check();
  await button(w.joinMeeting).click();

  // The work: nothing covers it (no screen to share).
  await button(w.addSubmission).click();
  const answer = page.getByRole('textbox', { name: w.work.answer, exact: true });
  await answer.waitFor();
  expect(await page.getByRole('dialog', { name: w.gate.screenTitle }).count()).toBe(0);

  // `limit` words go in; the word after them does not, and the student is told why.
  const words = Array.from({ length: exam.limit }, (_, i) => `сөз${i + 1}`).join(' ');
  await answer.click();
  await page.keyboard.insertText(words);
  const count = page.getByText(fill(rules.words, { n: exam.limit, max: exam.limit }), {
    exact: true,
  });
  await count.waitFor();
  expect(await count.getAttribute('aria-live')).toBe('polite');
  const reached = fill(rules.wordLimitReached, { max: exam.limit });
  expect(await page.getByRole('status').filter({ hasText: reached }).count()).toBe(0);
  await page.keyboard.type(' артық');
  await page.getByRole('status').filter({ hasText: reached }).waitFor();
  expect((await answer.innerText()).trim()).toBe(words);
  await count.waitFor();
  await page.locator('[data-save-state="saved"]').waitFor();
  await exam.beforeSubmit?.();

  // "Submit assignment" waits for the statement, in the student's language.
  const submit = button(w.submitAssignment);
  expect(await submit.isDisabled()).toBe(true);
  await page.getByRole('checkbox', { name: exam.statement, exact: true }).check();
  expect(await submit.isDisabled()).toBe(false);
  await submit.click();
  const confirm = page.getByRole('dialog', { name: w.submit.title });
  await button(w.submitAssignment, confirm).click();
  await page.getByRole('status', { name: w.ended.submitted.title }).waitFor();
  await heading(w.receipt.title, 2).waitFor();
  return words;
}
