// The automatic checks in a real Chromium: a fake camera showing one face (a y4m made by ffmpeg
// from a demo photo) and a fake microphone playing speech (espeak-ng). The vision worker loads
// human's models from our server, counts the face, and the page's signal sink receives
// face-count, head-pose and speech signals. The object model is made unreachable: the exam
// goes on, the other detectors work, and a "degraded" signal tells the proctor.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/test/harness.ts';
import { checkInThroughApi, WrittenExamPage } from './written-exam.page.ts';

const require = createRequire(import.meta.url);
const demo = join(require.resolve('@vladmandic/face-api'), '..', '..', 'demo');

let server: TestServer;
let browser: Browser;
let dir = '';

/** A 2 s 640×480 y4m of one face (it loops), and a WAV of speech padded with silence. */
async function makeFeeds(): Promise<{ video: string; audio: string }> {
  dir = mkdtempSync(join(tmpdir(), 'detect-e2e-'));
  const face = join(dir, 'face.jpg');
  await sharp(join(demo, 'sample6.jpg'))
    .extract({ left: 70, top: 340, width: 580, height: 435 })
    .resize(640, 480)
    .jpeg()
    .toFile(face);
  const video = join(dir, 'face.y4m');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-loop',
    '1',
    '-i',
    face,
    '-t',
    '2',
    '-r',
    '10',
    '-vf',
    'scale=640:480',
    '-pix_fmt',
    'yuv420p',
    video,
  ]);
  const raw = join(dir, 'raw.wav');
  execFileSync('espeak-ng', [
    '-w',
    raw,
    'Hello, can you tell me the answer to the second question? I think it is forty two.',
  ]);
  const audio = join(dir, 'speech.wav');
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', audio, 'pad', '1', '3', 'repeat', '3']);
  return { video, audio };
}

beforeAll(async () => {
  const feeds = await makeFeeds();
  [server, browser] = await Promise.all([
    startTestServer({ demo: true }),
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${feeds.video}`,
        `--use-file-for-fake-audio-capture=${feeds.audio}`,
        '--autoplay-policy=no-user-gesture-required',
      ],
    }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Logged {
  signal: { kind: string; count?: number; active?: boolean; detector?: string; detail?: string };
  evidence: boolean;
}

describe('automatic checks in the student workspace', () => {
  it(
    'the vision worker counts the face in the camera and speech is heard; signals reach the sink',
    { timeout: 240_000 },
    async () => {
      await checkInThroughApi(server.url, 'student3', 'Ivanova Maria Sergeyevna');
      const app = await WrittenExamPage.logIn(browser, server.url, 'student3', {
        initScript: 'window.__emtihanSignalLog = [];',
      });
      const { page } = app;
      // The object model cannot be fetched: the other detectors go on, and the proctor is told.
      await page.route('**/models/human/centernet.*', (route) => route.abort('failed'));
      try {
        expect(
          await page.evaluate(async () =>
            (await fetch('/')).headers.get('cross-origin-embedder-policy'),
          ),
        ).toBe('require-corp');
        await app.openWrittenExam();
        await app.shareScreenAgain();
        await app.button('Add submission').waitFor();
        expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

        await app
          .status('Automatic checks are partly off; your exam goes on as usual')
          .waitFor({ timeout: 90_000 });
        await app.status('Your face is visible').waitFor({ timeout: 60_000 });
        const log = () =>
          page.evaluate(
            () => (window as unknown as { __emtihanSignalLog: Logged[] }).__emtihanSignalLog,
          );
        await page.waitForFunction(
          () =>
            (window as unknown as { __emtihanSignalLog: Logged[] }).__emtihanSignalLog.some(
              (e) => e.signal.kind === 'speech' && 'active' in e.signal && e.signal.active,
            ),
          undefined,
          { timeout: 60_000 },
        );
        const signals = (await log()).map((e) => e.signal);
        expect(signals).toContainEqual({ kind: 'face-count', count: 1 });
        expect(signals.some((s) => s.kind === 'head-pose')).toBe(true);
        expect(signals.filter((s) => s.kind === 'detector')).toEqual([
          {
            kind: 'detector',
            detector: 'objects',
            status: 'degraded',
            detail: 'model centernet did not load',
          },
        ]);

        // The editor stays usable while the detectors run.
        await app.button('Add submission').click();
        await app.answerBox().pressSequentially('Жауап');
        await app.saveStatus(/^All changes saved/).waitFor();
      } finally {
        await app.close();
      }
    },
  );
});
