// The real flow in headless Chromium: Moodle's cross-site form posts, redirects and cookies.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLtiWorld, type LtiWorld } from './lti-world.ts';

let w: LtiWorld;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  // The fake Moodle must be known before the server starts: its origin may frame Emtihan.
  w = await startLtiWorld({ FRAME_ANCESTORS: "'self' http://moodle.test:*" });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      // moodle.test is another site than 127.0.0.1: the launch is cross-site, as in production.
      '--host-resolver-rules=MAP moodle.test 127.0.0.1',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await w?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
});
afterEach(() => context.close());

const me = (page: Page) =>
  page.evaluate(async () => {
    const r = await fetch('/api/me');
    return { status: r.status, body: (await r.json()) as Record<string, any> };
  });

describe('launching Emtihan from Moodle in a browser', () => {
  it("a student's first launch provisions the account and lands logged in on the exam", async () => {
    const page = await context.newPage();
    await page.goto(w.moodle.startUrl({ user: '101', custom: { exam_id: w.examId } }));
    await page.waitForURL(`${w.publicUrl}/student/exams/${w.examId}`);
    const r = await me(page);
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({
      fullName: 'Әлиева Іңкәр',
      email: 'inkar@example.kz',
      language: 'kk',
      roles: ['student'],
    });
    const cookies = await context.cookies(w.publicUrl);
    expect(cookies.find((c) => c.name === 'emtihan_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    });
    // Enrolled in the exam's course, under the name Moodle gave.
    const courseId = (await w.admin.call('listExams')).body.exams.find(
      (e: { id: string }) => e.id === w.examId,
    ).courseId as string;
    const enrolments = (await w.admin.call('listEnrolments', { params: { courseId } })).body
      .enrolments as { fullName: string; role: string }[];
    expect(enrolments).toContainEqual(
      expect.objectContaining({ fullName: 'Әлиева Іңкәр', role: 'student' }),
    );
  });

  it('a second launch of the same student reuses the account', async () => {
    const users = (await w.admin.call('listUsers')).body.users.length as number;
    const page = await context.newPage();
    await page.goto(w.moodle.startUrl({ user: '101', custom: { exam_id: w.examId } }));
    await page.waitForURL(`${w.publicUrl}/student/exams/${w.examId}`);
    expect((await me(page)).body.user.fullName).toBe('Әлиева Іңкәр');
    expect((await w.admin.call('listUsers')).body.users.length).toBe(users);
  });

  it('inside an iframe the launch offers a button that opens the exam logged in in a new window', async () => {
    const page = await context.newPage();
    await page.goto(
      w.moodle.coursePageUrl({
        user: '101',
        custom: { exam_id: w.examId },
        documentTarget: 'iframe',
      }),
    );
    const frame = page.frameLocator('#tool');
    const button = frame.locator('#open-window');
    await expect.poll(() => button.count()).toBe(1);
    expect(await button.textContent()).toBe('Емтиханды жаңа терезеде ашу');
    const [popup] = await Promise.all([context.waitForEvent('page'), button.click()]);
    await popup.waitForURL(`${w.publicUrl}/student/exams/${w.examId}`);
    expect((await me(popup)).body.user.fullName).toBe('Әлиева Іңкәр');
  });

  it('a refused launch shows, in the browser, a page in the user language saying what went wrong', async () => {
    const page = await context.newPage();
    await page.goto(w.moodle.startUrl({ user: '101', custom: { exam_id: 'no-such-exam' } }));
    const reason = page.locator('#reason');
    await reason.waitFor();
    expect(await reason.getAttribute('data-reason')).toBe('unknown-exam');
    expect(await reason.textContent()).toBe(
      'Бұл курс элементі Emtihan-дағы емтиханмен байланыстырылмаған.',
    );
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    expect(await page.content()).not.toMatch(/Error:|\.ts:\d+/);
    // Nothing was handed over: no session cookie.
    expect((await context.cookies(w.publicUrl)).map((c) => c.name)).not.toContain(
      'emtihan_session',
    );
  });
});
