import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase, backupPathFor, backupsDir, checkProblems, removeStaleTemporaries } from './backup';
import { DamagedStoreError, StoreError } from './errors';
import { assertNotFromFuture, latestVersion, migrate, schemaVersion } from './migrate';
import { migrations as allMigrations, type Migration } from './migrations';
import { optimizeAtOpen } from './stats';
import { BUSY_TIMEOUT_MS } from './tx';
import { checkFileInWorker } from './checkWorker';

export type DB = Database.Database;

export interface OpenOptions {
  migrations?: readonly Migration[];
  /** Migrate only this far (tests build older databases with it). */
  target?: number;
  now?: () => Date;
  /**
   * Leave the quick_check of an existing file that needs no migration to the caller, who runs it
   * in the check worker (startQuickCheck) while reads are served: the file opens read-only
   * (`query_only`) and without the statistics pass until endDeferredCheck. A file that needs
   * migrating is still checked here first, since it is about to be written.
   */
  deferCheck?: boolean;
}

export interface OpenedStore {
  db: DB;
  file: string;
  migratedFrom: number;
  version: number;
  /** The copy made before migrating, if there was something to migrate. */
  backupFile: string | null;
  /** The quick_check was left to the caller (deferCheck): the connection is read-only until endDeferredCheck. */
  checkDeferred: boolean;
}

/**
 * Durability on purpose: WAL so readers never block the writer, synchronous=FULL so a committed
 * register entry survives a power cut (township PCs are switched off at the wall), foreign keys
 * enforced. The WAL is checkpointed automatically once it passes 1000 pages (~4 MB, SQLite's
 * default, set explicitly so the choice is visible) and truncated when the app closes
 * (Core.close). `npm run bench` measures FULL against NORMAL (README, 性能基准).
 */
export function applyPragmas(db: DB): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('wal_autocheckpoint = 1000');
  // 64 MB of page cache instead of SQLite's 2 MB: a district file's list indexes (some 10-20 MB)
  // then stay in memory between screens rather than being read again through the OS.
  db.pragma('cache_size = -65536');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/**
 * The page cache at `kib` KiB for a long run of bulk writes (a multi-file import,
 * electron/sync/importMany.ts); the returned function puts the store's own back, and SQLite
 * frees the pages beyond it then.
 */
export function widenCache(db: DB, kib: number): () => void {
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${Math.trunc(kib)}`);
  return () => db.pragma(`cache_size = ${before}`);
}

/**
 * A new store's page size: 16 KB instead of SQLite's 4 KB. A district's import inserts rows at
 * random places in large indexes (ids, members, the audit's row index), and every page it
 * touches is read, rewritten in the WAL and checkpointed: with pages four times larger there are
 * four times fewer of them for the same bytes. The whole district's import of the scale-1
 * bundles took 93-105 s against 123-131 s on 4 KB pages (the same 15 bundles, runs interleaved,
 * 2026-12-01; system time 23 s against 37 s). An existing file keeps the size it was made with.
 */
export const PAGE_SIZE = 16384;

/**
 * Opens (creating if needed) the store: refuses a file from a newer app before writing
 * anything, refuses a damaged file (PRAGMA quick_check, DamagedStoreError) before migrating or
 * writing it, backs up an older file with the backup API, then migrates it in one transaction.
 * Temporary backup files left by a killed backup are removed first.
 */
export async function openStore(file: string, opts: OpenOptions = {}): Promise<OpenedStore> {
  const list = opts.migrations ?? allMigrations;
  const target = opts.target ?? latestVersion(list);
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  removeStaleTemporaries(backupsDir(file));
  const db = new Database(file);
  try {
    // Before anything is written: a file's page size is fixed when its first page is.
    if (!existed) db.pragma(`page_size = ${PAGE_SIZE}`);
    let current: number;
    try {
      current = schemaVersion(db);
    } catch (err) {
      if (existed && /SQLITE_(NOTADB|CORRUPT)/.test(String((err as { code?: string }).code))) {
        throw new DamagedStoreError((err as Error).message, `文件“${path.basename(file)}”不是本程序的数据库或已损坏`);
      }
      throw new StoreError('not_a_database', `文件“${path.basename(file)}”不是本程序的数据库或已损坏：${(err as Error).message}`);
    }
    assertNotFromFuture(db, list);
    const checkDeferred = !!opts.deferCheck && existed && current === target;
    if (existed && !checkDeferred) assertIntact(db);
    applyPragmas(db);
    if (checkDeferred) {
      // Nothing to migrate: the file is served for reading while the worker checks it, and
      // nothing (not even the planner's statistics) is written to it before the check passes.
      db.pragma('query_only = ON');
      return { db, file, migratedFrom: current, version: current, backupFile: null, checkDeferred };
    }
    let backupFile: string | null = null;
    if (existed && current > 0 && current < target) {
      backupFile = await backupDatabase(db, backupPathFor(file, current, (opts.now ?? (() => new Date()))()));
    }
    const { from, to } = migrate(db, list, target);
    optimizeAtOpen(db);
    return { db, file, migratedFrom: from, version: to, backupFile, checkDeferred };
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * The start-up quick_check of a store opened with deferCheck, in the check worker on its own
 * read-only connection, so a 2 GB file is read without stalling the requests the main thread
 * serves. Resolves null when the file is fine, else the problems (DamagedStoreError's text).
 */
export function startQuickCheck(file: string, signal?: AbortSignal): Promise<string | null> {
  return checkFileInWorker(file, 'quick_check', { signal, lowPriority: true });
}

/** The deferred check passed: the store may be written, and its statistics are brought up to date. */
export function endDeferredCheck(db: DB): void {
  db.pragma('query_only = OFF');
  optimizeAtOpen(db);
}

/** quick_check (not the full integrity_check: it must stay fast at start on a district-sized file). */
function assertIntact(db: DB): void {
  let problem: string | null;
  try {
    problem = checkProblems(db, 'quick_check');
  } catch (err) {
    problem = (err as Error).message;
  }
  if (problem) throw new DamagedStoreError(problem);
}
