import type { Database, Statement } from 'better-sqlite3';
import { BusyError, isBusy } from './errors';
import { busyMessage } from './instance';
import { WRITE_WAIT_MS } from './tx';

/**
 * A write transaction whose caller hands the thread back between its steps (an Excel import's
 * write, electron/xlsx/steppedTx.ts), which tx.ts's writeTx cannot: its function runs in one
 * piece. The caller must see to it that no other call's statements run on this connection while
 * it is open (the gate's alone()).
 */

/**
 * Begins IMMEDIATE (the write lock first, as writeTx does), waiting for another process's write
 * as long as writeTx would, with the thread free between attempts.
 */
export async function beginStepped(db: Database): Promise<void> {
  if (db.inTransaction) throw new Error('beginStepped inside another transaction');
  const deadline = Date.now() + WRITE_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      db.exec('BEGIN IMMEDIATE');
      return;
    } catch (err) {
      if (!isBusy(err)) throw err;
      if (Date.now() >= deadline) throw new BusyError(busyMessage(db.name));
      // A busy that escaped the handler returns at once: back off a little rather than spin.
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, 10 * attempt)));
    }
  }
}

/** Commits (`keep`) or rolls back the open transaction. */
export function endStepped(db: Database, keep: boolean): void {
  db.exec(keep ? 'COMMIT' : 'ROLLBACK');
}

/** Rolls back whatever is still open (after a throw); nothing when SQLite already did. */
export function abandonStepped(db: Database): void {
  if (db.inTransaction) db.exec('ROLLBACK');
}

const savepoints = new WeakMap<Database, { begin: Statement; release: Statement; undo: Statement }>();

/**
 * Runs `fn` in a savepoint of the open transaction: what it wrote is undone alone when it throws.
 * The statements are prepared once per connection (writeTx builds a transaction function per
 * call, some 20 µs a row of an import).
 */
export function inSavepoint<T>(db: Database, fn: () => T): T {
  let sp = savepoints.get(db);
  if (!sp) {
    sp = { begin: db.prepare('SAVEPOINT stepped_row'), release: db.prepare('RELEASE stepped_row'), undo: db.prepare('ROLLBACK TO stepped_row') };
    savepoints.set(db, sp);
  }
  sp.begin.run();
  try {
    const out = fn();
    sp.release.run();
    return out;
  } catch (err) {
    if (db.inTransaction) {
      sp.undo.run();
      sp.release.run();
    }
    throw err;
  }
}
