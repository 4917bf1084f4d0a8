// The detectors in Node: human's WASM build, models and WASM binaries read from the installed
// packages, images decoded with sharp, videos sampled through Debian's ffmpeg. Used by the
// `detect` command, the benchmark and the server's re-check of an uploaded snapshot.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import type { Human, Tensor } from '@vladmandic/human';
import type { TileMode } from './config.ts';
import { humanConfig } from './config.ts';
import type { DetectionEngine } from './engine.ts';
import { createDetectionEngine } from './engine.ts';
import type { FrameFace, FrameObject } from './frame.ts';
import type { DescribedFace, IdentityComparison } from './identity.ts';
import { compareIdentity } from './identity.ts';

const require = createRequire(import.meta.url);

/** Folders of the shipped models and the tfjs WASM binaries (also served to browsers). */
export function modelDirs(): { models: string; wasm: string; human: string } {
  // human's `exports` lack `./` subpaths: find its folder through the main entry (dist/…).
  const humanDir = dirname(dirname(require.resolve('@vladmandic/human')));
  const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '..', 'dist');
  return { models: join(humanDir, 'models'), wasm: wasmDir, human: humanDir };
}

let fetchShimmed = false;
/** Node's fetch cannot read file:// URLs; human loads its models through fetch. */
function shimFileFetch(): void {
  if (fetchShimmed) return;
  fetchShimmed = true;
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('file://')) return original(input, init);
    const body = await readFile(new URL(url));
    const type = url.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    return new Response(body, { status: 200, headers: { 'content-type': type } });
  };
}

const shared = new Map<string, Promise<DetectionEngine>>();

/** One engine per process and options (models load once, ~1 s). */
export function nodeEngine(
  options: { antispoof?: boolean; faceMatch?: boolean } = {},
): Promise<DetectionEngine> {
  const key = JSON.stringify(options);
  const existing = shared.get(key);
  if (existing) return existing;
  const created = (async () => {
    shimFileFetch();
    const dirs = modelDirs();
    const { Human: HumanClass } = require(join(dirs.human, 'dist', 'human.node-wasm.js')) as {
      Human: new (config: object) => Human;
    };
    const human = new HumanClass(
      humanConfig(
        {
          modelBasePath: pathToFileURL(dirs.models).href + '/',
          wasmPath: dirs.wasm + '/',
        },
        options,
      ),
    );
    await human.load();
    await human.tf.ready();
    return createDetectionEngine(human, options);
  })();
  shared.set(key, created);
  return created;
}

/** RGB pixels of an image (jpg, png, webp) as an int32 tensor [1, h, w, 3]. */
export async function imageTensor(human: Human, image: string | Buffer): Promise<Tensor> {
  const { data, info } = await sharp(image)
    .rotate()
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return human.tf.tensor(new Int32Array(data), [1, info.height, info.width, 3], 'int32') as Tensor;
}

export interface DetectLine {
  file: string;
  /** Seconds into a video. */
  t?: number;
  faces: Omit<FrameFace, 'gaze' | 'real'>[];
  objects: FrameObject[];
  ms: number;
}

/** Faces and objects of one frame (the whole pipeline, as the browser runs it over time). */
export async function detectFrame(
  engine: DetectionEngine,
  frame: Tensor,
  options: { objects?: boolean; tiles?: TileMode } = {},
): Promise<Omit<DetectLine, 'file'>> {
  const t0 = performance.now();
  const { faces } = await engine.faces(frame);
  // A single picture has no next pass to look at the other tiles: all of them at once.
  const tiles = options.tiles ?? 'all';
  const objects = options.objects === false ? [] : (await engine.objects(frame, { tiles })).objects;
  return {
    faces: faces.map(({ score, box, yaw, pitch }) => ({ score, box, yaw, pitch })),
    objects,
    ms: Math.round(performance.now() - t0),
  };
}

/** What the server's re-check saw on a snapshot. */
export interface SnapshotCheck extends Omit<DetectLine, 'file'> {
  /** Similarity of the one face in view to the reference photo's face, when one was given. */
  similarity?: number;
}

/** Counted faces of an image with their faceres embeddings (for identity comparison). */
export async function describeImage(
  engine: DetectionEngine,
  image: Buffer | string,
): Promise<DescribedFace[]> {
  const frame = await imageTensor(engine.human, image);
  try {
    const { faces, embeddings } = await engine.describe(frame);
    return faces.map((f, i) => ({ box: f.box, embedding: embeddings[i] ?? [] }));
  } finally {
    engine.human.tf.dispose(frame);
  }
}

/** The engine of the server's checks: the browser's configuration with faceres loaded. */
export const serverEngine = (): Promise<DetectionEngine> => nodeEngine({ faceMatch: true });

