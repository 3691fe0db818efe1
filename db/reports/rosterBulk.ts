import type { Database } from 'better-sqlite3';
import { rosterSteps } from '../migrations/021_report_roster_counts';
import { memberContactsTable } from '../floating';
import { ANALYSIS_LIMIT } from '../stats';
import { stmt } from '../sync';
import { stagedRef } from '../syncStage';
import { collectReferenced, WRITTEN, writtenRows } from '../stagedWrites';
import { namedLike, withTriggersAside } from '../triggersAside';

/**
 * The 期末在册 roster's kept steps (migration 021) through a large import, set-based.
 *
 * 021's triggers keep floating_roster_days exact row by row: a contact record's insert works out
 * its member's steps at every day its interval names, some 0.12 ms at scale-1 density and over a
 * millisecond for a member with a record a day (a district's first import of 1,000,000 records:
 * minutes of CPU). A figure is a sum over members of each member's own steps, and a member's
 * steps depend only on its own rows (the member, its status changes, contact cadres and
 * records). So for an apply that writes many of those rows, the members it touches have their
 * whole steps taken out before the writes and put back after them, in two grouped passes over
 * those members alone, with the row triggers dropped in between: the same figures, as the
 * triggers would leave them, for a fraction of the work.
 *
 * All of it runs inside the apply's transaction: the triggers are dropped and created again in
 * it (their CREATE statements as the store holds them), so a failed or killed import rolls back
 * to the triggers and steps it started with, and no other connection ever sees them missing.
 */

/** The tables whose rows the roster's steps read, and the column naming the member. */
const SOURCES: readonly [table: string, member: string][] = [
  ['floating_members', 'id'],
  ['member_status_history', 'member_id'],
  ['member_contacts', 'member_id'],
  ['contact_records', 'member_id'],
];
const SOURCE_LIST = SOURCES.map(([t]) => `'${t}'`).join(', ');

/**
 * Below this many rows written to the sources the triggers do the work: no schema change (and
 * no re-preparing of the connection's statements) for a township's weekly bundle. The tests set
 * it to 0 or Infinity to hold both ways to the same figures, and `chunk` small to pass in several.
 */
export const rosterBulk = { rows: 500, chunk: 5000 };

const MEMBERS = 'temp.roster_members';
/**
 * The members of one pass: rosterBulk.chunk at a time, so a whole district's bundle holds one
 * chunk's days in memory, not 100,000 members' (the bench's 1.8-million-row bundle peaked 169 MB
 * above the one-township bundle's in one pass).
 */
const CHUNK = 'temp.roster_chunk';
/**
 * A member with more contact cadres than this (a real one has a few over the years; a hostile
 * bundle may plant thousands of closed ones) makes the whole-member pass quadratic in them:
 * such an apply goes through the triggers, which judge only the days a written row names.
 */
const MAX_CADRES = 200;

/**
 * Every member's steps of `rosterSteps`, narrowed to the members in temp.roster_chunk: each of
 * its day sources (the rows naming a member's days) reads those members only. Null when 021's
 * text no longer has the nine sources it is known to have (the apply then keeps the triggers;
 * rosterBulk.test holds the count), so a change there can never widen or break an import.
 */
export function memberSteps(): string | null {
  let found = 0;
  const sql = rosterSteps(['r', 'c', 'k']).replace(/FROM (floating_members|member_status_history|member_contacts|contact_records) WHERE deleted_at IS NULL/g, (all, table: string) => {
    found++;
    const col = SOURCES.find(([t]) => t === table)![1];
    return `${all} AND ${col} IN (SELECT id FROM ${CHUNK})`;
  });
  return found === 9 ? sql : null;
}

let stepsSql: string | null | undefined;
const addSteps = (steps: string, sign: 1 | -1) =>
  `INSERT INTO floating_roster_days (day, origin, dim, key, n) SELECT day, origin, dim, key, ${sign} * n FROM (${steps}) WHERE true
   ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n`;


/**
 * The members a staged apply can touch: the staged member rows, the members named by staged
 * child rows (as the bundle has them and as the district has them: a row may move), and those of
 * a truth bundle's missing rows.
 */
