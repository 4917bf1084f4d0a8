// The phone as a second camera (ADR 0023), as people use it: the student's laptop shows a QR
// code; a phone (a second browser with a phone's screen and user agent) reads it from a
// screenshot of the laptop, opens it, films; the proctor's console plays the side view, and the
// side track's segment reaches the server with the hash the phone computed. Refused pairings get
// a readable page on the phone; the typed code pairs too.
import { createHash } from 'node:crypto';
import jsQR from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../server/test/client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from '../../server/test/harness.ts';
import { EmtihanPage, launchChromium } from './emtihan.page.ts';
import { framesPlay } from './live.page.ts';
import { checkInThroughApi, STUDENT1_NAME, WrittenExamPage } from './written-exam.page.ts';

const EXAM = 'Exam with a phone camera';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startTestServer({ demo: true, env: { RATE_LIMIT_FACTOR: '0' } }),
    launchChromium(),
  ]);
  await addDemoWrittenExam(server, {
    id: 'phone-camera',
    title: EXAM,
    settings: {
      liveProctoring: true,
      roomScanRequired: false,
      automaticChecks: false,
      secondCamera: 'optional',
    },
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A phone: small screen, touch, a phone's user agent, the fake camera allowed. */
async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 412, height: 860 },
    isMobile: true,
    hasTouch: true,
    userAgent: ANDROID,
    permissions: ['camera'],
  });
  return { context, page: await context.newPage() };
}

/** What a phone's camera app reads from the laptop's screen. */
async function readQr(png: Buffer): Promise<string> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const found = jsQR(
    new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
    info.width,
    info.height,
  );
  if (!found) throw new Error('no QR code in the screenshot');
  return found.data;
}

async function atWork(login: string, name: string): Promise<WrittenExamPage> {
  const { sessionId } = await checkInThroughApi(server.url, login, name, EXAM);
  const proctor = new TestClient(server.url);
  await proctor.login('proctor1');
  const approved = await proctor.call('sessionCommand', {
    params: { sessionId },
    body: { type: 'approve-identity' },
  });
  expect(approved.body.state?.status).toBe('in_progress');
  const student = await WrittenExamPage.logIn(browser, server.url, login);
  await student.openWrittenExam(EXAM);
  await student.shareScreenAgain();
  return student;
}

