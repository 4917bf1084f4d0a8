// Test pictures for the phone finder, read from installed packages at test and bench time (no
// binaries in the repository). Boxes are pixels of the original picture, placed by eye.
// Sources: `@vladmandic/face-api` (npm, its demo/ folder), `jigzo-data` (Debian, puzzles of
// animals and landscapes), `darknet` (Debian, /usr/share/darknet/data: the YOLO sample photos).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
/** @vladmandic/face-api's demo folder (npm). */
export const faceApiDemo = join(require.resolve('@vladmandic/face-api'), '..', '..', 'demo');
/** jigzo-data (Debian): a small header then a JPEG per puzzle. */
export const jigzoPuzzles = '/usr/share/games/jigzo/puzzles/00_default';
/** darknet (Debian): sample photos (dog, eagle, giraffe, horses, kite, person, scream). */
export const darknetData = '/usr/share/darknet/data';

export type PixelBox = [number, number, number, number];

/** Phones in the face-api demo photos: held, on a sofa, on a table, in a bag. */
export const phonePictures: { photo: string; what: string; box: PixelBox; source: string }[] = [
  { photo: 'sample1.jpg', what: 'held, half hidden', box: [880, 1140, 90, 80] },
  { photo: 'sample2.jpg', what: 'lying on a sofa', box: [80, 1250, 220, 90] },
  { photo: 'sample3.jpg', what: 'green, on a table', box: [960, 1260, 100, 60] },
  { photo: 'sample3.jpg', what: 'in a handbag', box: [1600, 1140, 100, 140] },
  { photo: 'sample4.jpg', what: 'white, in a hand', box: [840, 800, 110, 90] },
].map((p) => ({ ...p, box: p.box as PixelBox, source: 'npm @vladmandic/face-api demo/' }));

/** Phone framings: a crop `scale` times the phone's width, 4:3, resized to 640×480. */
export const phoneFramingScales = [4, 7, 12];

/**
 * Hands without a phone in the same photos (a glass, a knee, a hip, another hand), framed like
 * the phones: where a phone-looking false alarm would come from. `scales`: framings checked by
 * eye to show no phone.
 */
export const handPictures: { photo: string; what: string; box: PixelBox; scales: number[] }[] = [
  {
    photo: 'sample1.jpg',
    what: 'hand with a wine glass',
    box: [300, 1000, 150, 200],
    scales: [3, 6],
  },
  {
    photo: 'sample1.jpg',
    what: 'hand with a bracelet',
    box: [1330, 1110, 140, 140],
    scales: [3, 6],
  },
  { photo: 'sample2.jpg', what: 'hand on a knee', box: [813, 1039, 128, 186], scales: [3, 6] },
  { photo: 'sample3.jpg', what: 'hand with a glass', box: [620, 800, 200, 200], scales: [3] },
  { photo: 'sample3.jpg', what: 'hand behind the head', box: [470, 440, 150, 150], scales: [3, 6] },
  { photo: 'sample4.jpg', what: 'hand with a watch', box: [340, 740, 150, 150], scales: [3, 6] },
  { photo: 'sample5.jpg', what: 'hand on a knee', box: [1210, 1171, 94, 188], scales: [3, 6] },
  { photo: 'sample6.jpg', what: 'hands held', box: [1300, 1360, 150, 120], scales: [3, 6] },
];

/** A webcam-like 640×480 frame: a 4:3 crop `scale` times the box's width around it. */
export async function frameAround(photo: string, box: PixelBox, scale: number, out: string) {
  const meta = await sharp(photo).metadata();
  const W = meta.width!;
  const H = meta.height!;
  const w = Math.min(W, Math.round(box[2] * scale));
  const h = Math.min(H, Math.round((w * 3) / 4));
  const left = Math.max(0, Math.min(W - w, Math.round(box[0] + box[2] / 2 - w / 2)));
  const top = Math.max(0, Math.min(H - h, Math.round(box[1] + box[3] / 2 - h / 2)));
  await sharp(photo)
    .extract({ left, top, width: w, height: h })
    .resize(640, 480)
    .jpeg()
    .toFile(out);
  return out;
}
