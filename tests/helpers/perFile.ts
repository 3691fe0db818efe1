import { afterEach } from 'vitest';
import { closeFreshCores } from './core';
import { removeTempDirs } from './tmp';

/**
 * The browser project's setup file, run before every test file. That project shares modules
 * between the files a worker runs (isolate: false in vitest.config.ts: loading the app's modules
 * and Playwright again for each file was about a second of CPU per file), so a helper's
 * module-level afterEach registers only in the first file to import it; these hooks register in
 * every file. In that first file the cleanup runs twice, which does nothing the second time.
 */
afterEach(() => {
  closeFreshCores();
  removeTempDirs();
});
