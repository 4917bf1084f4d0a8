import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// One runner for the whole tree. Projects: unit (pure, fast), integration (real server on a
// random port with a real SQLite file, and the PostgreSQL contract suite), e2e (real Chromium).
//
// Scheduling (Vitest runs groups one after another): the browser files run one at a time, after
// the first group, because two Chromiums with their servers on 2 cores slow each other down past
// the tests' timeouts. The first group runs unit, integration and the recording test side by
// side: that test spends its 3½ minutes mostly waiting (3 minutes of recording, one of them
// offline), so the other files fill the time.
//
// Isolation: unit, integration and browser files share their worker's module cache (isolate:
// false) instead of importing the server's modules (Fastify, Kysely, zod, pdfkit, …) afresh for
// each file: unit + integration alone took 4 min 17 s of CPU with that import, 2 min 42 s without.
// Nothing in a test file changes a module's state for the next one (the one file with fake timers
// restores real ones after each test).
const RECORDING = 'apps/web/e2e/evidence.recording.test.ts';

const browser: TestProjectInlineConfiguration['test'] = {
  testTimeout: 60_000,
  hookTimeout: 180_000,
  globalSetup: ['apps/web/e2e/global-setup.ts'],
};

export default defineConfig({
  test: {
    reporters: ['default'],
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'unit',
          isolate: false,
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/server/src/**/*.test.ts',
            'apps/web/src/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'integration',
          isolate: false,
          // bench/fuzz.test.ts: CI's fuzzing budget against a server of its own (ADR 0020).
          include: ['apps/server/test/**/*.test.ts', 'bench/fuzz.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      { test: { ...browser, name: 'e2e-recording', include: [RECORDING] } },
      {
        test: {
          ...browser,
          name: 'e2e',
          include: ['apps/web/e2e/**/*.test.ts'],
          exclude: [RECORDING],
          fileParallelism: false,
          // One worker runs every browser file, importing the server's modules once (see above).
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
