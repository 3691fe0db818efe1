import { randomUUID } from 'node:crypto';
import { openStore, type DB } from '../db/open';
import { getInstallation, type Installation } from '../db/settings';
import type { WriteContext } from '../db/sync';
import { DamagedStoreError, StoreError } from '../db/errors';
import { claimInstance, type InstanceMode } from '../db/instance';
import { optimizeAtClose } from '../db/stats';
import { Gate } from './gate';
import { removeStaleExportTemps } from './sync/export';

/**
 * What every service works with: the open store, this installation's identity, and the clock
 * and id source (injectable so tests and the seeder are deterministic).
 */
export interface Core {
  /** The open store. Read it on every use: a restore swaps it (see replaceStore). */
  readonly db: DB;
  readonly file: string;
  readonly now: () => Date;
  readonly newId: () => string;
  /** Set when the file failed its check at start: nothing but status and restore is served. */
  readonly damaged: { message: string; details: string } | null;
  /** The copy made before migrating at open, if any (the start's backup then). */
  readonly migrationBackup: string | null;
  /** Every API call runs shared; a restore runs exclusive (see gate.ts). */
  readonly gate: Gate;
  installation(): Installation | null;
  /** The context for writes; refuses until setup is complete. */
  writer(): WriteContext;
  /**
   * Closes the store (checkpointing the WAL), lets `install` replace the file, and opens it again
   * in place. If `install` fails, the previous file is opened again. Call inside gate.exclusive.
   */
  replaceStore(install: () => void | Promise<void>): Promise<void>;
  close(): void;
}

export interface CoreOptions {
  now?: () => Date;
  newId?: () => string;
  /**
   * The app (desktop or browser mode) claims the file for its lifetime: a second instance on the
   * same file is refused at start, naming the first (db/instance.ts). The CLI and tests leave it
   * unset and share the file, waiting for the write lock.
   */
  instance?: InstanceMode;
}

function closeDb(db: DB | null): void {
  if (db?.open) {
    optimizeAtClose(db);
    // PASSIVE first copies the log without taking the write lock, so after a large import another
    // process's saves are not held up while it is copied; TRUNCATE then finishes the remainder.
    db.pragma('wal_checkpoint(PASSIVE)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
}

/**
 * Opens the core. A damaged file (quick_check failed) does not throw: the core opens in the
 * damaged state, without a database handle, so the clerk can be offered a restore.
 */
export async function openCore(file: string, opts: CoreOptions = {}): Promise<Core> {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;
  // Before anything touches the file: a refused second instance must change nothing.
  const claim = opts.instance ? claimInstance(file, opts.instance, now()) : null;
  try {
    return await openClaimed(file, now, newId, claim);
  } catch (err) {
    claim?.release();
    throw err;
  }
}

async function openClaimed(file: string, now: () => Date, newId: () => string, claim: ReturnType<typeof claimInstance> | null): Promise<Core> {
  // Temporary files of exports killed mid-way (never importable) are removed at the next start.
  removeStaleExportTemps(file);
  let db: DB | null = null;
  let damaged: Core['damaged'] = null;
  let migrationBackup: string | null = null;
  try {
    const opened = await openStore(file, { now });
    db = opened.db;
    migrationBackup = opened.backupFile;
  } catch (err) {
    if (!(err instanceof DamagedStoreError)) throw err;
    damaged = { message: err.message, details: err.details };
  }
  let cached: Installation | null = null;
  const handle = (): DB => {
    if (db?.open) return db;
    if (damaged) throw new StoreError('db_damaged', damaged.message);
    throw new StoreError('closed', '数据库已关闭');
  };
  const core: Core = {
    get db() {
      return handle();
    },
    file,
    now,
    newId,
    get damaged() {
      return damaged;
    },
    gate: new Gate(),
    migrationBackup,
    installation() {
      // Only a found installation is cached: setup may complete after the first call.
      if (!cached) cached = getInstallation(handle());
      return cached;
    },
    writer() {
      const inst = getInstallation(handle());
      cached = inst;
      if (!inst) throw new StoreError('not_setup', '尚未完成初始设置，请先设置本单位信息。');
      return { installationId: inst.installationId, operator: inst.operator, now: () => now().toISOString(), newId };
    },
    async replaceStore(install) {
      closeDb(db);
      db = null;
      cached = null;
      let failure: unknown = null;
      try {
        await install();
      } catch (err) {
        failure = err;
      }
      try {
        db = (await openStore(file, { now })).db;
        damaged = null;
      } catch (err) {
        if (!(err instanceof DamagedStoreError)) throw err;
        damaged = { message: err.message, details: err.details };
      }
      if (failure) throw failure;
    },
    close() {
      try {
        closeDb(db);
      } finally {
        claim?.release();
      }
    },
  };
  return core;
}
