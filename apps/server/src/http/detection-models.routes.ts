// The detectors' files for the student's browser, served from the installed npm packages (no
// CDN, nothing fetched from the internet): human's models, the tfjs WASM binaries, Silero VAD
// with its audio worklet, and onnxruntime-web's WASM. Immutable per installed version.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);

/** URL prefix → folder and the file names a browser may fetch there. */
export function detectionAssetDirs(): { prefix: string; root: string; allow: RegExp }[] {
  const pkgDir = (entry: string, up: number): string => {
    let dir = dirname(require.resolve(entry));
    for (let i = 0; i < up; i++) dir = dirname(dir);
    return dir;
  };
  return [
    {
      prefix: '/models/human/',
      root: join(pkgDir('@vladmandic/human', 1), 'models'),
      allow: /^[\w-]+\.(json|bin)$/,
    },
    {
      prefix: '/models/tfjs/',
      root: pkgDir('@tensorflow/tfjs-backend-wasm', 0),
      allow: /^tfjs-backend-wasm[\w-]*\.wasm$/,
    },
    {
      prefix: '/models/vad/',
      root: pkgDir('@ricky0123/vad-web', 0),
      allow: /^(silero_vad_[\w]+\.onnx|vad\.worklet\.bundle\.min\.js)$/,
    },
    {
      prefix: '/models/ort/',
      root: pkgDir('onnxruntime-web', 0),
      allow: /^ort-wasm[\w.-]*\.(wasm|mjs)$/,
    },
  ];
}

export async function detectionModelRoutes(app: FastifyInstance): Promise<void> {
  for (const { prefix, root, allow } of detectionAssetDirs()) {
    if (!existsSync(root)) {
      app.log.warn({ root }, 'detection assets missing; the detectors will report degraded');
      continue;
    }
    await app.register(fastifyStatic, {
      root,
      prefix,
      decorateReply: false,
      index: false,
      list: false,
      allowedPath: (path) => allow.test(path.replace(/^\//, '')),
      setHeaders: (res) => {
        res.header('cache-control', 'public, max-age=86400');
        res.header('cross-origin-resource-policy', 'same-origin');
      },
    });
  }
}
