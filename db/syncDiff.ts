import type { Database } from 'better-sqlite3';
import { stmt, type SyncTable } from './sync';
import { indexStage } from './syncStage';

/**
 * What applying each staged row would do, as a join per table over temp.sync_stage (its action
 * column), with the differing columns of a truth bundle in temp.sync_diff and the rows it lacks in
 * temp.sync_missing. electron/sync/diverge.ts decides when each runs and words the refusals.
 */

const DIFF_COLUMNS = (t: SyncTable) => [...t.columns, 'deleted_at', 'version', 'created_at', 'updated_at', 'origin'];
const value = (c: string) => `json_extract(s.row, '$.${c}')`;
const differs = (cols: string[]) => `concat_ws(',', ${cols.map((c) => `CASE WHEN ${value(c)} IS NOT c.${c} THEN '${c}' END`).join(', ')})`;
/** Content is what a clerk can see: the domain columns and whether the row is deleted. */
const contentDiffers = (t: SyncTable) =>
  `(${[...t.columns.map((c) => `${value(c)} IS NOT c.${c}`), `(${value('deleted_at')} IS NULL) <> (c.deleted_at IS NULL)`].join(' OR ')})`;
const villageOf = (t: SyncTable, alias: string) =>
  t.name === 'villages' ? `${alias}.id` : (t.columns as readonly string[]).includes('village_id') ? `${alias}.village_id` : 'NULL';

export function ensureDiffTables(db: Database): void {
  indexStage(db);
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS sync_diff (tbl TEXT NOT NULL, id TEXT NOT NULL, village TEXT, cols TEXT NOT NULL);
    CREATE TEMP TABLE IF NOT EXISTS sync_missing (tbl TEXT NOT NULL, id TEXT NOT NULL, village TEXT);
    CREATE TEMP TABLE IF NOT EXISTS sync_held (n INTEGER PRIMARY KEY, cols TEXT NOT NULL, live INTEGER NOT NULL);
    -- Each held row asks whether its id differs: without it, a scan of sync_diff per row.
    CREATE INDEX IF NOT EXISTS temp.sync_diff_id ON sync_diff (tbl, id);
    DELETE FROM temp.sync_diff; DELETE FROM temp.sync_missing;`);
}

/** Every staged row of the table starts as new (or deleted); the district's copies then say otherwise. */
export function markAllNew(db: Database, t: SyncTable): void {
  // Rows already marked so (the apply re-examines what the preview marked) are not rewritten:
  // each rewrite copies the row's JSON in the staging table.
  stmt(
    db,
    `UPDATE temp.sync_stage SET action = CASE WHEN deleted = 1 THEN 'deleted' ELSE 'new' END
       WHERE tbl = ? AND action IS NOT (CASE WHEN deleted = 1 THEN 'deleted' ELSE 'new' END)`,
  ).run(t.name);
}

/**
 * A truth bundle, column by column whatever the versions: differing rows change, the others stay,
 * and live rows this installation made that the bundle lacks are listed as missing.
 */
export function classifyAsTruth(db: Database, t: SyncTable, installationId: string): void {
  // One lookup of the district's copy per staged row: the rows it finds (none for a township's
  // first bundle, the district-scale case) are kept in sync_held, and the differing columns and
  // the actions come from there rather than from a second join over every staged row.
  stmt(db, 'DELETE FROM temp.sync_held').run();
  stmt(
    db,
    `INSERT INTO temp.sync_held (n, cols, live) SELECT s.n, ${differs(DIFF_COLUMNS(t))}, c.deleted_at IS NULL
         FROM temp.sync_stage s JOIN main.${t.name} c ON c.id = s.id WHERE s.tbl = ?`,
  ).run(t.name);
  stmt(
    db,
    `INSERT INTO temp.sync_diff (tbl, id, village, cols) SELECT s.tbl, s.id, s.village, h.cols
         FROM temp.sync_held h JOIN temp.sync_stage s ON s.n = h.n WHERE h.cols <> '' ORDER BY s.id`,
  ).run();
  stmt(
    db,
    `UPDATE temp.sync_stage AS s SET action = CASE
           WHEN NOT EXISTS (SELECT 1 FROM temp.sync_diff d WHERE d.tbl = s.tbl AND d.id = s.id) THEN 'unchanged'
           WHEN s.deleted = 1 AND (SELECT h.live FROM temp.sync_held h WHERE h.n = s.n) THEN 'deleted' ELSE 'changed' END
         WHERE s.n IN (SELECT n FROM temp.sync_held)`,
  ).run();
  // Rows with this origin reach the district only through this installation's own imports: before
  // its first one there are none, and the lookup would read the whole table (no index on origin),
  // which at a district receiving its townships' first bundles grew with every bundle.
  if (!hasImportedFrom(db, installationId)) return;
  stmt(
    db,
    `INSERT INTO temp.sync_missing (tbl, id, village) SELECT ?, c.id, ${villageOf(t, 'c')} FROM main.${t.name} c
         WHERE c.origin = ? AND c.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM temp.sync_stage s WHERE s.tbl = ? AND s.id = c.id)`,
  ).run(t.name, installationId, t.name);
}

const hasImportedFrom = (db: Database, installationId: string) => stmt(db, 'SELECT 1 FROM sync_in WHERE installation_id = ? LIMIT 1').get(installationId) !== undefined;

/**
 * An ordinary bundle, by row version; returns the first row whose version equals the district's
 * with other content (a conflict), if any.
 */
export function classifyByVersion(db: Database, t: SyncTable) {
  stmt(
    db,
    `UPDATE temp.sync_stage AS s SET action = CASE
           WHEN s.version < c.version THEN 'unchanged'
           WHEN s.version = c.version THEN CASE WHEN ${contentDiffers(t)} THEN 'conflict' ELSE 'unchanged' END
           WHEN s.deleted = 1 AND c.deleted_at IS NULL THEN 'deleted'
           ELSE 'changed' END
         FROM main.${t.name} AS c WHERE c.id = s.id AND s.tbl = ?`,
  ).run(t.name);
  return stmt(
    db,
    `SELECT s.id, s.village, s.version, ${differs([...t.columns, 'deleted_at'])} AS cols FROM temp.sync_stage s JOIN main.${t.name} c ON c.id = s.id WHERE s.tbl = ? AND s.action = 'conflict' LIMIT 1`,
  ).get(t.name) as { id: string; village: string | null; version: number; cols: string } | undefined;
}

export const differingRows = (db: Database, limit: number) =>
  stmt(db, `SELECT tbl, id, village, cols FROM temp.sync_diff LIMIT ${limit}`).all() as { tbl: string; id: string; village: string | null; cols: string }[];

export const missingRows = (db: Database, limit: number) =>
  stmt(db, `SELECT tbl, id, village FROM temp.sync_missing LIMIT ${limit}`).all() as { tbl: string; id: string; village: string | null }[];

export const countDiffering = (db: Database) => (stmt(db, 'SELECT count(*) AS n FROM temp.sync_diff').get() as { n: number }).n;
export const countMissing = (db: Database) => (stmt(db, 'SELECT count(*) AS n FROM temp.sync_missing').get() as { n: number }).n;

/** The missing rows of one table (a truth bundle's tombstones). */
export const missingIds = (db: Database, t: SyncTable) => stmt(db, 'SELECT id FROM temp.sync_missing WHERE tbl = ?').all(t.name) as { id: string }[];
