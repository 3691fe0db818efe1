import { backgroundCheckpoints } from '../../db/backgroundCheckpoint';
import type { Core } from '../core';
import type { DistrictKeys } from './keys';
import { dropPrefetched, prefetch } from './prefetch';

/**
 * Several bundles imported in one sitting (the CLI's import of several files; the district
 * receiving all its townships' first bundles, issue 16) uses the machine's second core twice:
 * the next bundle is decrypted and decompressed in a worker thread (prefetch.ts), and the WAL is
 * checkpointed in another between bundles instead of inside each bundle's commit.
 *
 * Each apply is one transaction of up to some 100 MB of pages, and with the store's
 * wal_autocheckpoint the commit that ended it also copied them into the database file and
 * synced it, on the import's own thread: at scale 0.3 about a tenth of the run's wall time. In a
 * worker, on its own connection, a PASSIVE checkpoint (which never waits for a lock, nor holds
 * one the import needs) copies bundle N's pages while bundle N+1 is decrypted, parsed, checked
 * and previewed, on the other core. The last one is waited for, so the run ends with the WAL
 * copied as before and the connection's own setting restored. Atomicity is untouched: a
 * checkpoint copies only committed pages, and a killed run leaves a WAL that the next open
 * recovers as it always does.
 *
 * The cost is memory: the worker threads (up to two decodings and the checkpointer) and the
 * lines decoded ahead. A CLI import of 15 bundles at bench scale 0.1 peaked at 336 MB against
 * 306 MB one bundle after another (2026-12-01); a single bundle, the app's import screen and
 * the bench's one-bundle figures run without them.
 */

/**
 * Runs `each` for every file in turn (it stages and applies one bundle, and reports or records
 * its refusal itself), with the checkpoints in a worker between them and each next file
 * decrypted and decompressed in another (prefetch.ts) while the one before is applied. One file
 * alone runs as before: nothing could overlap its work.
 */
export async function importEach<T>(core: Core, files: readonly string[], keys: DistrictKeys, each: (file: string) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  if (files.length < 2) {
    for (const file of files) out.push(await each(file));
    return out;
  }
  const cp = backgroundCheckpoints(core.db, core.file);
  try {
    for (const [i, file] of files.entries()) {
      prefetch(file, keys);
      if (i + 1 < files.length) prefetch(files[i + 1]!, keys);
      try {
        out.push(await each(file));
      } finally {
        dropPrefetched(file);
      }
      cp.request();
    }
  } finally {
    dropPrefetched();
    await cp.finish();
  }
  return out;
}
