// The check-in photo against the ID photo, and the server detector's thread, on real pictures:
// faces cut from @vladmandic/face-api's demo photos, printed on a made-up ID card (small, grey,
// blurred, as a webcam sees a card), compared with the same person and with someone else.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectionConfig } from './config.ts';
import { compareIdentityPhotos, recheckSnapshot, serverEngine } from './node.ts';
import { createServerDetector } from './server-detector.ts';

const require = createRequire(import.meta.url);
const demo = join(require.resolve('@vladmandic/face-api'), '..', '..', 'demo');

type FaceBox = [string, number, number, number];
/** Faces of the demo photos (detector boxes, pixels of the original). */
const personA: FaceBox = ['sample1.jpg', 334, 316, 352];
const personB: FaceBox = ['sample6.jpg', 177, 456, 360];
const personC: FaceBox = ['sample3.jpg', 1372, 244, 409];

/** A face with a margin around it (as a webcam frames a student), `width` pixels wide. */
async function portrait([photo, x, y, w]: FaceBox, width: number, margin = 0.35): Promise<Buffer> {
  const meta = await sharp(join(demo, photo)).metadata();
  const m = Math.round(w * margin);
  const left = Math.max(0, x - m);
  const top = Math.max(0, y - m);
  const side = Math.min(w + 2 * m, (meta.width ?? 0) - left, (meta.height ?? 0) - top);
  return sharp(join(demo, photo))
    .extract({ left, top, width: side, height: side })
    .resize(width)
    .jpeg()
    .toBuffer();
}

/** An ID card: a grey, slightly blurred passport-style portrait, lines of "text" beside it. */
async function idCard(face: FaceBox, portraitWidth = 200): Promise<Buffer> {
  const picture = await sharp(await portrait(face, portraitWidth, 0.2))
    .greyscale()
    .blur(0.8)
    .toBuffer();
  const line = (top: number, width: number) => ({
    input: { create: { width, height: 14, channels: 3 as const, background: '#334' } },
    left: portraitWidth + 60,
    top,
  });
  return sharp({
    create: { width: 640, height: 420, channels: 3, background: { r: 205, g: 220, b: 235 } },
  })
    .composite([
      { input: picture, left: 30, top: 80 },
      line(90, 260),
      line(130, 200),
      line(170, 240),
      line(250, 180),
    ])
    .jpeg({ quality: 70 })
    .toBuffer();
}

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'identity-'));
  await serverEngine();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('check-in photo against the ID photo', () => {
  it('finds the same person on the card similar, and another person not', async () => {
    const photo = await portrait(personA, 640);
    const same = await compareIdentityPhotos(await idCard(personA), photo);
    const other = await compareIdentityPhotos(await idCard(personB), photo);
    const third = await compareIdentityPhotos(await idCard(personC), photo);
    expect(same).toMatchObject({ computed: true, verdict: 'match', notes: [] });
    for (const impostor of [other, third]) {
      expect(impostor.computed).toBe(true);
      if (!impostor.computed || !same.computed) continue;
      expect(impostor.similarity).toBeLessThan(detectionConfig.faceMatch.match);
      expect(same.similarity - impostor.similarity).toBeGreaterThan(0.2);
    }
  }, 60_000);

  it('says why nothing was computed: no face on the card, or a photo without one face', async () => {
    const grey = await sharp({
      create: { width: 640, height: 420, channels: 3, background: '#888' },
    })
      .jpeg()
      .toBuffer();
    const photo = await portrait(personA, 640);
    expect(await compareIdentityPhotos(grey, photo)).toMatchObject({
      computed: false,
      reason: 'no-face-on-id',
    });
    expect(await compareIdentityPhotos(await idCard(personA), grey)).toMatchObject({
      computed: false,
      reason: 'no-face-on-photo',
    });
    const group = await sharp(join(demo, 'sample1.jpg')).resize(1280).jpeg().toBuffer();
    expect(await compareIdentityPhotos(await idCard(personA), group)).toMatchObject({
      computed: false,
      reason: 'several-faces-on-photo',
    });
    const far = await sharp(await portrait(personA, 640))
      .resize(200)
      .extend({ right: 440, bottom: 280, background: '#888' })
      .jpeg()
      .toBuffer();
    expect(await compareIdentityPhotos(await idCard(personA), far)).toMatchObject({
      computed: false,
      reason: 'face-photo-small',
    });
  }, 60_000);
});

describe('snapshot re-check against the check-in photo', () => {
  it('gives the live face its similarity to the check-in face', async () => {
    const checkIn = await portrait(personC, 640);
    const live = await sharp(await portrait(personC, 640))
      .modulate({ brightness: 0.7 })
      .resize(320)
      .jpeg()
      .toBuffer();
    const someoneElse = await portrait(personB, 320);
    const same = await recheckSnapshot(live, { reference: checkIn });
    const other = await recheckSnapshot(someoneElse, { reference: checkIn });
    expect(same.faces).toHaveLength(1);
    expect(same.similarity).toBeGreaterThanOrEqual(detectionConfig.faceMatch.match);
    expect(other.similarity).toBeLessThan(detectionConfig.faceMatch.match);
  }, 60_000);
});

describe('the server detector thread', () => {
  it('re-checks a snapshot off the main thread, and starts again after being closed', async () => {
    const detector = createServerDetector();
    try {
      const snapshot = await sharp(join(demo, 'sample2.jpg')).resize(640).jpeg().toBuffer();
      const seen = await detector.recheck(snapshot);
      expect(seen.faces).toHaveLength(3);
      expect(seen.objects.map((o) => o.label)).toContain('cell phone');
      await detector.close();
      const again = await detector.recheck(await portrait(personA, 320));
      expect(again.faces).toHaveLength(1);
    } finally {
      await detector.close();
    }
  }, 120_000);
});
