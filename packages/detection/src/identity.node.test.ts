// The check-in photo against the ID photo, and the server detector's thread, on real pictures:
// faces cut from @vladmandic/face-api's demo photos, printed on a made-up ID card (small, grey,
// blurred, as a webcam sees a card), compared with the same person and with someone else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectionConfig } from './config.ts';
import { compareIdentityPhotos, recheckSnapshot, serverEngine } from './node.ts';
import { createServerDetector } from './server-detector.ts';
import { demoDir as demo, idCard, personA, personB, personC, portrait } from './test-pictures.ts';

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
