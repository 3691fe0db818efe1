import type { Database } from 'better-sqlite3';
import { stmt, type SyncTable } from './sync';
import { stagedRef } from './syncStage';
import { SYNC_TABLES } from './tables';

/**
 * The scope rule's set queries over temp.sync_stage (electron/sync/scope.ts words the refusals):
 * who owns the district's copy of a staged row, and of each parent it references.
 */

export interface Parent {
  column: string;
  table: SyncTable;
}

const parentsCache = new WeakMap<Database, Map<string, Parent[]>>();

/** A table's parents among the synced tables, from the schema's declared foreign keys. */
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

/** The village of a district row (a parent, or the copy a staged row replaces), for naming it in a message, when its table has one. */
const parentVillage = (t: SyncTable) => (t.name === 'villages' ? 'c.id' : (t.columns as readonly string[]).includes('village_id') ? 'c.village_id' : 'NULL');

/**
 * A staged row whose district copy is owned by another township than `code` (or by none), with
 * the village the district holds it in (where its table names one): the staged row's own may be
 * the signer's village it is being moved to.
 */
export const ownedElsewhere = (db: Database, t: SyncTable, code: string) =>
  stmt(
    db,
    `SELECT s.id, coalesce(${parentVillage(t)}, s.village) AS village, p.township_name AS owner FROM temp.sync_stage s JOIN main.${t.name} c ON c.id = s.id
         LEFT JOIN sync_pins p ON p.installation_id = c.origin
         WHERE s.tbl = ? AND (p.township_code IS NULL OR p.township_code <> ?) LIMIT 1`,
  ).get(t.name, code) as { id: string; village: string | null; owner: string | null } | undefined;

/** A staged row's (alias `s`) reference through `parent`. */
const ref = (t: SyncTable, parent: Parent) => stagedRef(t, parent.column);

/**
 * The first staged row whose reference through `parent` breaks the scope rule: one referencing a
 * district row another township (or none) owns (`orphan` 0), else one referencing a parent that
 * is neither at the district nor in the bundle (`orphan` 1); each kind the first by id, as two
 * queries would find them. The distinct references are judged first; the rows are looked at
 * one by one only when one of them breaks the rule (a refusal).
 */
export const parentProblem = (db: Database, t: SyncTable, parent: Parent, code: string) =>
  anyParentProblem(db, t, parent, code) ? firstParentProblem(db, t, parent, code) : undefined;

/**
 * Whether any staged row's reference through `parent` breaks the rule, each distinct parent
 * looked up once: the 1,000,000 contact records of a district's first bundles name 100,000
 * members, their work logs 10,000 cadres, every table 300 villages (6 s of the 15 townships'
 * lookups row by row, bench 2026-12-03).
 */
const anyParentProblem = (db: Database, t: SyncTable, parent: Parent, code: string) =>
  stmt(
    db,
    `SELECT 1 FROM (SELECT DISTINCT ${ref(t, parent)} AS ref FROM temp.sync_stage s WHERE s.tbl = @t) r
       LEFT JOIN main.${parent.table.name} c ON c.id = r.ref LEFT JOIN sync_pins p ON p.installation_id = c.origin
       WHERE r.ref IS NOT NULL
         AND CASE WHEN c.id IS NOT NULL THEN p.township_code IS NULL OR p.township_code <> @code
             ELSE NOT EXISTS (SELECT 1 FROM temp.sync_stage q WHERE q.tbl = @parent AND q.id = r.ref) END
       LIMIT 1`,
  ).get({ t: t.name, parent: parent.table.name, code }) !== undefined;

/** The row parentProblem names, in one pass: each reference read and looked up once, not once per kind. */
const firstParentProblem = (db: Database, t: SyncTable, parent: Parent, code: string) =>
  stmt(
    db,
    `SELECT s.id, s.village, ${parentVillage(parent.table)} AS pvillage, p.township_name AS owner, c.id IS NULL AS orphan
           FROM temp.sync_stage s LEFT JOIN main.${parent.table.name} c ON c.id = ${ref(t, parent)}
           LEFT JOIN sync_pins p ON p.installation_id = c.origin
           WHERE s.tbl = @t AND ${ref(t, parent)} IS NOT NULL
             AND CASE WHEN c.id IS NOT NULL THEN p.township_code IS NULL OR p.township_code <> @code
                 ELSE NOT EXISTS (SELECT 1 FROM temp.sync_stage q WHERE q.tbl = @parent AND q.id = ${ref(t, parent)}) END
           ORDER BY orphan, s.id LIMIT 1`,
  ).get({ t: t.name, parent: parent.table.name, code }) as { id: string; village: string | null; pvillage: string | null; owner: string | null; orphan: 0 | 1 } | undefined;

/** A staged village whose code does not lie under the township's `code`. */
export const villageOutsideCode = (db: Database, code: string) =>
  stmt(
    db,
    `SELECT id, json_extract(row, '$.name') AS name, json_extract(row, '$.code') AS code FROM temp.sync_stage
       WHERE tbl = 'villages' AND json_extract(row, '$.code') IS NOT NULL AND json_extract(row, '$.code') <> ''
         AND substr(json_extract(row, '$.code'), 1, length(?)) <> ? LIMIT 1`,
  ).get(code, code) as { id: string; name: string; code: string } | undefined;

/**
 * The first staged row of `table` that the store does not have, whose id is of the bound form
 * (electron/sync/rowIds.ts) but begins with none of `prefixes`: a new row claiming to be made by
 * an installation that is not the sender's.
 */
export const newRowMadeElsewhere = (db: Database, table: string, prefixes: string[], glob: string) =>
  stmt(
    db,
    `SELECT s.id, s.village FROM temp.sync_stage s
       WHERE s.tbl = @table AND s.id GLOB @glob AND substr(s.id, 1, 18) NOT IN (SELECT value FROM json_each(@prefixes))
         AND NOT EXISTS (SELECT 1 FROM main.${table} c WHERE c.id = s.id)
       ORDER BY s.id LIMIT 1`,
  ).get({ table, glob, prefixes: JSON.stringify(prefixes) }) as { id: string; village: string | null } | undefined;
