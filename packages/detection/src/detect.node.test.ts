// The detectors on real pictures and video, in Node with the same configuration as the browser.
// Group photos from @vladmandic/face-api's demo folder (true counts established by looking at
// them), single-face crops cut from them, blank frames, animals from Debian's jigzo-data, and
// ffmpeg-made videos run through the domain's rules.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signal } from '@emtihan/domain';
import { evaluateSignals } from '@emtihan/domain';
import { faceSignals } from './signals.ts';
import type { DetectLine } from './node.ts';
import { detectFile, imageTensor, nodeEngine, recheckSnapshot } from './node.ts';
import type { TileMode } from './config.ts';
import { detectionConfig } from './config.ts';
import { frameAround, handPictures, phonePictures } from './phone-pictures.fixture.ts';

const require = createRequire(import.meta.url);
const demo = join(require.resolve('@vladmandic/face-api'), '..', '..', 'demo');
const jigzo = '/usr/share/games/jigzo/puzzles/00_default';

/** Faces in each demo photo, counted by eye. */
export const groupPhotos: Record<string, number> = {
  'sample1.jpg': 3,
  'sample2.jpg': 3,
  'sample3.jpg': 3,
  'sample4.jpg': 4,
  'sample5.jpg': 5,
  'sample6.jpg': 4,
};

async function all(file: string, options: { everySeconds?: number; objects?: boolean } = {}) {
  const lines: DetectLine[] = [];
  for await (const line of detectFile(file, options)) lines.push(line);
  return lines;
}

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'detect-'));
  await nodeEngine();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A crop of one demo photo around the given face box (pixels of the original), with margin. */
async function crop(photo: string, box: [number, number, number, number], out: string) {
  const [x, y, w, h] = box;
  const m = Math.round(w * 0.3);
  const meta = await sharp(join(demo, photo)).metadata();
  const left = Math.max(0, x - m);
  const top = Math.max(0, y - m);
  const width = Math.min((meta.width ?? 0) - left, w + 2 * m);
  const height = Math.min((meta.height ?? 0) - top, h + 2 * m);
  await sharp(join(demo, photo))
    .extract({ left, top, width, height })
    .resize(640)
    .jpeg()
    .toFile(out);
  return out;
}

describe('faces in pictures', () => {
  it('counts every face in the group photos', async () => {
    for (const [photo, count] of Object.entries(groupPhotos)) {
      const [line] = await all(join(demo, photo), { objects: false });
      expect(line?.faces.length, photo).toBe(count);
    }
  }, 60_000);

  it('finds exactly one face in single-face crops and none on blank frames', async () => {
    const crops = [
      await crop('sample1.jpg', [334, 316, 352, 352], join(dir, 'c1.jpg')),
      await crop('sample3.jpg', [1372, 244, 409, 409], join(dir, 'c3.jpg')),
      await crop('sample6.jpg', [177, 456, 360, 361], join(dir, 'c6.jpg')),
    ];
    for (const file of crops) {
      const [line] = await all(file, { objects: false });
      expect(line?.faces.length, file).toBe(1);
      expect(Math.abs(line?.faces[0]?.yaw ?? 99)).toBeLessThan(40);
    }
    for (const [name, colour] of [
      ['black', { r: 0, g: 0, b: 0 }],
      ['grey', { r: 128, g: 128, b: 128 }],
      ['white', { r: 255, g: 255, b: 255 }],
    ] as const) {
      const file = join(dir, `${name}.png`);
      await sharp({ create: { width: 640, height: 480, channels: 3, background: colour } })
        .png()
        .toFile(file);
      const [line] = await all(file, { objects: false });
      expect(line?.faces, name).toEqual([]);
    }
  }, 60_000);

  it.runIf(existsSync(jigzo))(
    'finds no face on animals and landscapes (jigzo-data)',
    async () => {
      for (const puzzle of ['gorilla2', 'horse', 'penguin', 'bird', 'castle', 'windmill']) {
        const file = join(dir, `${puzzle}.jpg`);
        // A jigzo puzzle is a small header followed by a JPEG.
        execFileSync('python3', [
          '-c',
          `import glob,sys;d=open(glob.glob('${jigzo}/${puzzle}-*.pzl')[0],'rb').read();i=d.find(b'\\xff\\xd8\\xff');open('${file}','wb').write(d[i:d.rfind(b'\\xff\\xd9')+2])`,
        ]);
        const [line] = await all(file, { objects: false });
        expect(line?.faces, puzzle).toEqual([]);
      }
    },
    60_000,
  );
});

