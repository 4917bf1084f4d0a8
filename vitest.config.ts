import { defineConfig } from 'vitest/config';

// One runner for the whole tree. Projects: unit (pure, fast), integration (real server on a
// random port with a real SQLite file, and the PostgreSQL contract suite), e2e (real Chromium).
/** Browser tests that record minutes of real time (their own project, see below). */
const LONG_RECORDINGS = ['apps/web/e2e/evidence.recording.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
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
          include: ['apps/server/test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['apps/web/e2e/**/*.test.ts'],
          exclude: [...LONG_RECORDINGS],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          globalSetup: ['apps/web/e2e/global-setup.ts'],
        },
      },
      {
        // Browser tests that mostly wait on the clock (minutes of real recording): their own
        // project, so they run beside the other browser tests instead of after them.
        test: {
          name: 'e2e-recording',
          include: [...LONG_RECORDINGS],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          globalSetup: ['apps/web/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
