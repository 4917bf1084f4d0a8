// Evidence that is never lost: three minutes of fake camera and screen recorded in segments,
// a minute of it with the network cut; afterwards the server holds every segment, each one
// decodes on its own (ffmpeg) and matches its SHA-256.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, updateExamSettings, type TestServer } from '../../server/test/harness.ts';
import { launchChromium } from './emtihan.page.ts';
import { checkInThroughApi, sha256, STUDENT1_NAME, WrittenExamPage } from './written-exam.page.ts';

let server: TestServer;
let browser: Browser;
const SEGMENT_SECONDS = 20;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
  // The face and object models are the detection test's; here they would only take CPU.
  await updateExamSettings(server, 'Written exam', { automaticChecks: false });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Segment {
  track: string;
  seq: number;
  sha256: string;
  size: number;
  contentType: string;
}

describe('recording the camera and the screen', () => {
  it('records 3 minutes with 60 s offline; every segment reaches the server, plays alone and matches its hash', async () => {
    const { client, sessionId } = await checkInThroughApi(server.url, 'student1', STUDENT1_NAME);
    const app = await WrittenExamPage.logIn(browser, server.url, 'student1');
    const { page } = app;
    const minute = () => page.waitForTimeout(60_000);
    try {
      const network = await app.cuttableNetwork();
      const link = page.getByRole('link', { name: 'Open the exam: Written exam', exact: true });
      const href = await link.getAttribute('href');
      await page.goto(new URL(`${href}?segmentSeconds=${SEGMENT_SECONDS}`, server.url).href);
      await app.shareScreenAgain();
      await app.button('Add submission').click();
      await app.status('Recording: all evidence is uploaded.').waitFor();

      // A minute online, a minute with HTTP and the socket cut, a minute online again.
      await minute();
      await network.cut();
      await app.status(/evidence waiting to upload/).waitFor();
      await minute();
      await app.status(/\d+ MB of evidence waiting to upload .*kept on this computer/).waitFor();
      const waitingText = await app.status(/evidence waiting to upload/).textContent();
      const waitingParts = Number(/\((\d+) parts\)/.exec(waitingText ?? '')?.[1]);
      // 60 s at 20 s per segment: at least two segments of each track are waiting.
      expect(waitingParts).toBeGreaterThanOrEqual(4);
      await network.restore();
      await minute();

      // The work ends: the last segments are finished and sent too.
      await app.answerBox().pressSequentially('Жауап.');
      await app.saveStatus(/^All changes saved/).waitFor();
      await app.button('Submit assignment').click();
      const confirm = page.getByRole('dialog', { name: 'Submit the assignment?' });
      await app.button('Submit assignment', confirm).click();
      await page.getByRole('status', { name: 'Your work is submitted' }).waitFor();
      // Every segment left the device: IndexedDB holds none, and the server has as many of
      // each track as the browser numbered.
      const onDevice = () =>
        page.evaluate(
          () =>
            new Promise<{ pending: number; recorded: Record<string, number> }>((resolve) => {
              const open = indexedDB.open('emtihan-evidence');
              open.onsuccess = () => {
                const tx = open.result.transaction(['segments', 'counters'], 'readonly');
                const count = tx.objectStore('segments').count();
                const counters = tx.objectStore('counters').getAll();
                tx.oncomplete = () =>
                  resolve({
                    pending: count.result,
                    recorded: Object.fromEntries(
                      (counters.result as { track: string; next: number }[]).map((c) => [
                        c.track,
                        c.next,
                      ]),
                    ),
                  });
              };
            }),
        );
      const onServer = async () =>
        (
          (await client.call('listEvidence', { params: { sessionId } })).body as {
            segments: Segment[];
          }
        ).segments;
      const counts = (segments: Segment[]) =>
        Object.fromEntries(
          ['camera', 'screen', 'camera-snapshot', 'screen-snapshot'].map((t) => [
            t,
            segments.filter((s) => s.track === t).length,
          ]),
        );
      await expect
        .poll(
          async () => {
            const device = await onDevice();
            if (device.pending > 0) return `${device.pending} still on the device`;
            const server = counts(await onServer());
            const same = Object.entries(server).every(([t, n]) => (device.recorded[t] ?? 0) === n);
            return same
              ? 'all on the server'
              : `server ${JSON.stringify(server)}, device ${JSON.stringify(device.recorded)}`;
          },
          { interval: 1000, timeout: 60_000 },
        )
        .toBe('all on the server');
      const { recorded } = await onDevice();
      const segments = await onServer();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-e2e-'));
      try {
        for (const track of ['camera', 'screen', 'camera-snapshot', 'screen-snapshot']) {
          const mine = segments.filter((s) => s.track === track).map((s) => s.seq);
          // Every segment the browser recorded, each exactly once, none missing.
          expect(mine, track).toEqual([...Array(recorded[track]).keys()]);
        }
        for (const track of ['camera', 'screen']) {
          // ~3 minutes in 20 s segments.
          expect(recorded[track], track).toBeGreaterThanOrEqual(8);
        }
        for (const s of segments) {
          const res = await fetch(
            `${server.url}/api/sessions/${sessionId}/evidence/${s.track}/${s.seq}`,
            { headers: { cookie: client.cookie } },
          );
          expect(res.status).toBe(200);
          const bytes = new Uint8Array(await res.arrayBuffer());
          expect(sha256(bytes), `${s.track} ${s.seq}`).toBe(s.sha256);
          const file = path.join(
            dir,
            `${s.track}-${s.seq}.${s.track.endsWith('snapshot') ? 'jpg' : 'webm'}`,
          );
          fs.writeFileSync(file, bytes);
          // Plays on its own: ffprobe decodes every frame of the file alone, without an error.
          const probe = spawnSync(
            'ffprobe',
            ['-v', 'error', '-count_frames', '-show_streams', '-of', 'json', file],
            { encoding: 'utf8' },
          );
          expect({ status: probe.status, errors: probe.stderr }, file).toEqual({
            status: 0,
            errors: '',
          });
          const streams = (
            JSON.parse(probe.stdout) as {
              streams: { codec_type: string; nb_read_frames?: string }[];
            }
          ).streams;
          const video = streams.find((x) => x.codec_type === 'video');
          expect(Number(video?.nb_read_frames), file).toBeGreaterThan(0);
          if (s.track === 'camera')
            expect(
              streams.map((x) => x.codec_type),
              file,
            ).toContain('audio');
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await app.close();
    }
  }, 360_000);
});
