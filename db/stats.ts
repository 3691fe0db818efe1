import type { Database } from 'better-sqlite3';

type DB = Database;

/**
 * Planner statistics (sqlite_stat1). Without them SQLite guesses how selective each index is and,
 * on a district-sized file, chose floating_members_status over floating_members_due for the
 * overdue count (20 ms against 0.2 ms). With analysis_limit, ANALYZE samples about this many
 * entries per index instead of reading every table: milliseconds on a 2 GB file, and near enough
 * to tell the indexes apart.
 */
export const ANALYSIS_LIMIT = 1000;

/**
 * Runs `fn` without waiting for another process's write lock (a CLI import may hold it for a
 * minute): statistics only make queries faster, so a busy file keeps its old ones until the next
 * chance (the next open, close or bulk write) instead of delaying the clerk.
 */
function unlessBusy(db: DB, fn: () => void): void {
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    fn();
  } catch (err) {
    if (!/^SQLITE_(BUSY|LOCKED|READONLY)/.test(String((err as { code?: string }).code))) throw err;
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}

/** Fresh statistics for every table: after migrations and bulk writes (sync apply, seed, Excel import). */
export function refreshStatistics(db: DB): void {
  unlessBusy(db, () => {
    db.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
    db.exec('ANALYZE');
  });
}

/**
 * At open: analyzes the tables whose statistics are missing or whose size changed about tenfold
 * since (0x10000: every table, not only those queried so far; 0x02: run ANALYZE where needed).
 */
export function optimizeAtOpen(db: DB): void {
  unlessBusy(db, () => {
    db.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
    db.pragma('optimize = 0x10002');
  });
}

/** At close: SQLite's own advice for long-lived connections, cheap when nothing changed much. */
export function optimizeAtClose(db: DB): void {
  unlessBusy(db, () => {
    db.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
    db.pragma('optimize');
  });
}

/**
 * After a bulk write (a sync import applied, an Excel import): ANALYZE where a table's size
 * changed about tenfold since its statistics were taken (or it has none yet), at once rather than
 * at the next close, so the first district import does not leave the lists planning from an
 * empty table's statistics. Small imports cost next to nothing.
 */
export function afterBulkWrite(db: DB): void {
  optimizeAtOpen(db);
}
