// Test pictures made from real photos (@vladmandic/face-api's demo folder): a student framed by
// a webcam, and a made-up ID card with a passport-style portrait (grey, slightly blurred, as a
// webcam sees a card). Used by this package's tests and the server's.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
export const demoDir = join(require.resolve('@vladmandic/face-api'), '..', '..', 'demo');

/** A face of a demo photo: file and detector box (x, y, width; pixels of the original). */
export type FaceBox = [string, number, number, number];
export const personA: FaceBox = ['sample1.jpg', 334, 316, 352];
export const personB: FaceBox = ['sample6.jpg', 177, 456, 360];
export const personC: FaceBox = ['sample3.jpg', 1372, 244, 409];

/** A face with a margin around it (as a webcam frames a student), `width` pixels wide. */
export async function portrait([photo, x, y, w]: FaceBox, width: number, margin = 0.35) {
  const meta = await sharp(join(demoDir, photo)).metadata();
  const m = Math.round(w * margin);
  const left = Math.max(0, x - m);
  const top = Math.max(0, y - m);
  const side = Math.min(w + 2 * m, (meta.width ?? 0) - left, (meta.height ?? 0) - top);
  return sharp(join(demoDir, photo))
    .extract({ left, top, width: side, height: side })
    .resize(width)
    .jpeg()
    .toBuffer();
}

/** An ID card: a grey, slightly blurred passport-style portrait, lines of "text" beside it. */
export async function idCard(face: FaceBox, portraitWidth = 200): Promise<Buffer> {
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

/** Two people side by side (the demo photo's pair), as a 640×480 webcam frame. */
export async function twoFaces(): Promise<Buffer> {
  return sharp(join(demoDir, 'sample6.jpg'))
    .extract({ left: 60, top: 200, width: 1000, height: 750 })
    .resize(640, 480)
    .jpeg()
    .toBuffer();
}
