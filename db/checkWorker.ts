import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { StoreError } from './errors';

/**
 * Long checks of a database COPY (a backup's temporary file, a file chosen for a restore), and
 * the start-up quick_check of the store itself (db/open.ts startQuickCheck, while the store is
 * served read-only), run in a worker thread, so a 2 GB `PRAGMA integrity_check` never stalls the
 * requests the main thread serves. The worker opens the file itself, read-only, with its own
 * better-sqlite3 connection.
 *
 * The worker is a small plain-JS string run with `eval: true` rather than a separate entry file:
 * the same code then runs under tsx (browser mode), vitest and the bundled Electron main
 * (build/electron/main.cjs, one self-contained file) without a TypeScript loader in the worker,
 * a second bundle entry, or loading a script from inside app.asar. It requires better-sqlite3 by
 * absolute path, with the native addon given explicitly (`nativeBinding`), both mapped to
 * app.asar.unpacked where electron-builder.yml unpacks the package, so nothing is resolved
 * from the asar or from the working directory.
 */

const WORKER_JS = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// Linux keeps a nice value per thread: this lowers the check's thread alone (elsewhere the call
// would lower the whole process, so it is made only here).
if (workerData.lowPriority && process.platform === 'linux') {
  try {
    require('node:os').setPriority(19);
  } catch {}
}
let db = null;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.addon });
  // Plain reads only: an aborted check truncates the file, which must not fault a memory map.
  db.pragma('mmap_size = 0');
  const rows = db.pragma(workerData.pragma + '(5)', { simple: false });
  const lines = rows.map((r) => String(Object.values(r)[0] ?? ''));
  parentPort.postMessage({ problem: lines.length === 1 && lines[0] === 'ok' ? null : lines.join('; ') });
} catch (err) {
  parentPort.postMessage({ problem: String((err && err.message) || err) });
} finally {
  if (db) db.close();
}
`;

interface DriverPaths {
  driver: string;
  addon: string;
}

let driverPaths: DriverPaths | null = null;

/** better-sqlite3's paths for a worker that opens the store itself (also electron/sync/importMany.ts). */
export function driver(): DriverPaths {
  if (!driverPaths) {
    // In the bundle, rolldown rewrites import.meta.url to main.cjs's own URL (see db/divisions.ts).
    const req = createRequire(import.meta.url);
    const main = req.resolve('better-sqlite3').replace('app.asar', 'app.asar.unpacked');
    const root = path.resolve(path.dirname(main), '..');
    driverPaths = { driver: main, addon: path.join(root, 'build', 'Release', 'better_sqlite3.node') };
  }
  return driverPaths;
}

export function abortedError(): StoreError {
  return new StoreError('backup_aborted', '备份已取消（程序正在退出），未保存不完整的副本。');
}

export interface CheckOptions {
  /** Stops the check: the worker is ended and the promise rejects with code `backup_aborted`. */
  signal?: AbortSignal;
  /**
   * The file is a throw-away copy (a backup's temporary file): on abort it is truncated, which
   * ends SQLite's check at once. A worker thread busy in native code cannot be interrupted
   * otherwise, and the process could not exit until the whole check had run. Never set it for a
   * file the clerk chose.
   */
  disposable?: boolean;
  /**
   * A check nobody is waiting for (the start-up quick_check, which runs while the app starts and
   * serves): on Linux its thread runs at the lowest priority, so on a 2-core PC the browser and
   * the host's own calls are not slowed by a whole-file read. It still uses whatever the CPU has
   * left, and ends as soon as it would otherwise when the machine is idle.
   */
  lowPriority?: boolean;
}

/**
 * Runs `PRAGMA <pragma>` on `file` in a worker thread. Resolves null when the file is fine,
 * otherwise the first problems (or the reason it could not be opened), like checkProblems().
 */
export function checkFileInWorker(file: string, pragma: 'integrity_check' | 'quick_check', opts: CheckOptions = {}): Promise<string | null> {
  const { signal } = opts;
  if (signal?.aborted) return Promise.reject(abortedError());
  const worker = new Worker(WORKER_JS, { eval: true, workerData: { ...driver(), file, pragma, lowPriority: !!opts.lowPriority } });
  return new Promise<string | null>((resolve, reject) => {
    let answer: { problem: string | null } | null = null;
    let failure: Error | null = null;
    const onAbort = () => {
      if (opts.disposable) {
        try {
          fs.truncateSync(file, 0);
        } catch {
          // Already gone, or locked (Windows): the worker then ends when its check does.
        }
      }
      failure = abortedError();
      void worker.terminate();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: { problem: string | null }) => {
      answer = m;
    });
    worker.on('error', (err) => {
      failure ??= err;
    });
    // Settle only once the thread has ended, i.e. closed the file (it may be deleted next).
    worker.on('exit', () => {
      signal?.removeEventListener('abort', onAbort);
      if (failure) reject(failure);
      else if (answer) resolve(answer.problem);
      else reject(new Error('integrity check worker exited without an answer'));
    });
  });
}
