import type { Database } from 'better-sqlite3';
import { stmt } from './sync';

/**
 * 驻村版 laptops in the pin table (migration 014: a pin with a village_id). At a township they are
 * the laptops it pinned to its villages; at the district, the laptops a township vouched for in
 * its bundle headers. The set queries below check, over temp.sync_stage, that every row a laptop
 * made lies in that laptop's village (electron/sync/vouch.ts words the refusals).
 */

export interface VillagePin {
  installationId: string;
  villageId: string;
  publicKey: string;
  /** The laptop's own signed claim (electron/sync/boundIds.ts); absent for a laptop pinned before migration 023. */
  proof?: string;
}

/** Every laptop this installation has pinned to a village, revoked ones too (their earlier rows stay valid), each with its proof when it has one. */
export const villagePins = (db: Database) =>
  (
    stmt(db, 'SELECT installation_id AS installationId, village_id AS villageId, public_key AS publicKey, proof FROM sync_pins WHERE village_id IS NOT NULL ORDER BY installation_id').all() as (VillagePin & {
      proof: string | null;
    })[]
  ).map(({ proof, ...p }) => (proof ? { ...p, proof } : p));

/** The header's vouched laptops, for the set queries of this import. */
export function stageVouched(db: Database, pins: readonly VillagePin[]): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS sync_vouch (installation_id TEXT PRIMARY KEY, village_id TEXT NOT NULL); DELETE FROM temp.sync_vouch;');
  for (const p of pins) stmt(db, 'INSERT OR IGNORE INTO temp.sync_vouch (installation_id, village_id) VALUES (?, ?)').run(p.installationId, p.villageId);
}

/** Whether the header vouched for any laptop (stageVouched ran first). */
export const anyVouched = (db: Database) => stmt(db, 'SELECT 1 FROM temp.sync_vouch LIMIT 1').get() !== undefined;

/** Who owns a village at the district (the township of the pin of its origin), if it is there. */
export const villageOwner = (db: Database, villageId: string) =>
  stmt(db, 'SELECT p.township_code AS code, p.township_name AS name FROM main.villages v LEFT JOIN sync_pins p ON p.installation_id = v.origin WHERE v.id = ?').get(villageId) as
    | { code: string | null; name: string | null }
    | undefined;

export const villageStaged = (db: Database, villageId: string) => !!stmt(db, "SELECT 1 FROM temp.sync_stage WHERE tbl = 'villages' AND id = ?").get(villageId);

/**
 * The tables a 驻村版 writes, each with how a row reaches its village: through the column that
 * ties it there (`ref`: the log's own village, the record's member, the progress row's project),
 * as the row is staged (s) — its parent as it will stand after this bundle — and as the district
 * holds it before the bundle (`before`), and for the district's copy it would replace (c).
 */
export const LAPTOP_TABLES = {
  work_logs: { ref: 'village_id', staged: "json_extract(s.row, '$.village_id')", before: 'NULL', copy: 'c.village_id', join: '' },
  contact_records: {
    ref: 'member_id',
    staged: `coalesce((SELECT json_extract(q.row, '$.village_id') FROM temp.sync_stage q WHERE q.tbl = 'floating_members' AND q.id = json_extract(s.row, '$.member_id')),
               (SELECT m.village_id FROM main.floating_members m WHERE m.id = json_extract(s.row, '$.member_id')))`,
    before: "(SELECT m.village_id FROM main.floating_members m WHERE m.id = json_extract(s.row, '$.member_id'))",
    copy: 'pm.village_id',
    join: 'JOIN main.floating_members pm ON pm.id = c.member_id',
  },
  project_progress: {
    ref: 'project_id',
    staged: `coalesce((SELECT json_extract(q.row, '$.village_id') FROM temp.sync_stage q WHERE q.tbl = 'projects' AND q.id = json_extract(s.row, '$.project_id')),
               (SELECT p.village_id FROM main.projects p WHERE p.id = json_extract(s.row, '$.project_id')))`,
    before: "(SELECT p.village_id FROM main.projects p WHERE p.id = json_extract(s.row, '$.project_id'))",
    copy: 'pp.village_id',
    join: 'JOIN main.projects pp ON pp.id = c.project_id',
  },
} as const;
export type LaptopTable = keyof typeof LAPTOP_TABLES;