function collectMembers(db: Database): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS roster_members (id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM ${MEMBERS};
    CREATE TEMP TABLE IF NOT EXISTS roster_chunk (id TEXT PRIMARY KEY) WITHOUT ROWID;`);
  for (const [table, col] of SOURCES) {
    // UNION ALL (the insert ignores repeats): a UNION's merge wants the ids in order and read
    // every staged row of the table by its id index, each row's action beside its JSON.
    if (col === 'id')
      stmt(db, `INSERT OR IGNORE INTO ${MEMBERS} (id) SELECT id FROM temp.sync_stage WHERE tbl = '${table}' AND ${WRITTEN}
        UNION ALL SELECT id FROM temp.sync_missing WHERE tbl = '${table}'`).run();
    else collectReferenced(db, MEMBERS, table, col);
  }
}

/** The most contact cadres any touched member has, in the store or in the bundle. */
const mostCadres = (db: Database): number =>
  (
    stmt(
      db,
      `SELECT max(n) AS n FROM (SELECT count(*) AS n FROM (
         SELECT member_id FROM main.member_contacts WHERE member_id IN (SELECT id FROM ${MEMBERS})
         UNION ALL SELECT ${stagedRef(memberContactsTable, 'member_id')} FROM temp.sync_stage s WHERE s.tbl = 'member_contacts' AND s.${WRITTEN}
       ) GROUP BY member_id)`,
    ).get() as { n: number | null }
  ).n ?? 0;

/** Runs each statement once for every chunk of the members in temp.roster_members. */
function pass(db: Database, statements: readonly string[]): void {
  const next = stmt(db, `INSERT INTO ${CHUNK} (id) SELECT id FROM ${MEMBERS} WHERE id > ? ORDER BY id LIMIT ? RETURNING id`);
  const each = statements.map((sql) => db.prepare(sql));
  for (let after = ''; ; ) {
    db.exec(`DELETE FROM ${CHUNK}`);
    const ids = next.all(after, rosterBulk.chunk) as { id: string }[];
    if (!ids.length) return;
    for (const s of each) s.run();
    after = ids.reduce((a, r) => (r.id > a ? r.id : a), after);
  }
}

/**
 * 016's floating_no_contact (the live 外出中 members without an open contact), kept per member
 * by row triggers on the members and their contact cadres, is judged again by the same passes:
 * the chunk's members taken off before the writes and those the rule holds for put back after.
 * (017's contact_record_days stays with its triggers: recounting a touched member's records
 * reads each record's row, 5.2 s for the district's first 15 bundles against the 0.9 s its
 * triggers cost.)
 */
const NO_CONTACT_OUT = `DELETE FROM floating_no_contact WHERE member_id IN (SELECT id FROM ${CHUNK})`;
const NO_CONTACT_IN = `INSERT INTO floating_no_contact (member_id) SELECT m.id FROM main.floating_members m
  WHERE m.id IN (SELECT id FROM ${CHUNK}) AND m.deleted_at IS NULL AND m.status = '外出中'
    AND NOT EXISTS (SELECT 1 FROM main.member_contacts c WHERE c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL)`;

/** The row triggers the passes stand in for: the roster's (021) and the no-contact list's (016). */
const KEPT_TRIGGERS = namedLike(['floating_roster_', 'floating_no_contact_']);

/**
 * Runs `write` (the staged apply's writes, inside its transaction) with the roster and the
 * no-contact list kept set-based when it writes rosterBulk.rows rows or more to the roster's
 * sources, by the triggers otherwise. Needs temp.sync_stage classified and temp.sync_missing
 * filled (the apply's examine).
 */
export function withRosterSteps(db: Database, write: () => void): void {
  if (!db.inTransaction) throw new Error('withRosterSteps runs inside the apply transaction');
  if (writtenRows(db, SOURCES.map(([t]) => t)) < rosterBulk.rows) return write();
  const steps = stepsSql === undefined ? (stepsSql = memberSteps()) : stepsSql;
  if (!steps) return write();
  collectMembers(db);
  if (mostCadres(db) > MAX_CADRES) return write();
  pass(db, [addSteps(steps, -1), NO_CONTACT_OUT]);
  withTriggersAside(db, `(${KEPT_TRIGGERS}) AND tbl_name IN (${SOURCE_LIST})`, write);
  analyzeSources(db);
  pass(db, [addSteps(steps, 1), NO_CONTACT_IN]);
}

/**
 * Statistics of the sources as the writes left them, for the pass after them. The store's are
 * those of its last bulk write (the pass before the writes is planned on them): at a district's
 * first import, of empty tables, and the planner then joined every member with every member's
 * days — quadratic: a 1.8-million-row bundle ran for over ten minutes where it takes 5 s.
 * Sampled (analysis_limit): 0.15-0.25 s of CPU at scale 1. Inside the apply's transaction, so
 * rolled back with it; the apply refreshes every table's afterwards (afterBulkWrite).
 */
function analyzeSources(db: Database): void {
  db.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
  for (const [table] of SOURCES) db.exec(`ANALYZE main.${table}`);
}