describe('objects', () => {
  it('finds the phone lying on the sofa, and the server re-check sees the same', async () => {
    const [line] = await all(join(demo, 'sample2.jpg'));
    expect(line?.objects.map((o) => o.label)).toContain('cell phone');
    const { objects, faces } = await recheckSnapshot(
      await sharp(join(demo, 'sample2.jpg')).jpeg().toBuffer(),
    );
    expect(objects.map((o) => o.label)).toContain('cell phone');
    expect(faces).toHaveLength(3);
  }, 60_000);

  it('finds the white phone in a hand through an enlarged tile, where the whole frame misses it', async () => {
    const engine = await nodeEngine();
    const phone = phonePictures.find((p) => p.what === 'white, in a hand')!;
    const file = await frameAround(join(demo, phone.photo), phone.box, 7, join(dir, 'white.jpg'));
    const frame = await imageTensor(engine.human, file);
    try {
      const phones = async (tiles: TileMode) =>
        (await engine.objects(frame, { tiles })).objects.filter((o) => o.label === 'cell phone');
      expect(await phones('off')).toEqual([]);
      // The model calls it a remote, and sure enough only on the enlarged tile.
      const found = await phones('all');
      expect(found.map((o) => o.seenAs)).toContain('remote');
      // Rotating, one tile per heavy pass: seen within one round of passes.
      const seen: boolean[] = [];
      for (let i = 0; i < detectionConfig.objects.tiles.grid ** 2; i++)
        seen.push((await phones('rotate')).length > 0);
      expect(seen.filter(Boolean)).toHaveLength(1);
    } finally {
      engine.human.tf.dispose(frame);
    }
  }, 60_000);

  it('sees no phone beside hands that hold none', async () => {
    for (const hand of handPictures.slice(0, 4)) {
      const file = await frameAround(
        join(demo, hand.photo),
        hand.box,
        hand.scales[0]!,
        join(dir, `hand-${hand.box[0]}.jpg`),
      );
      const [line] = await all(file);
      expect(
        line?.objects.filter((o) => o.label === 'cell phone'),
        hand.what,
      ).toEqual([]);
    }
  }, 60_000);
});

/** Detector output of a video → the domain's signals, stamped at the frame's time. */
function signalsOf(lines: DetectLine[]): Signal[] {
  return lines.flatMap((line) =>
    faceSignals(line.faces).map((s) => ({ ...s, at: Math.round((line.t ?? 0) * 1000) }) as Signal),
  );
}

describe('videos through the domain rules', () => {
  it('a face that leaves the camera raises face_absent after the debounce', async () => {
    const face = await crop('sample6.jpg', [177, 456, 360, 361], join(dir, 'face.jpg'));
    const video = join(dir, 'leaves.y4m');
    // 3 s of the face, then 12 s of an empty (grey) frame.
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-loop',
      '1',
      '-t',
      '3',
      '-i',
      face,
      '-f',
      'lavfi',
      '-t',
      '12',
      '-i',
      'color=c=gray:s=640x480',
      '-filter_complex',
      '[0]scale=640:480,setsar=1,fps=4[a];[1]setsar=1,fps=4[b];[a][b]concat=n=2:v=1',
      '-pix_fmt',
      'yuv420p',
      video,
    ]);
    const lines = await all(video, { everySeconds: 0.5, objects: false });
    expect(lines[0]?.faces).toHaveLength(1);
    const flags = evaluateSignals(signalsOf(lines));
    const absent = flags.find((f) => f.category === 'face_absent');
    expect(absent?.severity).toBe('minor');
    expect(absent?.startAt).toBeGreaterThanOrEqual(2_500);
    expect(flags.some((f) => f.severity === 'gross')).toBe(false);
  }, 60_000);

  it('a second face joining for two seconds raises multiple_faces', async () => {
    const one = await crop('sample6.jpg', [177, 456, 360, 361], join(dir, 'one.jpg'));
    const pair = join(dir, 'pair.jpg');
    await sharp(join(demo, 'sample6.jpg'))
      .extract({ left: 60, top: 200, width: 1000, height: 750 })
      .resize(640, 480)
      .jpeg()
      .toFile(pair);
    const video = join(dir, 'pair.webm');
    // One face for 2 s, two faces for 2 s, one face again for 2 s.
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-loop',
      '1',
      '-t',
      '2',
      '-i',
      one,
      '-loop',
      '1',
      '-t',
      '2',
      '-i',
      pair,
      '-loop',
      '1',
      '-t',
      '2',
      '-i',
      one,
      '-filter_complex',
      '[0]scale=640:480,setsar=1,fps=4[a];[1]scale=640:480,setsar=1,fps=4[b];[2]scale=640:480,setsar=1,fps=4[c];[a][b][c]concat=n=3:v=1',
      '-c:v',
      'libvpx',
      '-b:v',
      '1M',
      video,
    ]);
    const lines = await all(video, { everySeconds: 0.5, objects: false });
    expect(lines.map((l) => l.faces.length)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1]);
    const flags = evaluateSignals(signalsOf(lines));
    expect(flags.map((f) => f.category)).toEqual(['multiple_faces']);
  }, 60_000);

  it('two minutes of an honest student looking at the screen raise no gross flag', async () => {
    const face = await crop('sample1.jpg', [334, 316, 352, 352], join(dir, 'still.jpg'));
    const video = join(dir, 'still.mp4');
    // Camera noise changes every frame, as a real webcam's does.
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-loop',
      '1',
      '-framerate',
      '1',
      '-t',
      '120',
      '-i',
      face,
      '-vf',
      'scale=640:-2,noise=alls=8:allf=t',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      video,
    ]);
    // Sampled every 2 s to keep the test short; the rules see the same stretch.
    const lines = await all(video, { everySeconds: 2, objects: false });
    expect(lines.length).toBeGreaterThanOrEqual(59);
    const exact = lines.filter((l) => l.faces.length === 1).length;
    expect(exact / lines.length).toBeGreaterThanOrEqual(0.99);
    const flags = evaluateSignals(signalsOf(lines));
    expect(flags.filter((f) => f.severity === 'gross')).toEqual([]);
  }, 120_000);
});
