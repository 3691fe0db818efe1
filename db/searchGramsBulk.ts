import type { Database } from 'better-sqlite3';
import { WRITTEN, writtenRows } from './stagedWrites';
import { stmt } from './sync';
import { namedLike, withTriggersAside } from './triggersAside';

/**
 * Migration 010's floating_search_grams (every 1- and 2-character part of each name, destination
 * and workplace ever written to floating_members, for the roster's search) through a large
 * import, set-based. Its row triggers cost some 26 µs of a member's insert: 2.5 s of the 15
 * townships' first bundles in the bench (100,000 members). Grams are only ever added, so after
 * writes of many members the parts of the values they now hold are added in one statement, with
 * the triggers dropped in between (triggersAside.ts): the same rows the triggers would leave,
 * 0.8 s for those members. Inside the apply's transaction, like rosterBulk.ts.
 */

/** Below this many members written the triggers do the work; the tests set it to 0. */
export const gramsBulk = { rows: 500 };

/** The parts of the written members' values not indexed yet (a value's first character present means the value is), as 010's triggers add them. */
const ADD_WRITTEN_VALUES = `INSERT OR IGNORE INTO floating_search_grams (gram, field, value)
  WITH RECURSIVE
    m AS MATERIALIZED (SELECT m.name, m.dest_text, m.workplace FROM temp.sync_stage s JOIN main.floating_members m ON m.id = s.id WHERE s.tbl = 'floating_members' AND s.${WRITTEN}),
    v (field, value) AS (SELECT 'name', name FROM m UNION SELECT 'dest', dest_text FROM m UNION SELECT 'workplace', workplace FROM m),
    fresh (field, value) AS (SELECT field, value FROM v WHERE value IS NOT NULL AND value <> ''
      AND NOT EXISTS (SELECT 1 FROM floating_search_grams g WHERE g.gram = substr(v.value, 1, 1) AND g.field = v.field AND g.value = v.value)),
    at (field, value, i) AS (SELECT field, value, 1 FROM fresh UNION ALL SELECT field, value, i + 1 FROM at WHERE i < length(value))
  SELECT substr(value, i, 1), field, value FROM at
  UNION ALL SELECT substr(value, i, 2), field, value FROM at WHERE i < length(value)`;

const KEPT_TRIGGERS = `tbl_name = 'floating_members' AND (${namedLike(['floating_search_'])})`;

/**
 * Runs `write` (the staged apply's writes, inside its transaction) with the search grams added
 * set-based after it when it writes gramsBulk.rows members or more, by the triggers otherwise.
 * Needs temp.sync_stage classified.
 */
export function withSearchGrams(db: Database, write: () => void): void {
  if (!db.inTransaction) throw new Error('withSearchGrams runs inside the apply transaction');
  if (writtenRows(db, ['floating_members']) < gramsBulk.rows) return write();
  withTriggersAside(db, KEPT_TRIGGERS, write);
  stmt(db, ADD_WRITTEN_VALUES).run();
}