describe('the phone as a second camera', () => {
  it('the QR code on the laptop pairs the phone; the proctor watches the side view; its segment is stored', async () => {
    const student = await atWork('student1', STUDENT1_NAME);
    const { context, page } = await phone();
    const console_ = await EmtihanPage.open(browser, server.url, '/');
    try {
      const qr = student.page.getByRole('img', {
        name: 'QR code that opens the phone camera page',
      });
      await qr.waitFor();
      const url = await readQr(await qr.screenshot());
      expect(url).toMatch(new RegExp(`^${server.url}/pair/[A-Za-z0-9_-]{20,}\\?lang=en$`));

      // Short segments, so that one is recorded and sent within the test.
      await page.goto(`${url}&segmentSeconds=5`);
      await page.getByRole('heading', { name: 'Phone camera', level: 1 }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Recording' }).first().waitFor();
      expect(page.url()).toMatch(/\/phone\?/);
      // The phone shows where to put it, and nothing of the exam.
      await page.getByRole('img', { name: /the phone on a stand to the side/ }).waitFor();
      expect(await page.content()).not.toContain(EXAM);
      // The laptop no longer asks: the phone films.
      await qr.waitFor({ state: 'detached' });

      await console_.chooseLanguage('en');
      await console_.logIn('proctor1', 'demo');
      await console_.seeHeading('Exam sittings to proctor');
      await console_.goto('/proctor/exams/phone-camera');
      const tile = console_.page.getByRole('group', { name: new RegExp(`^${STUDENT1_NAME}`) });
      const side = tile.getByLabel(`Side camera of ${STUDENT1_NAME}`, { exact: true });
      expect(await framesPlay(side)).toBeGreaterThanOrEqual(5);
      await tile.getByText('Phone: filming').waitFor();

      // The side track's first segment is on the server, with the hash the phone sent.
      const proctor = new TestClient(server.url);
      await proctor.login('proctor1');
      const sittings = await proctor.call('examRoster', { params: { examId: 'phone-camera' } });
      const sitting = (sittings.body.entries as { sessionId: string; fullName: string }[]).find(
        (e) => e.fullName === STUDENT1_NAME,
      )!;
      let segment: { seq: number; sha256: string } | undefined;
      await expect
        .poll(
          async () => {
            const listed = await proctor.call('listEvidence', {
              params: { sessionId: sitting.sessionId },
            });
            segment = (
              listed.body.segments as { track: string; seq: number; sha256: string }[]
            ).find((s) => s.track === 'side');
            return segment !== undefined;
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(true);
      const bytes = await fetch(
        `${server.url}/api/sessions/${sitting.sessionId}/evidence/side/${segment!.seq}`,
        { headers: { cookie: proctor.cookie } },
      ).then((r) => r.arrayBuffer());
      expect(createHash('sha256').update(new Uint8Array(bytes)).digest('hex')).toBe(
        segment!.sha256,
      );

      // The phone's page goes hidden (locked, another app): the proctor and the student see it at
      // once; back, it films again and the side track goes on with the next numbers.
      const visibility = (state: 'hidden' | 'visible') =>
        page.evaluate((s) => {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
          document.dispatchEvent(new Event('visibilitychange'));
        }, state);
      await visibility('hidden');
      await tile.getByText('Phone: page hidden').waitFor();
      await student
        .alert('Your phone camera stopped: open the page on your phone again.')
        .waitFor();
      await qr.waitFor();
      await visibility('visible');
      await tile.getByText('Phone: filming').waitFor();
      await qr.waitFor({ state: 'detached' });
      const first = segment!.seq;
      await expect
        .poll(
          async () => {
            const listed = await proctor.call('listEvidence', {
              params: { sessionId: sitting.sessionId },
            });
            return (listed.body.segments as { track: string; seq: number }[]).filter(
              (x) => x.track === 'side' && x.seq > first,
            ).length;
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBeGreaterThan(0);
    } finally {
      await Promise.all([student.close(), context.close(), console_.context.close()]);
    }
  });

  it('a used QR code is refused with a page that says what to do; the typed code pairs', async () => {
    const student = await atWork('student2', 'Нұрланов Дәулет Серікұлы');
    const first = await phone();
    const second = await phone();
    try {
      const qr = student.page.getByRole('img', {
        name: 'QR code that opens the phone camera page',
      });
      await qr.waitFor();
      const url = await readQr(await qr.screenshot());
      await first.page.goto(url);
      await first.page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();

      // The same QR code again, on another phone: refused, in words.
      await second.page.goto(url);
      const refused = second.page.getByRole('alert');
      await refused.filter({ hasText: 'This QR code was already used' }).waitFor();

      // A code that never existed: refused too.
      await second.page.goto(`${server.url}/pair/${'x'.repeat(32)}?lang=en`);
      await second.page.getByRole('alert').filter({ hasText: 'This code is not known' }).waitFor();

      // The phone is stopped (page hidden for good): the laptop shows a new code to type.
      await first.context.close();
      const code = student.page.getByTestId('pairing-code');
      await student
        .alert('Your phone camera stopped: open the page on your phone again.')
        .waitFor();
      const typed = (await code.innerText()).replace(/\s/g, '').toLowerCase();
      await second.page.getByRole('link', { name: 'Type the code instead' }).click();
      await second.page.getByRole('textbox', { name: 'Code from your computer' }).fill(typed);
      await second.page.getByRole('button', { name: 'Connect' }).click();
      await second.page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
      await code.waitFor({ state: 'detached' });
    } finally {
      await Promise.all([
        student.close(),
        second.context.close(),
        first.context.close().catch(() => {}),
      ]);
    }
  });
});
