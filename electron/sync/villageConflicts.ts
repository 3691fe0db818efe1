import type { Database } from 'better-sqlite3';
import { appendAudit, nextSeq, stmt, type SyncTable, type WriteContext } from '../../db/sync';
import { SYNC_TABLES } from '../../db/tables';
import { bumpRow, stageAbove, stagedConflicts, stageUnchanged, VILLAGE_WRITES } from '../../db/villageSync';
import { refuse, type VillageBundleHeader } from './format';

/**
 * Rows both sides changed: the township edited a row the laptop had sent, and the laptop changed
 * it again before it saw the township's edit. Never resolved silently: the preview lists each one
 * with both sides' values, the clerk chooses which stands, and the loser is kept in the audit log.
 * The chosen row gets a version above both and a new township change number, so it travels on to
 * the district and back to the laptop in the receipt (db/villageSync.ts chosenRows).
 */

export type ConflictSide = 'township' | 'village';

export interface VillageConflict {
  table: (typeof VILLAGE_WRITES)[number];
  id: string;
  /** The row in words: cadre + day for a log, member + day for a record, project + day for progress. */
  what: string;
  /** The columns whose values differ, with each side's value as the clerk reads it. */
  columns: { column: string; label: string; township: string; village: string }[];
}

export interface ConflictChoice {
  table: string;
  id: string;
  keep: ConflictSide;
}

type Row = Record<string, unknown>;
interface Found extends VillageConflict {
  townshipRow: Row;
  villageRow: Row;
  /** Both sides reached the same values (both deleted it...): nothing to choose, the township's row stays. */
  agreed: boolean;
}

const tableOf = (name: string) => SYNC_TABLES.find((t) => t.name === name)!;
const nameOf = (db: Database, table: string, id: unknown) => (stmt(db, `SELECT name FROM ${table} WHERE id = ?`).get(id) as { name: string } | undefined)?.name ?? '（未知）';

function describe(db: Database, table: string, r: Row): string {
  if (table === 'work_logs') return `${nameOf(db, 'cadres', r.cadre_id)} ${String(r.log_date)} 的驻村日志`;
  if (table === 'contact_records') return `${nameOf(db, 'floating_members', r.member_id)} ${String(r.contact_date)} 的联系记录`;
  return `${nameOf(db, 'projects', r.project_id)} ${String(r.report_date)} 的项目进展`;
}

function shown(t: SyncTable, column: string, v: unknown): string {
  if (column === 'deleted_at') return v === null ? '未删除' : '已删除';
  if (v === null || v === undefined || v === '') return '（空）';
  const kind = (t.fields[column] as { kind?: string } | undefined)?.kind;
  if (kind === 'flag') return v ? '是' : '否';
  return String(v);
}

function find(db: Database, h: VillageBundleHeader): Found[] {
  const out: Found[] = [];
  for (const name of VILLAGE_WRITES) {
    const t = tableOf(name);
    for (const c of stagedConflicts(db, t, h.installationId, h.townshipSeq)) {
      const townshipRow = JSON.parse(c.township) as Row;
      const villageRow = JSON.parse(c.laptop) as Row;
      // Two deletion times are one fact: deleted on both sides.
      const columns = [...t.columns, 'deleted_at']
        .filter((col) => (col === 'deleted_at' ? (townshipRow[col] === null) !== (villageRow[col] === null) : (townshipRow[col] ?? null) !== (villageRow[col] ?? null)))
        .map((col) => ({
          column: col,
          label: col === 'deleted_at' ? '是否删除' : ((t.fields[col] as { label?: string } | undefined)?.label ?? col),
          township: shown(t, col, townshipRow[col]),
          village: shown(t, col, villageRow[col]),
        }));
      out.push({ table: name, id: c.id, what: describe(db, name, townshipRow), columns, townshipRow, villageRow, agreed: columns.length === 0 });
    }
  }
  return out;
}

/**
 * Finds the conflicts among the staged rows and lifts each laptop row's version above the
 * township's, so the merge by version neither skips it nor mistakes it for a forked chain. Runs
 * before the classification, at preview and again inside the apply.
 */
export function examineConflicts(db: Database, h: VillageBundleHeader): Found[] {
  const found = find(db, h);
  for (const f of found) stageAbove(db, f.table, f.id, Math.max(Number(f.villageRow.version), Number(f.townshipRow.version)) + 1);
  return found;
}

export const publicConflicts = (found: Found[]): VillageConflict[] => found.filter((f) => !f.agreed).map(({ table, id, what, columns }) => ({ table, id, what, columns }));

/** Every conflict needs the clerk's choice; without one for each the bundle is refused whole. */
export function choicesFor(found: Found[], choices: readonly ConflictChoice[]): Map<Found, ConflictSide> {
  const out = new Map<Found, ConflictSide>();
  const open: string[] = [];
  for (const f of found) {
    if (f.agreed) {
      out.set(f, 'township');
      continue;
    }
    const c = choices.find((x) => x.table === f.table && x.id === f.id);
    if (c) out.set(f, c.keep);
    else open.push(f.what);
  }
  if (open.length) {
    throw refuse(
      'choose_conflicts',
      `有 ${open.length} 条记录乡镇和驻村版都改过（${open.slice(0, 3).join('、')}${open.length > 3 ? '等' : ''}），请在预览中逐条选择保留“乡镇”还是“驻村版”的内容后再导入，未导入任何数据`,
    );
  }
  return out;
}

/** Before the rows are written: a conflict the township keeps leaves the laptop's row out. */
export function dropTownshipKept(db: Database, chosen: Map<Found, ConflictSide>): void {
  for (const [f, keep] of chosen) if (keep === 'township') stageUnchanged(db, f.table, f.id);
}

/**
 * After the rows are written: the township's kept rows get a version above both sides and a new
 * change number (so the receipt and the district bundle carry them), and each loser's values go
 * into the audit log under the bundle's tag.
 */
export function recordChoices(db: Database, w: WriteContext, chosen: Map<Found, ConflictSide>, bundle: string): void {
  const at = w.now();
  for (const [f, keep] of chosen) {
    if (f.agreed) continue;
    const version = Math.max(Number(f.villageRow.version), Number(f.townshipRow.version)) + 1;
    let seq: number;
    if (keep === 'township') {
      seq = nextSeq(db);
      bumpRow(db, f.table, f.id, version, seq, at);
    } else {
      seq = (stmt(db, `SELECT seq FROM ${f.table} WHERE id = ?`).get(f.id) as { seq: number }).seq;
    }
    const loser = keep === 'township' ? f.villageRow : f.townshipRow;
    appendAudit(db, w, {
      table: f.table,
      rowId: f.id,
      action: keep === 'township' ? 'conflict:kept-township' : 'conflict:kept-village',
      seq,
      before: loser,
      after: { bundle, kept: keep, version },
    });
  }
}
