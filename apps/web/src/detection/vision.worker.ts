// The vision worker: human (WASM backend, single-threaded SIMD build) runs
// the shared configuration of @emtihan/detection off the main thread, so the answer editor never
// waits on a model. Frames arrive as ImageBitmaps; results go back as plain JSON.
/// <reference lib="webworker" />
import { Human } from '@vladmandic/human';
import type { Tensor } from '@vladmandic/human';
import type { DetectionEngine } from '@emtihan/detection';
import {
  createDetectionEngine,
  detectionConfig,
  faceVerdict,
  humanConfig,
  loadedModels,
  needsEvidence,
} from '@emtihan/detection';
import type { Degraded, FromWorker, ToWorker } from './vision.protocol';

declare const self: DedicatedWorkerGlobalScope;

let engine: DetectionEngine | null = null;
let reference: number[] | null = null;
let canDescribe = false;
let canObjects = false;
const canvas = new OffscreenCanvas(640, 480);
const ctx = canvas.getContext('2d', { willReadFrequently: true })!;

const post = (message: FromWorker) => self.postMessage(message);

function toTensor(bitmap: ImageBitmap): Tensor {
  const width = bitmap.width;
  const height = bitmap.height;
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  ctx.drawImage(bitmap, 0, 0);
  const pixels = ctx.getImageData(0, 0, width, height);
  const tf = engine!.human.tf;
  return tf.tidy(() => tf.expandDims(tf.browser.fromPixels(pixels), 0)) as Tensor;
}

async function evidenceOf(bitmap: ImageBitmap): Promise<Blob> {
  const width = detectionConfig.evidenceWidth;
  const height = Math.round((bitmap.height * width) / bitmap.width);
  const small = new OffscreenCanvas(width, height);
  small.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
  return small.convertToBlob({ type: 'image/jpeg', quality: 0.7 });
}

async function init(message: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  const config = humanConfig(
    { modelBasePath: message.modelBasePath, wasmPath: message.wasmPath },
    { antispoof: message.antispoof, faceMatch: message.faceMatch },
  );
  // The threaded WASM build bundled in human.esm fails inside its thread workers (a
  // ReferenceError in the inlined factory), so the worker runs the single-threaded SIMD build:
  // it is off the main thread anyway (ADR 0009).
  config.flags = { ...config.flags, WASM_HAS_MULTITHREAD_SUPPORT: false };
  const human = new Human(config);
  human.tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await human.init();
  await human.load();
  const loaded = loadedModels(human);
  const degraded: Degraded[] = [];
  for (const [model, detector] of [
    ['blazeface', 'face'],
    ['facemesh', 'face'],
    ['centernet', 'objects'],
    ...(message.faceMatch ? ([['faceres', 'face-match']] as const) : []),
  ] as const) {
    if (!loaded.has(model)) degraded.push({ detector, detail: `model ${model} did not load` });
  }
  if (!loaded.has('blazeface')) throw new Error('face detector did not load');
  canObjects = loaded.has('centernet');
  canDescribe = loaded.has('faceres');
  engine = createDetectionEngine(human, { antispoof: message.antispoof });
  const threads = human.tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
  post({ type: 'ready', backend: human.tf.getBackend(), threads, degraded });
}

async function setReference(bitmap: ImageBitmap): Promise<void> {
  if (!engine || !canDescribe) {
    post({ type: 'reference', ok: false, detail: 'face description model unavailable' });
    return;
  }
  const tensor = toTensor(bitmap);
  try {
    const { faces, embeddings } = await engine.describe(tensor);
    const face = faces[0];
    if (faces.length !== 1 || !face || !embeddings[0]?.length) {
      post({ type: 'reference', ok: false, detail: `check-in photo shows ${faces.length} faces` });
    } else if (face.box[2] < detectionConfig.faceMatch.minReferenceFaceWidth) {
      post({ type: 'reference', ok: false, detail: `check-in face ${face.box[2]} px wide` });
    } else {
      reference = embeddings[0];
      post({ type: 'reference', ok: true, detail: '' });
    }
  } finally {
    engine.human.tf.dispose(tensor);
    bitmap.close();
  }
}

async function frame(message: Extract<ToWorker, { type: 'frame' }>): Promise<void> {
  const { id, bitmap, stages } = message;
  const tensor = toTensor(bitmap);
  try {
    const e = engine!;
    const result: Extract<FromWorker, { type: 'result' }> = {
      type: 'result',
      id,
      faces: [],
      ms: { faces: 0 },
    };
    if (stages.faceMatch && reference && canDescribe) {
      const described = await e.describe(tensor);
      result.faces = described.faces;
      result.ms.faces = described.ms;
      result.ms.faceMatch = described.ms;
      if (described.faces.length === 1 && described.embeddings[0]) {
        result.similarity = e.similarity(reference, described.embeddings[0]);
      }
    } else if (stages.faces) {
      const found = await e.faces(tensor);
      result.faces = found.faces;
      result.ms.faces = found.ms;
    }
    const facesLooked = stages.faces || (stages.faceMatch && !!reference && canDescribe);
    if (stages.objects && canObjects) {
      const found = await e.objects(tensor);
      result.objects = found.objects;
      result.ms.objects = found.ms;
    }
    // A face that does not match the check-in photo is kept too: the server compares it again.
    const mismatch =
      result.similarity !== undefined && faceVerdict(result.similarity) === 'mismatch';
    if (mismatch || needsEvidence(facesLooked ? result.faces : null, result.objects ?? null))
      result.evidence = await evidenceOf(bitmap);
    post(result);
  } finally {
    engine?.human.tf.dispose(tensor);
    bitmap.close();
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  const run =
    message.type === 'init'
      ? init(message)
      : message.type === 'reference'
        ? setReference(message.bitmap)
        : engine
          ? frame(message)
          : Promise.resolve(message.bitmap.close());
  run.catch((error: unknown) =>
    post({
      type: 'failed',
      detail: error instanceof Error ? error.message : String(error),
      fatal: message.type === 'init',
    }),
  );
};
