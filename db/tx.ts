import type { Database, Transaction } from 'better-sqlite3';
import { BusyError, isBusy } from './errors';
import { busyMessage } from './instance';

/**
 * The one way to write: a transaction that begins IMMEDIATE, i.e. takes the write lock before it
 * reads anything. A deferred transaction that reads first and writes later can only upgrade its
 * lock by failing (SQLITE_BUSY_SNAPSHOT when another process committed meanwhile), and SQLite's
 * busy handler never waits for that case; beginning IMMEDIATE makes the busy timeout (open.ts)
 * apply to every write.
 *
 * Inside another transaction it is a savepoint of that one (better-sqlite3 nests them), so only
 * the outermost call takes the lock and retries.
 *
 * Outermost, the whole transaction is retried on any SQLITE_BUSY* / SQLITE_LOCKED* (one that
 * escaped the busy handler, or a busy timeout while another process holds a long write) until
 * WRITE_WAIT_MS have passed; then BusyError (Chinese message). `fn` must therefore write only to
 * the database: a retry runs it again from the start.
 */

/** SQLite's own wait for a lock, per statement (PRAGMA busy_timeout in open.ts). */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * How long one write waits in all for another process's write to finish. A district CLI import
 * holds the lock for its whole apply (one transaction, all or nothing): 12 s for a 120,000-row
 * bundle on the idle 2-core development machine, up to a minute on the same machine under load
 * (tests/unit/concurrency.test.ts); township PCs are slower. A clerk's save waits that long
 * rather than fail.
 */
export const WRITE_WAIT_MS = 120_000;

const pause = new Int32Array(new SharedArrayBuffer(4));

type Runner = Transaction<(fn: () => unknown) => unknown>;
const runners = new WeakMap<Database, Runner>();

/**
 * One transaction function per connection that runs the function it is given: better-sqlite3
 * builds a transaction function (five wrappers) per `db.transaction` call, some 8 µs of CPU for
 * every save and every nested call in it (1 µs to run a cached one).
 */
function runnerOf(db: Database): Runner {
  let r = runners.get(db);
  if (!r) runners.set(db, (r = db.transaction((fn: () => unknown) => fn())));
  return r;
}

export function writeTx<T>(db: Database, fn: () => T, opts: { waitMs?: number } = {}): T {
  const tx = runnerOf(db);
  if (db.inTransaction) return tx(fn) as T;
  const deadline = Date.now() + (opts.waitMs ?? WRITE_WAIT_MS);
  for (let attempt = 1; ; attempt++) {
    try {
      return tx.immediate(fn) as T;
    } catch (err) {
      if (!isBusy(err)) throw err;
      if (Date.now() >= deadline) throw new BusyError(busyMessage(db.name));
      // A busy that escaped the handler returns at once: back off a little rather than spin.
      Atomics.wait(pause, 0, 0, Math.min(200, 10 * attempt));
    }
  }
}

/**
 * A read-only snapshot (several queries that must agree). In WAL mode readers never wait for the
 * writer, so it stays deferred; nothing in `fn` may write.
 */
export function readTx<T>(db: Database, fn: () => T): T {
  return db.transaction(fn).deferred();
}