/** A staged row made by a vouched laptop in a table no 驻村版 writes. */
export const laptopRowElsewhere = (db: Database, tables: readonly string[]) =>
  stmt(
    db,
    `SELECT s.tbl, s.id, s.village, v.village_id AS laptopVillage FROM temp.sync_stage s JOIN temp.sync_vouch v ON v.installation_id = json_extract(s.row, '$.origin')
     WHERE s.tbl NOT IN (${tables.map((t) => `'${t}'`).join(', ')}) LIMIT 1`,
  ).get() as { tbl: string; id: string; village: string | null; laptopVillage: string } | undefined;

/**
 * A staged laptop row of `table` outside its laptop's village: neither its parent as it will stand
 * after this bundle nor as the district holds it now lies there, or the district's copy it would
 * replace lies elsewhere. A row the district already holds at this version under the same parent
 * was judged when it came: its parent moving since (a township moving a floating member or a
 * project to another of its villages, as the app allows) is the township's own change, and
 * refusing the row again for it refused every later full export of that township, for good.
 * Likewise a row arriving with its parent's move in the same bundle, the parent still in the
 * laptop's village at the district.
 */
export function laptopRowOutside(db: Database, table: LaptopTable) {
  const x = LAPTOP_TABLES[table];
  return stmt(
    db,
    `SELECT s.id, ${x.staged} AS village, v.village_id AS laptopVillage FROM temp.sync_stage s JOIN temp.sync_vouch v ON v.installation_id = json_extract(s.row, '$.origin')
     WHERE s.tbl = ?
       AND NOT EXISTS (SELECT 1 FROM main.${table} k WHERE k.id = s.id AND k.version = s.version AND k.${x.ref} = json_extract(s.row, '$.${x.ref}'))
       AND ((${x.staged} IS NOT v.village_id AND ${x.before} IS NOT v.village_id)
         OR EXISTS (SELECT 1 FROM main.${table} c ${x.join} WHERE c.id = s.id AND ${x.copy} IS NOT v.village_id)) LIMIT 1`,
  ).get(table) as { id: string; village: string | null; laptopVillage: string } | undefined;
}

const staged = (c: string) => `json_extract(q.row, '$.${c}')`;

/**
 * A live staged laptop work log on a day its cadre had no posting in that village: postings as
 * they will stand after this bundle (a staged posting replaces the district's copy). A posting
 * covers its start day through its actual end, as at the township (db/villagePackage.ts).
 */
export const laptopLogUnposted = (db: Database) =>
  stmt(
    db,
    `SELECT s.id, json_extract(s.row, '$.log_date') AS day, v.village_id AS laptopVillage FROM temp.sync_stage s
       JOIN temp.sync_vouch v ON v.installation_id = json_extract(s.row, '$.origin')
     WHERE s.tbl = 'work_logs' AND s.deleted = 0
       AND NOT EXISTS (SELECT 1 FROM temp.sync_stage q WHERE q.tbl = 'cadre_postings' AND q.deleted = 0
             AND ${staged('cadre_id')} = json_extract(s.row, '$.cadre_id') AND ${staged('village_id')} = v.village_id
             AND ${staged('start_date')} <= json_extract(s.row, '$.log_date')
             AND (${staged('actual_end')} IS NULL OR ${staged('actual_end')} >= json_extract(s.row, '$.log_date')))
       AND NOT EXISTS (SELECT 1 FROM main.cadre_postings p WHERE p.deleted_at IS NULL
             AND p.cadre_id = json_extract(s.row, '$.cadre_id') AND p.village_id = v.village_id
             AND p.start_date <= json_extract(s.row, '$.log_date') AND (p.actual_end IS NULL OR p.actual_end >= json_extract(s.row, '$.log_date'))
             AND NOT EXISTS (SELECT 1 FROM temp.sync_stage q WHERE q.tbl = 'cadre_postings' AND q.id = p.id))
     LIMIT 1`,
  ).get() as { id: string; day: string; laptopVillage: string } | undefined;

/**
 * Township export: a changed row of `table` made by neither this installation nor one of its
 * pinned laptops. None can exist through the app; the district would refuse the bundle for it.
 */
export const strangerRow = (reader: Database, table: string, from: number, to: number, self: string) =>
  stmt(
    reader,
    `SELECT id, origin FROM ${table} WHERE seq > ? AND seq <= ? AND origin <> ?
       AND origin NOT IN (SELECT installation_id FROM sync_pins WHERE village_id IS NOT NULL) LIMIT 1`,
  ).get(from, to, self) as { id: string; origin: string } | undefined;
