// The oral exam as its people live it, in Chromium with fake cameras and microphones: one
// examiner and two students in a recorded slot; each student waits and is admitted in turn;
// everyone's video plays in the room; the examiner asks for a student's screen and sees it; a
// ticket is drawn; the student is graded; the examiner plays the recordings (both sides heard);
// the protocol lists both students and each recording's hash.
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

/** Plays a recording on the commission's slot page until a frame is decoded and shown. */
async function seeRecordingPlaying(page: Page, label: string): Promise<void> {
  const video = page
    .getByRole('region', { name: 'Recordings', exact: true })
    .getByLabel(label, { exact: true });
  await video.waitFor();
  const frames = await video.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<number>((resolve, reject) => {
        v.muted = true;
        v.requestVideoFrameCallback((_now, meta) => resolve(meta.presentedFrames));
        v.play().catch(reject);
      }),
  );
  expect(frames).toBeGreaterThan(0);
}

/** The loudest sample (0..1) of the recording's sound in its last `seconds`, decoded by ffmpeg. */
function peakOfLastSeconds(webm: Buffer, seconds: number): number {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oral-rec-')), 'r.webm');
  fs.writeFileSync(file, webm);
  const rate = 8000;
  const raw = execFileSync('ffmpeg', [
    ...['-v', 'error', '-i', file, '-map', '0:a', '-ac', '1', '-ar', String(rate)],
    ...['-f', 'f32le', '-'],
  ]);
  const samples = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  return samples
    .subarray(Math.max(0, samples.length - seconds * rate))
    .reduce((peak, x) => Math.max(peak, Math.abs(x)), 0);
}

async function studentEntersWaitingRoom(login: string): Promise<EmtihanPage> {
  const app = await logIn(login);
  await app.link('Go to the oral exam: Oral exam').click();
  await app.seeHeading('Oral exam');
  await app.page.getByText('This oral exam is recorded', { exact: true }).waitFor();
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
  also: { muteStudent?: boolean; askForScreen?: boolean } = {},
): Promise<string> {
  await examiner.button(`Call in ${name}`).click();
  await student.seeStatus('You are in the room: identity check');
  // Both see and hear each other: every participant's video decodes frames.
  await seeVideoPlaying(examiner.page, name);
  await seeVideoPlaying(student.page, EXAMINER);
  await seeVideoPlaying(student.page, name); // their own camera
  // A muted student: what the recording then hears is the commission.
  if (also.muteStudent) await student.button('Mute').click();
  if (also.askForScreen) {
    await examiner.button("Ask for the student's screen").click();
    const asked = await student.seeAlert('The examiner asks you to share your entire screen.');
    await asked.getByRole('button', { name: 'Share entire screen', exact: true }).click();
    await seeVideoPlaying(examiner.page, `Screen of ${name}`);
  }
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
  it('reorders the queue, admits each student in turn, shows every video and the asked-for screen, grades, keeps both sides in the recordings, and writes the protocol', async () => {
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

      // The commission reorders the queue; the students see their new places live.
      await examiner.button(`Move ${S2} up the queue`).click();
      await s2.seeStatus('Your place in the queue: 1');
      await s1.seeStatus('Your place in the queue: 2');
      await examiner.button(`Move ${S2} down the queue`).click();
      await s2.seeStatus('Your place in the queue: 2');

      await examineTurn(examiner, s1, S1, 87, { muteStudent: true });
      // The second student moves up without a reload.
      await s2.seeStatus('Your place in the queue: 1');
      await examineTurn(examiner, s2, S2, 91, { askForScreen: true });

      const queue = examiner.page.getByRole('region', { name: 'Queue' });
      await queue.getByText('Final grade: 87').waitFor();
      await queue.getByText('Final grade: 91').waitFor();

      // The recordings arrive from the students' browsers once their turns end, and play.
      const recordings = examiner.page.getByRole('region', { name: 'Recordings', exact: true });
      await recordings.getByLabel(`${S2}: screen, part 1`, { exact: true }).waitFor();
      await seeRecordingPlaying(examiner.page, `${S1}: camera and sound, part 1`);
      // The first student was muted after the first seconds: the end of the recording is heard
      // only if the commission's voice is mixed into it (the fake microphones beep).
      const s1Videos = recordings
        .getByRole('region', { name: `Recordings of ${S1}` })
        .locator('video');
      const lastSrc = await s1Videos.last().getAttribute('src');
      const lastSegment = await examiner.page.request.get(new URL(lastSrc!, server.url).href);
      const peak = peakOfLastSeconds(await lastSegment.body(), 2);
      console.log(`[oral e2e] peak of the muted student's recording, last 2 s: ${peak}`);
      expect(peak).toBeGreaterThan(0.01);

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
      expect(text).toContain('Recordings (kept as evidence, SHA-256)');
      const lastHash = await recordings
        .getByText(/SHA-256 [0-9a-f]{64}/)
        .last()
        .textContent();
      expect(text).toContain(/[0-9a-f]{64}/.exec(lastHash!)![0]);
    } finally {
      await Promise.all([examiner.close(), s1.close(), s2.close()]);
    }
  }, 150_000); // three people in a mesh, two turns, a PDF: more than a minute on two loaded cores
});
