import type { Database } from 'better-sqlite3';
import { stmt, SYNC_COLUMNS, type SyncTable } from './sync';

/**
 * The district's apply of a staged bundle, inside the import's one transaction: the row writes
 * electron/sync/import.ts sequences (it numbers and audits each change through db/sync.ts).
 */

/** Rows of one table may point at rows later in the same bundle: checked at commit. */
export const deferForeignKeys = (db: Database) => db.pragma('defer_foreign_keys = ON');

/** Inserts a staged row's final state, or replaces the district's copy with it. */
export function upsertRow(db: Database, t: SyncTable, row: object): void {
  let sql = upsertSql.get(t);
  if (!sql) {
    const cols = [...SYNC_COLUMNS, ...t.columns];
    const sets = cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ');
    upsertSql.set(t, (sql = `INSERT INTO ${t.name} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')}) ON CONFLICT (id) DO UPDATE SET ${sets}`));
  }
  stmt(db, sql).run(row);
}

const upsertSql = new WeakMap<SyncTable, string>();

/** Takes the table's changing and deleted rows out of the live set until their final states are written. */
export function setAsidePending(db: Database, t: SyncTable): void {
  stmt(db, `UPDATE main.${t.name} SET deleted_at = 'sync-pending' WHERE id IN (SELECT id FROM temp.sync_stage WHERE tbl = ? AND action IN ('changed', 'deleted'))`).run(t.name);
}

export function tombstone(db: Database, t: SyncTable, id: string, at: string, seq: number): void {
  stmt(db, `UPDATE main.${t.name} SET deleted_at = ?, updated_at = ?, seq = ? WHERE id = ?`).run(at, at, seq, id);
}

export interface StagedChange {
  n: number;
  tbl: string;
  id: string;
  version: number;
  action: string;
  row: string;
}

/** The next batch of staged rows that change something, after staging position `after` (keyset). */
export const stagedChanges = (db: Database, after: number) =>
  stmt(db, "SELECT n, tbl, id, version, action, row FROM temp.sync_stage WHERE n > ? AND action <> 'unchanged' ORDER BY n LIMIT 2000").all(after) as StagedChange[];
