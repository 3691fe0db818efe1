import type { Database } from 'better-sqlite3';
import { SYNC_TABLES } from '../../db/tables';
import type { SyncTable } from '../../db/sync';
import { refuse, type BundleHeader } from './format';

/**
 * The scope rule, once for every synced table: a bundle from township T may write only rows T
 * owns. At the district a row's owner is the township pinned for the installation that made it
 * (its origin). A row in the bundle is in T's scope when
 *   - the district's copy, if any, is owned by T, and
 *   - every parent it references through a declared foreign key to a synced table is owned by
 *     T or arrives in the same bundle (where it meets this rule itself), and
 *   - for a village: its code, if any, lies under T's code.
 * Parents come from the schema (PRAGMA foreign_key_list), so a new register inherits the rule.
 * Everything runs as set queries over temp.sync_stage, whatever the bundle's size.
 */

interface Parent {
  column: string;
  table: SyncTable;
}

const parentsCache = new WeakMap<Database, Map<string, Parent[]>>();

export function parentsOf(db: Database, t: SyncTable): Parent[] {
  let cache = parentsCache.get(db);
  if (!cache) parentsCache.set(db, (cache = new Map()));
  let ps = cache.get(t.name);
  if (!ps) {
    const fks = db.prepare(`PRAGMA foreign_key_list(${t.name})`).all() as { table: string; from: string; to: string | null }[];
    ps = fks.flatMap((fk) => {
      const table = SYNC_TABLES.find((x) => x.name === fk.table);
      return table && (fk.to === null || fk.to === 'id') ? [{ column: fk.from, table }] : [];
    });
    cache.set(t.name, ps);
  }
  return ps;
}

const labelOf = (name: string) => SYNC_TABLES.find((t) => t.name === name)?.label ?? name;

/** The tables the bundle has rows for: a small bundle is checked table by table only where it has rows. */
export const stagedTables = (db: Database) =>
  new Set((db.prepare('SELECT DISTINCT tbl FROM temp.sync_stage').all() as { tbl: string }[]).map((r) => r.tbl));

/** The village a message names: the district's copy, else the bundle's. */
export function villageName(db: Database, id: string | null): string | null {
  if (!id) return null;
  const here = db.prepare('SELECT name FROM main.villages WHERE id = ?').get(id) as { name: string } | undefined;
  if (here) return here.name;
  const staged = db.prepare("SELECT json_extract(row, '$.name') AS name FROM temp.sync_stage WHERE tbl = 'villages' AND id = ?").get(id) as { name: string | null } | undefined;
  return staged?.name ?? null;
}

function outOfScope(db: Database, table: string, id: string, village: string | null, owner: string | null) {
  const v = villageName(db, village);
  const whose = `${owner ?? '其他单位'}${v ? ` 的 ${v}` : ''}`;
  return refuse('out_of_scope', `${labelOf(table)} ${id} 属于 ${whose}，不在本乡镇范围内，未导入任何数据`);
}

/** Refuses the bundle at the first staged row outside the township's scope. */
export function checkScope(db: Database, h: BundleHeader): void {
  const code = h.township.code;
  const present = stagedTables(db);
  for (const t of SYNC_TABLES) {
    if (!present.has(t.name)) continue;
    // The district's copy must be the township's own.
    const owned = db
      .prepare(
        `SELECT s.id, s.village, p.township_name AS owner FROM temp.sync_stage s JOIN main.${t.name} c ON c.id = s.id
         LEFT JOIN sync_pins p ON p.installation_id = c.origin
         WHERE s.tbl = ? AND (p.township_code IS NULL OR p.township_code <> ?) LIMIT 1`,
      )
      .get(t.name, code) as { id: string; village: string | null; owner: string | null } | undefined;
    if (owned) throw outOfScope(db, t.name, owned.id, owned.village, owned.owner);
    if (t.name === 'villages') checkVillageCodes(db, h);
    for (const parent of parentsOf(db, t)) {
      const ref = `json_extract(s.row, '$.${parent.column}')`;
      const foreign = db
        .prepare(
          `SELECT s.id, s.village, ${parent.table.name === 'villages' ? 'c.id' : parentVillage(db, parent.table)} AS pvillage, p.township_name AS owner
           FROM temp.sync_stage s JOIN main.${parent.table.name} c ON c.id = ${ref}
           LEFT JOIN sync_pins p ON p.installation_id = c.origin
           WHERE s.tbl = ? AND (p.township_code IS NULL OR p.township_code <> ?) LIMIT 1`,
        )
        .get(t.name, code) as { id: string; village: string | null; pvillage: string | null; owner: string | null } | undefined;
      if (foreign) throw outOfScope(db, t.name, foreign.id, foreign.village ?? foreign.pvillage, foreign.owner);
      const orphan = db
        .prepare(
          `SELECT s.id FROM temp.sync_stage s WHERE s.tbl = ? AND ${ref} IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM main.${parent.table.name} c WHERE c.id = ${ref})
             AND NOT EXISTS (SELECT 1 FROM temp.sync_stage q WHERE q.tbl = ? AND q.id = ${ref}) LIMIT 1`,
        )
        .get(t.name, parent.table.name) as { id: string } | undefined;
      if (orphan) {
        throw refuse('bad_row', `${labelOf(t.name)} ${orphan.id} 引用的${parent.table.label}不存在（既不在区县库中，也不在本文件中），未导入任何数据`);
      }
    }
  }
}

/** The village of a parent row, for naming it in a message, when its table has one. */
function parentVillage(db: Database, t: SyncTable): string {
  return (t.columns as readonly string[]).includes('village_id') ? 'c.village_id' : 'NULL';
}

/** A township creates or renames villages only under its own code (or without a code). */
function checkVillageCodes(db: Database, h: BundleHeader): void {
  const code = h.township.code;
  const village = db
    .prepare(
      `SELECT id, json_extract(row, '$.name') AS name, json_extract(row, '$.code') AS code FROM temp.sync_stage
       WHERE tbl = 'villages' AND json_extract(row, '$.code') IS NOT NULL AND json_extract(row, '$.code') <> ''
         AND substr(json_extract(row, '$.code'), 1, length(?)) <> ? LIMIT 1`,
    )
    .get(code, code) as { id: string; name: string; code: string } | undefined;
  if (village) {
    throw refuse(
      'out_of_scope',
      `${labelOf('villages')} ${village.name}（编码 ${village.code}）的编码不属于 ${h.township.name}（${code}），不在本乡镇范围内，未导入任何数据`,
    );
  }
}
