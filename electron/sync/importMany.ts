import { backgroundCheckpoints } from '../../db/backgroundCheckpoint';
import { widenCache } from '../../db/open';
import { widenStageCache } from '../../db/syncStage';
import type { Core } from '../core';
import type { DistrictKeys } from './keys';
import { dropPrefetched, prefetch, sweepStageFiles } from './prefetch';

/**
 * Several bundles imported in one sitting (the CLI's import of several files; the district
 * receiving all its townships' first bundles, issue 16) uses the machine's second core twice:
 * the next bundle is staged in a worker thread (prefetch.ts: decrypted, decompressed, parsed and
 * checked line by line) while this one is previewed and applied, and the WAL is checkpointed in
 * another between bundles instead of inside each bundle's commit.
 *
 * Each apply is one transaction of up to some 100 MB of pages, and with the store's
 * wal_autocheckpoint the commit that ended it also copied them into the database file and
 * synced it, on the import's own thread: at scale 0.3 about a tenth of the run's wall time. In a
 * worker, on its own connection, a PASSIVE checkpoint (which never waits for a lock, nor holds
 * one the import needs) copies bundle N's pages while bundle N+1 is staged and previewed. The
 * last one is waited for, so the run ends with the WAL copied as before and the connection's own
 * setting restored. Atomicity is untouched: a checkpoint copies only committed pages, and a
 * killed run leaves a WAL that the next open recovers as it always does.
 *
 * The 15 townships of bench scale 1, built as the tests build the CLI, in three interleaved
 * pairs (2026-12-02): 76.2 / 73.2 / 74.9 s against 94.2 / 91.7 / 86.6 s with the bundles staged
 * on the import's thread and the store's cache. The cost is memory: the worker threads, the
 * staging worker's own page cache and the larger cache below, 567–628 MB peak against 316–323.
 * A single bundle, the app's import screen and the bench's one-bundle figures run without any
 * of it.
 */

/**
 * The store's page cache while several bundles are imported: 256 MB rather than the store's 64.
 * Each township's rows land at random places in the district's indexes, and as the file grew
 * past the cache each apply read more of them back (3.5 s for the first township, 4 s and more
 * for the last); the 15 townships of bench scale 1 took 86.5 s instead of 94.0 (2026-12-02),
 * for some 230 MB more peak memory, given back when the run ends.
 */
const IMPORT_CACHE_KIB = 262144;

/**
 * The staging's own page cache (TEMP) for the run: 256 MB rather than 32, so a township's whole
 * staging stays in memory from its copy in to the apply's last read instead of spilling to a
 * temporary file read back by every check (the copy, its index, the scope check, the diff and
 * the apply each pass over it). The 15 townships of bench scale 1 (the CLI's import, 2026-12-02,
 * interleaved): 91.0 / 79.7 / 84.6 / 97.2 s against 97.5 / 87.3 / 104.2 s with 32 MB, for some 60 MB
 * more peak memory (the staging of one township is some 50 MB), given back when the run ends.
 */
const IMPORT_STAGE_CACHE_KIB = 262144;

/**
 * Runs `each` for every file in turn (it stages and applies one bundle, and reports or records
 * its refusal itself), with the checkpoints in a worker between them and each next file staged
 * in another (prefetch.ts) while the one before is applied. One file
 * alone runs as before: nothing could overlap its work.
 */
export async function importEach<T>(core: Core, files: readonly string[], keys: DistrictKeys, each: (file: string) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  if (files.length < 2) {
    for (const file of files) out.push(await each(file));
    return out;
  }
  sweepStageFiles(core.file);
  const cp = backgroundCheckpoints(core.db, core.file);
  const restoreCache = widenCache(core.db, IMPORT_CACHE_KIB);
  const restoreStageCache = widenStageCache(core.db, IMPORT_STAGE_CACHE_KIB);
  try {
    for (const [i, file] of files.entries()) {
      // The next file is staged in a worker while this one is staged (the first) or taken from
      // its worker, previewed and applied here: one worker at a time, beside the thread.
      if (i + 1 < files.length) prefetch(core, files[i + 1]!, keys);
      try {
        out.push(await each(file));
      } finally {
        await dropPrefetched(file);
      }
      cp.request();
    }
  } finally {
    restoreCache();
    restoreStageCache();
    await dropPrefetched();
    await cp.finish();
  }
  return out;
}
