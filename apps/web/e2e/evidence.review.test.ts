// The review page: an examiner opens a sitting with two recorded segments per track (camera,
// screen and the phone's side view) and a warning, sees the drawn timeline and the list of
// events, and a click on the warning moves the players to that moment (played together),
// beside the camera snapshot of then; screenshots in kk, ru and en. After handing in, a student
// finds their own review from the exam's page, sees their flag and explains it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/test/harness.ts';
import { TestClient } from '../../server/test/client.ts';
import { connect } from '../../server/test/signals/live-sitting.ts';
import { EmtihanPage, LANGUAGE_BUTTON, launchChromium } from './emtihan.page.ts';
import { checkInThroughApi, STUDENT1_NAME } from './written-exam.page.ts';

let server: TestServer;
let browser: Browser;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'review-e2e-'));

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A real 5-second WebM made by ffmpeg. */
function webm(name: string, colour: string): Uint8Array {
  const file = path.join(tmp, `${name}.webm`);
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `color=c=${colour}:size=320x240:rate=5`,
    '-t',
    '5',
    '-c:v',
    'libvpx',
    '-b:v',
    '50k',
    file,
  ]);
  return new Uint8Array(fs.readFileSync(file));
}

describe('review page', () => {
  it('plays camera, screen and the side view from the moment an event on the timeline is clicked', async () => {
    const { client, sessionId } = await checkInThroughApi(server.url, 'student1', STUDENT1_NAME);
    const t0 = Date.now() - 20_000;
    for (const track of ['camera', 'screen', 'side'])
      for (const seq of [0, 1]) {
        const bytes = webm(`${track}${seq}`, seq ? 'blue' : 'green');
        const sha = createHash('sha256').update(bytes).digest('hex');
        const res = await fetch(
          `${server.url}/api/sessions/${sessionId}/evidence/${track}/${seq}?sha256=${sha}&startedAt=${t0 + seq * 5000}&durationMs=5000`,
          {
            method: 'POST',
            headers: {
              'content-type': 'video/webm',
              cookie: client.cookie,
              'x-csrf-token': client.csrf,
            },
            body: Buffer.from(bytes),
          },
        );
        expect(res.status).toBe(200);
      }
    // A camera snapshot, as the recorder takes every few seconds.
    const jpeg = execFileSync('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'color=c=orange:s=320x240', '-frames:v', '1'],
      ...['-f', 'image2pipe', '-c:v', 'mjpeg', '-'],
    ]);
    const shot = await fetch(
      `${server.url}/api/sessions/${sessionId}/evidence/camera-snapshot/0?sha256=${createHash('sha256').update(jpeg).digest('hex')}&startedAt=${t0 + 6000}&durationMs=0`,
      {
        method: 'POST',
        headers: {
          'content-type': 'image/jpeg',
          cookie: client.cookie,
          'x-csrf-token': client.csrf,
        },
        body: jpeg,
      },
    );
    expect(shot.status).toBe(200);
    const proctor = new TestClient(server.url);
    await proctor.login('proctor1');
    await proctor.call('sessionCommand', {
      params: { sessionId },
      body: { type: 'issue-warning', category: 'third_person', note: 'Бөлмеде бөгде адам' },
    });

    fs.mkdirSync('/tmp/shots/evidence', { recursive: true });
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const app = await EmtihanPage.open(browser, server.url, '/login');
      try {
        await app.page.getByRole('button', { name: LANGUAGE_BUTTON[lang], exact: true }).click();
        await app.logIn('examiner1', 'demo', lang);
        await app.page.waitForURL(/examiner/);
        await app.page.goto(`${server.url}/sessions/${sessionId}/review`);
        await app.page.getByRole('img', { name: /\d+/ }).first().waitFor();
        if (lang === 'en') {
          await app.page.getByRole('heading', { name: `Review: ${STUDENT1_NAME}` }).waitFor();
          await app.page.getByText('Audit chain intact').waitFor();
          const events = app.page.getByRole('list', { name: 'Events of the sitting' });
          // The review shows what the student was told: the template and the proctor's note.
          await events
            .getByText(
              'Another person is with you. Take the exam on your own: advice from third persons is not allowed.',
            )
            .waitFor();
          await events.getByText("The proctor's note: Бөлмеде бөгде адам").waitFor();
          await events.getByRole('button', { name: /warning issued$/ }).click();
          // Both players now show the segment of that moment (the second, from t0 + 5 s on).
          await expect
            .poll(() =>
              app.page.evaluate(() =>
                Array.from(document.querySelectorAll('video')).map(
                  (v) => v.getAttribute('src') ?? v.src,
                ),
              ),
            )
            .toEqual([
              expect.stringMatching(/evidence\/camera\/\d$/),
              expect.stringMatching(/evidence\/screen\/\d$/),
              expect.stringMatching(/evidence\/side\/\d$/),
            ]);
          // The phone's side view plays with the camera, at the same moment of the sitting.
          await app.page.getByLabel('Phone camera (side view)').waitFor();
          await app.page.evaluate(() => {
            const camera = document.querySelector('video')!;
            camera.muted = true;
            void camera.play();
          });
          await expect
            .poll(() =>
              app.page.evaluate(() => {
                const [camera, , side] = Array.from(document.querySelectorAll('video'));
                const now = (v: HTMLVideoElement) =>
                  Number(v.dataset.startedAt) + v.currentTime * 1000;
                return {
                  playing: !side!.paused && side!.currentTime > 0,
                  apartMs: Math.abs(now(side!) - now(camera!)) < 1500,
                };
              }),
            )
            .toEqual({ playing: true, apartMs: true });
          // The camera snapshot nearest that moment is shown beside the players.
          await app.page.getByRole('img', { name: /^Camera snapshot at / }).waitFor();
          const pdf = app.page.getByRole('link', { name: 'Integrity report (PDF)' });
          expect(await pdf.getAttribute('href')).toBe(
            `/api/sessions/${sessionId}/report.pdf?lang=en`,
          );
        }
        await app.page.screenshot({
          path: `/tmp/shots/evidence/review-${lang}.png`,
          fullPage: true,
        });
      } finally {
        await app.context.close();
      }
    }
  });

  it('a student who has handed in finds their own review, sees the flag and explains it', async () => {
    const name = 'Нұрланов Дәулет Серікұлы';
    const { client, sessionId } = await checkInThroughApi(server.url, 'student2', name);
    // A paste during the work raises a flag.
    const socket = await connect(server.url, client);
    expect(
      await socket.emitWithAck('msg', {
        type: 'signals',
        sessionId,
        seq: 0,
        signals: [{ kind: 'clipboard', at: Date.now(), action: 'paste' }],
      }),
    ).toMatchObject({ ok: true });
    socket.close();
    const answer = 'Жауап';
    const sha256 = createHash('sha256').update(answer).digest('hex');
    await client.call('saveAnswer', {
      params: { sessionId },
      body: { seq: 1, body: answer, sha256 },
    });
    const submitted = await client.call('sessionCommand', {
      params: { sessionId },
      body: { type: 'submit', answerSha256: sha256 },
    });
    expect(submitted.status).toBe(200);

    const app = await EmtihanPage.open(browser, server.url, '/login');
    try {
      await app.chooseLanguage('en');
      await app.logIn('student2', 'demo');
      await app.link('Open the exam: Written exam').click();
      await app.link('See my flags and explain them').click();
      await app.page.getByRole('heading', { name: `Review: ${name}` }).waitFor();
      const flags = app.page.getByRole('region', { name: 'Flags' });
      await flags.getByText('Copy or paste', { exact: true }).waitFor();
      await app
        .textbox('Your explanation of this moment')
        .fill('Мен өз конспектімнен емес, тапсырмадан көшірдім.');
      await app.button('Send the explanation').click();
      await app.seeStatus('Your explanation is sent; the reviewer sees it.');
    } finally {
      await app.context.close();
    }
    const proctor = new TestClient(server.url);
    await proctor.login('proctor1');
    const report = await proctor.call('sessionReport', { params: { sessionId } });
    expect(report.body.explanations).toEqual([
      expect.objectContaining({ body: 'Мен өз конспектімнен емес, тапсырмадан көшірдім.' }),
    ]);
  });
});
