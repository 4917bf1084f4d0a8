// The oral exam as its people live it, in Chromium with fake cameras and microphones: one
// examiner and two students in a slot; each student waits and is admitted in turn; everyone's
// video plays in the room; a ticket is drawn; the student is graded; the protocol lists both.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness.ts';
import { EmtihanPage, launchChromium } from './emtihan.page.ts';

let server: TestServer;
let browser: Browser;
const EXAMINER = 'Қасымов Ерлан Төлеуұлы';
const S1 = 'Әлібекова Аружан Қайратқызы';
const S2 = 'Нұрланов Дәулет Серікұлы';

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function logIn(login: string): Promise<EmtihanPage> {
  const app = await EmtihanPage.open(browser, server.url, '/');
  await app.chooseLanguage('en');
  await app.logIn(login, 'demo');
  return app;
}

/** Waits until the named video element has decoded and presented a new frame. */
async function seeVideoPlaying(page: Page, name: string): Promise<void> {
  const video = page.getByRole('region', { name: 'Participants' }).getByLabel(`Video: ${name}`);
  await video.waitFor();
  const frames = await video.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<number>((resolve) => {
        v.requestVideoFrameCallback((_now, meta) => resolve(meta.presentedFrames));
      }),
  );
  expect(frames).toBeGreaterThan(0);
  expect(await video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
}

async function studentEntersWaitingRoom(login: string): Promise<EmtihanPage> {
  const app = await logIn(login);
  await app.link('Go to the oral exam: Oral exam').click();
  await app.seeHeading('Oral exam');
  await app.button('Turn on the camera and microphone').click();
  await app.seeStatus('The camera works.');
  await app.button('Enter the waiting room').click();
  await app.page.getByRole('heading', { name: 'Waiting room' }).waitFor();
  return app;
}

async function examineTurn(
  examiner: EmtihanPage,
  student: EmtihanPage,
  name: string,
  mark: number,
): Promise<string> {
  await examiner.button(`Call in ${name}`).click();
  await student.seeStatus('You are in the room: identity check');
  // Both see and hear each other: every participant's video decodes frames.
  await seeVideoPlaying(examiner.page, name);
  await seeVideoPlaying(student.page, EXAMINER);
  await seeVideoPlaying(student.page, name); // their own camera
  // The examiner mutes: the student sees it on the examiner's picture, and again unmuted.
  const examinerTile = student.page
    .getByRole('region', { name: 'Participants' })
    .getByRole('figure')
    .filter({ hasText: EXAMINER });
  await examiner.button('Mute').click();
  await examinerTile.getByText('Muted', { exact: true }).waitFor();
  await examiner.button('Mute').click();
  await examinerTile.getByText('Muted', { exact: true }).waitFor({ state: 'detached' });

  await examiner.button('Keep a snapshot of the ID').click();
  await examiner.seeStatus('The ID snapshot is kept.');
  await examiner.button('Confirm the identity').click();
  await student.page.getByText('Your identity is confirmed. Draw your ticket.').waitFor();
  await student.button('Draw a ticket').click();
  const ticket = student.page.getByRole('region', { name: /^Ticket \d+$/ });
  await ticket.waitFor();
  const title = (await ticket.getAttribute('aria-label'))!;
  // The ticket is shown to everyone in the room.
  await examiner.page.getByRole('region', { name: title }).waitFor();
  await student.page
    .getByRole('timer')
    .getByText(/Preparation time left: \d+:\d\d/)
    .waitFor();
  await student.button('Start answering').click();
  await examiner.page.getByRole('textbox', { name: 'Your mark (0–100)' }).fill(String(mark));
  await examiner.button('Save the mark').click();
  await student.seeStatus(`Final grade: ${mark}`);
  return title;
}

describe('an oral exam with one examiner and two students', () => {
  it('admits each student in turn, shows every video, draws tickets, grades, and writes the protocol', async () => {
    const examiner = await logIn('examiner1');
    const s1 = await studentEntersWaitingRoom('student1');
    const s2 = await studentEntersWaitingRoom('student2');
    try {
      await s1.seeStatus('Your place in the queue: 1');
      await s2.seeStatus('Your place in the queue: 2');

      await examiner.link('Tickets and slots: Oral exam').click();
      const planned = examiner.page
        .getByRole('article')
        .filter({ has: examiner.page.getByText('Planned', { exact: true }) });
      await planned.getByText(`Students: ${S1}, ${S2}`, { exact: false }).waitFor();
      await planned.getByRole('link', { name: 'Open the room' }).click();
      await examiner.seeHeading('Oral exam room: Oral exam');
      await seeVideoPlaying(examiner.page, EXAMINER);

      await examineTurn(examiner, s1, S1, 87);
      // The second student moves up without a reload.
      await s2.seeStatus('Your place in the queue: 1');
      await examineTurn(examiner, s2, S2, 91);

      const queue = examiner.page.getByRole('region', { name: 'Queue' });
      await queue.getByText('Final grade: 87').waitFor();
      await queue.getByText('Final grade: 91').waitFor();

      const href = await examiner.link('English').getAttribute('href');
      const pdf = await examiner.page.request.get(new URL(href!, server.url).href);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oral-e2e-')), 'p.pdf');
      fs.writeFileSync(file, await pdf.body());
      const text = execFileSync('pdftotext', [file, '-']).toString();
      expect(text).toContain('Oral examination protocol');
      expect(text).toContain(S1);
      expect(text).toContain(S2);
      expect(text).toContain('87 (B+)');
      expect(text).toContain('91 (A−)');
    } finally {
      await Promise.all([examiner.close(), s1.close(), s2.close()]);
    }
  }, 150_000); // three people in a mesh, two turns, a PDF: more than a minute on two loaded cores
});
