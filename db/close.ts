import type { DB } from './open';
import { optimizeAtClose } from './stats';

/**
 * Closes the store with its WAL copied into the file, so the .db file alone is a complete copy
 * afterwards (clerks copy it to a USB stick), and the planner's statistics brought up to date.
 */
export function checkpointAndClose(db: DB | null): void {
  if (db?.open) {
    optimizeAtClose(db);
    // PASSIVE first copies the log without taking the write lock, so after a large import another
    // process's saves are not held up while it is copied; TRUNCATE then finishes the remainder.
    db.pragma('wal_checkpoint(PASSIVE)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
}
