import type { Database } from 'better-sqlite3';
import { StoreError } from './errors';
import { stmt, SYNC_COLUMNS, type SyncTable } from './sync';
import { ownerColumn } from './syncStage';

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

/**
 * How an apply records its changes in the audit log. 'row': each change its own entry
 * ('import:' + action, after: version and bundle), in staging order; the township's import of a
 * 驻村版 bundle needs them (villageSync.ts finds the rows a laptop's bundles brought by them).
 * 'bundle': one entry per table the bundle changed ('import', after: the bundle, its counts and
 * the range of this file's sequence numbers its rows took, so a row's current state still names
 * the bundle that wrote it). The district's choice: its registers are copies of the townships',
 * whose own logs hold every edit, and a whole district's first bundles were 1.9 million entries
 * (a third of the file, a fifth of the import's time, issue 16) that buried 操作日志's own events.
 */
export type AuditGrain = 'row' | 'bundle';

export interface ApplyAudit {
  now: () => string;
  operator: string;
  installationId: string;
  bundle: string;
  grain: AuditGrain;
}

/**
 * Every staged row that changes something, written in one statement per table and audited in
 * one more: set queries over temp.sync_stage instead of a parse, a sequence bump, an upsert and
 * an audit insert per row (the import's cost at district scale, issue 16). The outcome is the
 * per-row loop's: the district numbers the changes in its own sequence in staging order (one
 * bump of sync_clock reserves the range), each row's final state replaces the district's copy,
 * and the changes are audited at the grain asked for. Origin and version stay the township's.
 */
export function applyStagedChanges(db: Database, tables: readonly SyncTable[], audit: ApplyAudit): void {
  const span = stmt(db, "SELECT count(*) AS count, min(n) AS lo, max(n) AS hi FROM temp.sync_stage WHERE action <> 'unchanged'").get() as Span;
  if (span.count === 0) return;
  const last = stmt(db, 'UPDATE sync_clock SET seq = seq + ? WHERE id = 1 RETURNING seq').get(span.count) as { seq: number } | undefined;
  if (!last) throw new StoreError('store_broken', '数据库缺少变更序号记录，无法写入。');
  const first = last.seq - span.count + 1;
  // The rows written are usually one run of staging numbers (nothing unchanged among them: a
  // district's first bundles, any incremental one), numbered by adding an offset to each; else
  // each is given its number in a table of its own (1.6 s and a join per row for the 1.8 million
  // rows of the 15 townships' first bundles).
  const run = span.hi! - span.lo! + 1 === span.count;
  const q = run ? RUN : NUMBERED;
  const params = run ? { offset: first - span.lo! } : {};
  if (!run) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS sync_seq (n INTEGER PRIMARY KEY, seq INTEGER NOT NULL); DELETE FROM temp.sync_seq;');
    stmt(db, "INSERT INTO temp.sync_seq (n, seq) SELECT n, ? + row_number() OVER (ORDER BY n) FROM temp.sync_stage WHERE action <> 'unchanged'").run(first - 1);
  }
  for (const t of tables) stmt(db, upsertStagedSql(t, q)).run({ ...params, tbl: t.name });
  // Stamped once the rows are written: the time the change took place in this file.
  stmt(db, audit.grain === 'row' ? auditRows(q) : auditTables(q)).run({ ...params, at: audit.now(), operator: audit.operator, installationId: audit.installationId, bundle: audit.bundle });
  if (!run) db.exec('DELETE FROM temp.sync_seq');
}

interface Span {
  count: number;
  lo: number | null;
  hi: number | null;
}

/** The written staged rows (alias `s`) and each one's sequence number: by offset, or looked up in temp.sync_seq. */
interface Numbering {
  from: string;
  written: string;
  seq: string;
}
const RUN: Numbering = { from: 'temp.sync_stage s', written: "s.action <> 'unchanged'", seq: 's.n + @offset' };
const NUMBERED: Numbering = { from: 'temp.sync_stage s JOIN temp.sync_seq q ON q.n = s.n', written: 'true', seq: 'q.seq' };

const auditRows = (q: Numbering) => `INSERT INTO audit_log (at, operator, installation_id, table_name, row_id, action, seq, before, after)
  SELECT @at, @operator, @installationId, s.tbl, s.id, 'import:' || s.action, ${q.seq}, NULL, json_object('version', s.version, 'bundle', @bundle)
  FROM ${q.from} WHERE ${q.written} ORDER BY s.n`;

/** One entry per table, in the order the bundle holds them; row_id is the bundle (its hash prefix). */
const auditTables = (q: Numbering) => `INSERT INTO audit_log (at, operator, installation_id, table_name, row_id, action, seq, before, after)
  SELECT @at, @operator, @installationId, tbl, @bundle, 'import', NULL, NULL,
         json_object('bundle', @bundle, 'new', added, 'changed', changed, 'deleted', deleted, 'seqFrom', seq_from, 'seqTo', seq_to)
  FROM (SELECT s.tbl, min(s.n) AS first, sum(s.action = 'new') AS added, sum(s.action = 'changed') AS changed, sum(s.action = 'deleted') AS deleted,
               min(${q.seq}) AS seq_from, max(${q.seq}) AS seq_to
          FROM ${q.from} WHERE ${q.written} GROUP BY s.tbl)
  ORDER BY first`;

/**
 * The staged rows of one table as their final states, with the district's sequence numbers
 * (given in staging order). Written grouped by the record they belong to (the table's first
 * required reference: a contact record's member, a work log's cadre), not in the bundle's
 * order: a township's records reach the bundle in the order they were typed, at random places
 * in the district's large indexes that lead with that reference; grouped, each insert lands next
 * to the one before (contact records 17.5 → 13.6 s of a whole district's first 15 bundles).
 * Order cannot change the outcome: only final states are written, and any part of a set of rows
 * that meets the unique rules meets them too.
 */
function upsertStagedSql(t: SyncTable, q: Numbering): string {
  const key = `${q.seq} ${t.name}`;
  let sql = upsertStaged.get(key);
  if (!sql) {
    const cols = [...SYNC_COLUMNS, ...t.columns];
    const values = cols.map((c) => (c === 'seq' ? q.seq : `json_extract(s.row, '$.${c}')`)).join(', ');
    const sets = cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ');
    sql = `INSERT INTO main.${t.name} (${cols.join(', ')}) SELECT ${values} FROM ${q.from}
      WHERE s.tbl = @tbl AND ${q.written} ORDER BY ${ownerFirst(t)}s.n ON CONFLICT (id) DO UPDATE SET ${sets}`;
    upsertStaged.set(key, sql);
  }
  return sql;
}

const upsertStaged = new Map<string, string>();

/** The sort key of the record a row belongs to (db/syncStage.ts ownerColumn), if it has one. */
const ownerFirst = (t: SyncTable): string => (ownerColumn(t) ? 's.owner, ' : '');
