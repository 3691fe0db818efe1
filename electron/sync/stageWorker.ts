import { createRequire } from 'node:module';
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from '../../db/errors';
import type { ColumnInfo } from '../../db/syncStage';
import { saveStage } from '../../db/syncStage';
import type { AnyHeader } from './format';
import { decodePayload, stageFrom, stageTables, type PayloadPlace, type StageCounts } from './stage';

/**
 * The body of a staging worker (prefetch.ts starts it): one bundle's payload decrypted,
 * decompressed, parsed and checked line by line by stage.ts's own code, into the TEMP staging of
 * an in-memory connection of its own, then written to the file `out` for the import's connection
 * to copy in one statement. Nothing but the answer below crosses between the threads.
 *
 * This module is imported only in the worker: from the sources under tsx or vitest, or as the
 * bundle built beside the app's own (vite.electron.config.ts, electron/launch.mjs).
 */

export interface StageJob {
  /** better-sqlite3's paths (db/checkWorker.ts driver()). */
  driver: string;
  addon: string;
  out: string;
  place: PayloadPlace;
  key: Uint8Array;
  header: AnyHeader;
  columns: Record<string, ColumnInfo[]>;
}

/** What the worker found: the staging done (over the file whose hash is given), the file refused, or its own failure. */
export type StageAnswer = { done: StageCounts; hash: string } | { refusal: { code: string; message: string } } | { failed: string };

const REFUSALS = new Set(['bad_row', 'bad_payload', 'count_mismatch', 'store_broken']);

export async function runStage(job: StageJob): Promise<void> {
  // Below the import's own thread, which applies and is what the run waits for: at bench scale 1
  // the 15 townships took 72–76 s with the worker at nice 10 (four runs) against 79–99 s at the
  // same priority (three; 2026-12-02, one machine, whose speed varies by a fifth from run to
  // run). Linux keeps a nice value per thread; elsewhere the call would lower the whole process.
  if (process.platform === 'linux') {
    try {
      os.setPriority(10);
    } catch {
      // Left as it is.
    }
  }
  const answer = await stageToFile(job);
  parentPort?.postMessage(answer);
}

async function stageToFile(job: StageJob): Promise<StageAnswer> {
  let db: BetterSqlite3.Database | null = null;
  try {
    // In the bundle, rolldown rewrites import.meta.url to the bundle's own (see db/divisions.ts).
    const Database = createRequire(import.meta.url)(job.driver) as typeof BetterSqlite3;
    db = new Database(':memory:', { nativeBinding: job.addon });
    const source = decodePayload(job.place, job.key);
    const counts = await stageFrom(db, job.header, stageTables(db, job.columns), source);
    saveStage(db, job.out);
    return { done: counts, hash: await source.digest };
  } catch (err) {
    // A file that could not be read here (locked a moment by a virus scanner, say) is not found
    // damaged for it: the thread reads it again.
    const readFailed = typeof (err as { cause?: { syscall?: unknown } }).cause?.syscall === 'string';
    if (err instanceof StoreError && REFUSALS.has(err.code) && !readFailed) return { refusal: { code: err.code, message: err.message } };
    return { failed: String((err as Error)?.message ?? err) };
  } finally {
    db?.close();
  }
}