/**
 * Re-checks an uploaded snapshot (JPEG/PNG bytes) with the same configuration as the browser:
 * what the server stores next to a flag's evidence, so a doctored client result shows. With a
 * `reference` (the check-in face photo, or its faces already described) the one face in view
 * is also compared with it.
 */
export async function recheckSnapshot(
  image: Buffer,
  options: { reference?: Buffer | readonly DescribedFace[] } = {},
): Promise<SnapshotCheck> {
  const engine = await serverEngine();
  const frame = await imageTensor(engine.human, image);
  try {
    if (!options.reference) return await detectFrame(engine, frame);
    const t0 = performance.now();
    const described = await engine.describe(frame);
    const { objects } = await engine.objects(frame);
    const reference = Buffer.isBuffer(options.reference)
      ? await describeImage(engine, options.reference)
      : options.reference;
    const check: SnapshotCheck = {
      faces: described.faces.map(({ score, box, yaw, pitch }) => ({ score, box, yaw, pitch })),
      objects,
      ms: 0,
    };
    const live = described.embeddings[0];
    if (reference.length === 1 && described.faces.length === 1 && live?.length) {
      const similarity = engine.similarity(reference[0]!.embedding, live);
      check.similarity = Math.round(similarity * 100) / 100;
    }
    check.ms = Math.round(performance.now() - t0);
    return check;
  } finally {
    engine.human.tf.dispose(frame);
  }
}

/** The check-in face photo against the ID document photo (see `compareIdentity`). */
export async function compareIdentityPhotos(
  idPhoto: Buffer,
  facePhoto: Buffer,
): Promise<IdentityComparison & { ms: number }> {
  const engine = await serverEngine();
  const t0 = performance.now();
  const [onId, onPhoto] = [
    await describeImage(engine, idPhoto),
    await describeImage(engine, facePhoto),
  ];
  const result = compareIdentity(onId, onPhoto, (a, b) => engine.similarity(a, b));
  return { ...result, ms: Math.round(performance.now() - t0) };
}

export const videoExtensions = ['.y4m', '.webm', '.mp4', '.mkv', '.mov', '.avi'];

/**
 * Frames of a video every `everySeconds`, decoded by ffmpeg into raw RGB at (at most) `width`
 * pixels wide. Yields `{ t, width, height, rgb }`.
 */
export async function* videoFrames(
  file: string,
  options: { everySeconds?: number; width?: number } = {},
): AsyncGenerator<{ t: number; width: number; height: number; rgb: Buffer }> {
  const every = options.everySeconds ?? 1;
  const maxWidth = options.width ?? 640;
  const probe = await run('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=width,height',
    '-of',
    'csv=p=0:s=x',
    file,
  ]);
  const [w0, h0] = probe.toString().trim().split('x').map(Number);
  if (!w0 || !h0) throw new Error(`no video stream in ${file}`);
  const width = Math.min(maxWidth, w0) & ~1;
  const height = Math.round((h0 * width) / w0) & ~1;
  const child = spawn(
    'ffmpeg',
    [
      '-v',
      'error',
      '-i',
      file,
      '-vf',
      `fps=1/${every},scale=${width}:${height}`,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const frameBytes = width * height * 3;
  let pending = Buffer.alloc(0);
  let index = 0;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= frameBytes) {
      const rgb = pending.subarray(0, frameBytes);
      pending = pending.subarray(frameBytes);
      yield { t: Math.round(index * every * 1000) / 1000, width, height, rgb: Buffer.from(rgb) };
      index++;
    }
  }
  if ((await exited) !== 0) throw new Error(`ffmpeg failed on ${file}: ${stderr.trim()}`);
}

export function rgbTensor(
  human: Human,
  frame: { width: number; height: number; rgb: Buffer },
): Tensor {
  return human.tf.tensor(
    new Int32Array(frame.rgb),
    [1, frame.height, frame.width, 3],
    'int32',
  ) as Tensor;
}

function run(command: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`${command}: ${err.trim()}`)),
    );
  });
}

/** One result per image, or per sampled frame of a video. */
export async function* detectFile(
  file: string,
  options: { everySeconds?: number; objects?: boolean } = {},
): AsyncGenerator<DetectLine> {
  const engine = await nodeEngine();
  const lower = file.toLowerCase();
  if (videoExtensions.some((ext) => lower.endsWith(ext))) {
    for await (const frame of videoFrames(file, options)) {
      const tensor = rgbTensor(engine.human, frame);
      try {
        // Frames of a video follow each other as in the browser: one tile per frame, in turn.
        const line = await detectFrame(engine, tensor, { ...options, tiles: 'rotate' });
        yield { file, t: frame.t, ...line };
      } finally {
        engine.human.tf.dispose(tensor);
      }
    }
    return;
  }
  const tensor = await imageTensor(engine.human, file);
  try {
    yield { file, ...(await detectFrame(engine, tensor, options)) };
  } finally {
    engine.human.tf.dispose(tensor);
  }
}
