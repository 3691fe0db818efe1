import type { Database } from 'better-sqlite3';
import { SYNC_TABLES } from '../../db/tables';
import { classifyAsTruth, classifyByVersion, countDiffering, countMissing, differingRows, ensureDiffTables, markAllNew, missingRows } from '../../db/syncDiff';
import { stagedTables, villageName } from '../../db/syncStage';
import { refuse, type AnyHeader } from './format';

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

export function classify(db: Database, h: Pick<AnyHeader, 'installationId' | 'township'>, truth: boolean): void {
  ensureDiffTables(db);
  const present = stagedTables(db);
  for (const t of SYNC_TABLES) {
    if (!truth && !present.has(t.name)) continue;
    markAllNew(db, t);
    if (truth) {
      classifyAsTruth(db, t, h.installationId);
    } else {
      const clash = classifyByVersion(db, t);
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
  const differing = differingRows(db, LIST_LIMIT).map((r) => ({ table: r.tbl, label: labelOf(r.tbl), id: r.id, village: vname(r.village), columns: r.cols.split(',') }));
  const missing = missingRows(db, LIST_LIMIT).map((r) => ({ table: r.tbl, label: labelOf(r.tbl), id: r.id, village: vname(r.village) }));
  return { truth, differing, differingTotal: countDiffering(db), missing, missingTotal: countMissing(db) };
}
