import type { Database } from 'better-sqlite3';
import { stmt } from './sync';
import { stagedRef } from './syncStage';
import { SYNC_TABLES } from './tables';

/**
 * What a staged apply writes (db/syncApply.ts applyStagedChanges and the tombstones of a truth
 * bundle's missing rows), for the set-based upkeep of kept figures (db/reports/rosterBulk.ts,
 * workLogBulk.ts, db/searchGramsBulk.ts). Needs temp.sync_stage classified and temp.sync_missing
 * filled (the apply's examine).
 */

/** A staged row the apply writes: every one whose action is not 'unchanged'. */
export const WRITTEN = "action IS NOT 'unchanged'";

const list = (tables: readonly string[]) => tables.map((t) => `'${t}'`).join(', ');

/** Rows of `tables` the apply writes: staged rows that change something and missing rows it tombstones. */
export function writtenRows(db: Database, tables: readonly string[]): number {
  const q = `SELECT (SELECT count(*) FROM temp.sync_stage WHERE tbl IN (${list(tables)}) AND ${WRITTEN})
    + (SELECT count(*) FROM temp.sync_missing WHERE tbl IN (${list(tables)})) AS n`;
  return (stmt(db, q).get() as { n: number }).n;
}

/**
 * Adds to `into` (a TEMP table with an id column) the ids that `column` of `table`'s written rows
 * names, as the bundle has them and as the district has them (a row may move to another member
 * or cadre; a missing row leaves its own). The district's copy is looked up only for rows it
 * holds: a new row has none (at a district's first bundles, a million lookups that found nothing).
 */
export function collectReferenced(db: Database, into: string, table: string, column: string): void {
  const t = SYNC_TABLES.find((x) => x.name === table)!;
  const changedOrMissing = `SELECT id FROM temp.sync_stage WHERE tbl = '${table}' AND action IN ('changed', 'deleted')
    UNION ALL SELECT id FROM temp.sync_missing WHERE tbl = '${table}'`;
  for (const p of [
    `SELECT ${stagedRef(t, column)} AS r FROM temp.sync_stage s WHERE s.tbl = '${table}' AND s.${WRITTEN}`,
    `SELECT c.${column} AS r FROM main.${table} c WHERE c.id IN (${changedOrMissing})`,
  ])
    stmt(db, `INSERT OR IGNORE INTO ${into} (id) SELECT r FROM (${p}) WHERE r IS NOT NULL`).run();
}
