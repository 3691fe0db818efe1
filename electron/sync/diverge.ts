import type { Database } from 'better-sqlite3';
import { SYNC_TABLES } from '../../db/tables';
import type { SyncTable } from '../../db/sync';
import { refuse, type BundleHeader } from './format';
import { stagedTables, villageName } from './scope';

/**
 * What applying each staged row would do, in SQL (a join per table, never a lookup per row).
 *
 * An ordinary bundle is merged by row version: higher replaces, lower is older news. The same
 * version with different content cannot come from one genuine chain (a restore or a second PC
 * edited the same row version differently), so it refuses the bundle: the township sends a full
 * export, which the district then takes as that township's truth for its scope, column by
 * column, whatever the versions, and rows the full bundle lacks get tombstoned: those this
 * installation made (a restore loses only its own rows; a township's second PC, live beside it,
 * must not have its rows wiped by the other's full export).
 */

export type Action = 'new' | 'changed' | 'deleted' | 'unchanged' | 'conflict';

export interface RowRef {
  table: string;
  label: string;
  id: string;
  village: string | null;
}
export interface Differing extends RowRef {
  /** Columns whose values differ, by their schema names. */
  columns: string[];
}
export interface Divergence {
  /** A full bundle taken as the township's truth for its scope. */
  truth: boolean;
  differing: Differing[];
  differingTotal: number;
  /** Rows the district holds from this installation that the township no longer has. */
  missing: RowRef[];
  missingTotal: number;
}

/** How many rows of each list the preview names; the totals count them all. */
const LIST_LIMIT = 200;

const DIFF_COLUMNS = (t: SyncTable) => [...t.columns, 'deleted_at', 'version', 'created_at', 'updated_at', 'origin'];
const value = (c: string) => `json_extract(s.row, '$.${c}')`;
const differs = (cols: string[]) => `concat_ws(',', ${cols.map((c) => `CASE WHEN ${value(c)} IS NOT c.${c} THEN '${c}' END`).join(', ')})`;
/** Content is what a clerk can see: the domain columns and whether the row is deleted. */
const contentDiffers = (t: SyncTable) =>
  `(${[...t.columns.map((c) => `${value(c)} IS NOT c.${c}`), `(${value('deleted_at')} IS NULL) <> (c.deleted_at IS NULL)`].join(' OR ')})`;
const villageOf = (t: SyncTable, alias: string) =>
  t.name === 'villages' ? `${alias}.id` : (t.columns as readonly string[]).includes('village_id') ? `${alias}.village_id` : 'NULL';

export function ensureDiffTables(db: Database): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS sync_diff (tbl TEXT NOT NULL, id TEXT NOT NULL, village TEXT, cols TEXT NOT NULL);
    CREATE TEMP TABLE IF NOT EXISTS sync_missing (tbl TEXT NOT NULL, id TEXT NOT NULL, village TEXT);
    CREATE INDEX IF NOT EXISTS temp.sync_stage_id ON sync_stage (tbl, id);
    DELETE FROM temp.sync_diff; DELETE FROM temp.sync_missing;`);
}

export function classify(db: Database, h: BundleHeader, truth: boolean): void {
  ensureDiffTables(db);
  const present = stagedTables(db);
  for (const t of SYNC_TABLES) {
    if (!truth && !present.has(t.name)) continue;
    db.prepare(`UPDATE temp.sync_stage SET action = CASE WHEN deleted = 1 THEN 'deleted' ELSE 'new' END WHERE tbl = ?`).run(t.name);
    if (truth) {
      db.prepare(
        `INSERT INTO temp.sync_diff (tbl, id, village, cols) SELECT s.tbl, s.id, s.village, ${differs(DIFF_COLUMNS(t))} AS d
         FROM temp.sync_stage s JOIN main.${t.name} c ON c.id = s.id WHERE s.tbl = ? AND d <> ''`,
      ).run(t.name);
      db.prepare(
        `UPDATE temp.sync_stage AS s SET action = CASE
           WHEN NOT EXISTS (SELECT 1 FROM temp.sync_diff d WHERE d.tbl = s.tbl AND d.id = s.id) THEN 'unchanged'
           WHEN s.deleted = 1 AND c.deleted_at IS NULL THEN 'deleted' ELSE 'changed' END
         FROM main.${t.name} AS c WHERE c.id = s.id AND s.tbl = ?`,
      ).run(t.name);
      db.prepare(
        `INSERT INTO temp.sync_missing (tbl, id, village) SELECT ?, c.id, ${villageOf(t, 'c')} FROM main.${t.name} c
         WHERE c.origin = ? AND c.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM temp.sync_stage s WHERE s.tbl = ? AND s.id = c.id)`,
      ).run(t.name, h.installationId, t.name);
    } else {
      db.prepare(
        `UPDATE temp.sync_stage AS s SET action = CASE
           WHEN s.version < c.version THEN 'unchanged'
           WHEN s.version = c.version THEN CASE WHEN ${contentDiffers(t)} THEN 'conflict' ELSE 'unchanged' END
           WHEN s.deleted = 1 AND c.deleted_at IS NULL THEN 'deleted'
           ELSE 'changed' END
         FROM main.${t.name} AS c WHERE c.id = s.id AND s.tbl = ?`,
      ).run(t.name);
      const clash = db
        .prepare(`SELECT s.id, s.village, s.version, ${differs([...t.columns, 'deleted_at'])} AS cols FROM temp.sync_stage s JOIN main.${t.name} c ON c.id = s.id WHERE s.tbl = ? AND s.action = 'conflict' LIMIT 1`)
        .get(t.name) as { id: string; village: string | null; version: number; cols: string } | undefined;
      if (clash) {
        const v = villageName(db, clash.village);
        throw refuse(
          'diverged',
          `${t.label} ${clash.id}${v ? `（${v}）` : ''}的第 ${clash.version} 版与区县已有的同一版内容不同（${clash.cols}）：乡镇数据与此前导入的出现了分叉（可能从备份恢复过）。请联系${h.township.name}导出一份“完整导出”文件再导入，未导入任何数据。`,
        );
      }
    }
  }
}

const labelOf = (name: string) => SYNC_TABLES.find((t) => t.name === name)?.label ?? name;

export function divergence(db: Database, truth: boolean): Divergence {
  const names = new Map<string, string | null>();
  const vname = (id: string | null) => {
    if (id === null) return null;
    if (!names.has(id)) names.set(id, villageName(db, id));
    return names.get(id)!;
  };
  const differing = (db.prepare(`SELECT tbl, id, village, cols FROM temp.sync_diff LIMIT ${LIST_LIMIT}`).all() as { tbl: string; id: string; village: string | null; cols: string }[]).map(
    (r) => ({ table: r.tbl, label: labelOf(r.tbl), id: r.id, village: vname(r.village), columns: r.cols.split(',') }),
  );
  const missing = (db.prepare(`SELECT tbl, id, village FROM temp.sync_missing LIMIT ${LIST_LIMIT}`).all() as { tbl: string; id: string; village: string | null }[]).map((r) => ({
    table: r.tbl,
    label: labelOf(r.tbl),
    id: r.id,
    village: vname(r.village),
  }));
  const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM temp.${t}`).get() as { n: number }).n;
  return { truth, differing, differingTotal: count('sync_diff'), missing, missingTotal: count('sync_missing') };
}
