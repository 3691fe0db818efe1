import type { Database } from 'better-sqlite3';
import { FutureVersionError, StoreError } from './errors';
import { migrations as allMigrations, type Migration } from './migrations';
import { refreshStatistics } from './stats';
import { writeTx } from './tx';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(list: readonly Migration[] = allMigrations): number {
  return list.length ? list[list.length - 1]!.version : 0;
}

/** Throws before anything is written when the file is newer than this build. */
export function assertNotFromFuture(db: Database, list: readonly Migration[] = allMigrations): void {
  const current = schemaVersion(db);
  const latest = latestVersion(list);
  if (current > latest) throw new FutureVersionError(current, latest);
}

/**
 * Applies every migration above the file's version up to `target`, all in one transaction,
 * and records the result in user_version. Any failure rolls the whole step back, so a file is
 * always at exactly one known version.
 */
export function migrate(
  db: Database,
  list: readonly Migration[] = allMigrations,
  target = latestVersion(list),
): { from: number; to: number } {
  assertNotFromFuture(db, list);
  const seen = schemaVersion(db);
  if (!list.some((m) => m.version > seen && m.version <= target)) return { from: seen, to: seen };
  const done = writeTx(db, () => {
    // Read again under the write lock: another process may have migrated the file meanwhile.
    assertNotFromFuture(db, list);
    const from = schemaVersion(db);
    const pending = list.filter((m) => m.version > from && m.version <= target);
    if (!pending.length) return { from, to: from };
    for (const m of pending) db.exec(m.sql);
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length) {
      throw new StoreError('migration_failed', `数据库升级后发现 ${broken.length} 处数据关联错误，升级已撤销，数据未改动。`);
    }
    db.pragma(`user_version = ${Number(target)}`);
    return { from, to: target };
  });
  // New tables and indexes (and rows a migration moved) have no statistics yet: without them the
  // planner guesses, and on a large file it can guess a full scan.
  if (done.to !== done.from) refreshStatistics(db);
  return done;
}
