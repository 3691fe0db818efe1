import type { Database } from 'better-sqlite3';
import { SYNC_TABLES } from '../../db/tables';
import { newRowMadeElsewhere, ownedElsewhere, parentProblem, parentsOf, villageOutsideCode } from '../../db/syncScope';
import { installationsOfTownship } from '../../db/syncPins';
import { stagedTables, villageName } from '../../db/syncStage';
import { refuse, type BundleHeader } from './format';
import { looksKeyBound } from './boundIds';
import { BOUND_ROW_GLOB, rowIdPrefix } from './rowIds';
import { checkLaptopRows, checkVouched } from './vouch';

/**
 * The scope rule, once for every synced table: a bundle from township T may write only rows T
 * owns. At the district a row's owner is the township pinned for the installation that made it
 * (its origin), or the township that vouched for the 驻村版 that made it. A row in the bundle is in
 * T's scope when
 *   - the district's copy, if any, is owned by T, and
 *   - every parent it references through a declared foreign key to a synced table is owned by
 *     T or arrives in the same bundle (where it meets this rule itself), and
 *   - for a village: its code, if any, lies under T's code.
 * Parents come from the schema (PRAGMA foreign_key_list), so a new register inherits the rule.
 * Everything runs as set queries over temp.sync_stage, whatever the bundle's size.
 */

const labelOf = (name: string) => SYNC_TABLES.find((t) => t.name === name)?.label ?? name;

function outOfScope(db: Database, table: string, id: string, village: string | null, owner: string | null) {
  const v = villageName(db, village);
  const whose = `${owner ?? '其他单位'}${v ? ` 的 ${v}` : ''}`;
  return refuse('out_of_scope', `${labelOf(table)} ${id} 属于 ${whose}，不在本乡镇范围内，未导入任何数据`);
}

/** Refuses the bundle at the first staged row outside the township's scope. */
export function checkScope(db: Database, h: BundleHeader): void {
  const code = h.township.code;
  // The 驻村版 laptops the township vouches for first; their rows, once each is in the township's
  // scope, must also lie in their laptop's village (vouch.ts).
  checkVouched(db, h);
  const present = stagedTables(db);
  checkRowIds(db, h, present);
  for (const t of SYNC_TABLES) {
    if (!present.has(t.name)) continue;
    // The district's copy must be the township's own.
    const owned = ownedElsewhere(db, t, code);
    if (owned) throw outOfScope(db, t.name, owned.id, owned.village, owned.owner);
    if (t.name === 'villages') checkVillageCodes(db, h);
    for (const parent of parentsOf(db, t)) {
      const bad = parentProblem(db, t, parent, code);
      if (bad && !bad.orphan) throw outOfScope(db, t.name, bad.id, bad.village ?? bad.pvillage, bad.owner);
      if (bad) throw refuse('bad_row', `${labelOf(t.name)} ${bad.id} 引用的${parent.table.label}不存在（既不在区县库中，也不在本文件中），未导入任何数据`);
    }
  }
  checkLaptopRows(db);
}

/**
 * A row new to the district with an id of the bound form (rowIds.ts) must have been made by one
 * of the township's installations: the signer, a laptop it vouches for, or one pinned for its
 * code before (a row takes the origin of its last writer, so a laptop's row the township edited
 * arrives with the township's origin and the laptop's prefix). Another township's prefix means
 * an id copied from that township's files, which would lock its own row out here for good.
 * Only key-bound installations count (their ids were checked against their keys before this:
 * identity.ts, vouch.ts): a random id is chosen freely, so a laptop vouched on the township's
 * word could be one found by trying ids until its prefix matched another's (red team).
 */
function checkRowIds(db: Database, h: BundleHeader, present: Set<string>): void {
  const made = new Set([h.installationId, ...(h.villagePins ?? []).map((p) => p.installationId)]);
  for (const p of installationsOfTownship(db, h.township.code)) made.add(p);
  const prefixes = [...made].filter(looksKeyBound).map(rowIdPrefix);
  for (const t of SYNC_TABLES) {
    if (!present.has(t.name)) continue;
    const row = newRowMadeElsewhere(db, t.name, prefixes, BOUND_ROW_GLOB);
    if (!row) continue;
    const v = villageName(db, row.village);
    throw refuse(
      'forged_id',
      `${labelOf(t.name)} ${row.id}${v ? `（${v}）` : ''}是区县库中没有的新记录，其编号却不是${h.township.name}的电脑生成的（编号前段与本乡镇任何一台电脑都不符），可能冒用了其他单位的记录编号，未导入任何数据`,
    );
  }
}

/** A township creates or renames villages only under its own code (or without a code). */
function checkVillageCodes(db: Database, h: BundleHeader): void {
  const code = h.township.code;
  const village = villageOutsideCode(db, code);
  if (village) {
    throw refuse(
      'out_of_scope',
      `${labelOf('villages')} ${village.name}（编码 ${village.code}）的编码不属于 ${h.township.name}（${code}），不在本乡镇范围内，未导入任何数据`,
    );
  }
}
