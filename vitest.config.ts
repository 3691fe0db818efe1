import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          // The CLI built once for the tests that start it in child processes (see the file).
          globalSetup: ['tests/helpers/cliBundle.ts'],
          // Two files at a time on two cores: much of the suite waits on child processes (the
          // CLI, killed imports), so the second worker roughly halves the wall time.
          maxWorkers: 2,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          // Two files at a time, each with its own server, database and Chromium: a browser test
          // mostly waits (rendering, debounce, the server), so two share the two cores well and
          // keep npm test under 10 minutes (e2e 375 s one at a time, 281 s two at a time).
          maxWorkers: 2,
          // The files a worker runs share its modules (the app's, Playwright's): each file starts
          // its own server, database and Chromium anyway, and importing them again per file cost
          // about a second of CPU each (8 files: 32.5 s of CPU isolated, 24.2 s shared). The
          // helpers' per-test cleanup is registered per file by tests/helpers/perFile.ts.
          isolate: false,
          setupFiles: ['tests/helpers/perFile.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
