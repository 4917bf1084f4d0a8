// WASM threads experiment (ADR 0009): human's esm-nobundle build with tfjs from npm, webgl and
// webgpu backends stubbed (we use wasm only), built with whitespace-only minification.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const stub = `${here}src/stub.js`;
const nobundle = fileURLToPath(
  new URL('../../node_modules/@vladmandic/human/dist/human.esm-nobundle.js', import.meta.url),
);

export default defineConfig({
  root: here,
  resolve: {
    alias: [
      { find: /^human-nobundle$/, replacement: nobundle },
      { find: /^@tensorflow\/tfjs-backend-webgl(\/.*)?$/, replacement: stub },
      { find: /^@tensorflow\/tfjs-backend-webgpu(\/.*)?$/, replacement: stub },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Mangling or compressing breaks tfjs's threaded factory, which is stringified into the
    // pthread workers' blob: `_scriptDir` (or its mangled name) is then not defined there.
    rolldownOptions: {
      output: { minify: { mangle: false, compress: false, removeWhitespace: true } },
    },
    lib: { entry: 'src/worker.js', formats: ['es'], fileName: 'worker' },
  },
});
