import type { Database } from 'better-sqlite3';
import { stmt, SYNC_COLUMNS, type SyncTable } from './sync';
import type { PackageRow } from './villagePackage';

/**
 * The 驻村版 hop's set queries. At the township: the village scope rule over temp.sync_stage (a
 * laptop's bundle may hold only its own village's logs, contact records and progress), and the
 * package tables' rows a receipt carries back. electron/sync/villageImport.ts and
 * villageReceipt.ts word the refusals and decide when each runs.
 */

/** The tables a 驻村版 writes; every other row in its bundle refuses the bundle. */
export const VILLAGE_WRITES = ['work_logs', 'contact_records', 'project_progress'] as const;

const col = (c: string) => `json_extract(s.row, '$.${c}')`;

/** A staged row of a table the 驻村版 never writes. */
export const stagedOutsideWrites = (db: Database) =>
  stmt(db, `SELECT tbl, id FROM temp.sync_stage WHERE tbl NOT IN (${VILLAGE_WRITES.map((t) => `'${t}'`).join(', ')}) LIMIT 1`).get() as { tbl: string; id: string } | undefined;

/** The staged row with the highest version above `limit`, if any. */
export const stagedVersionAbove = (db: Database, limit: number) =>
  stmt(db, 'SELECT tbl, id, version FROM temp.sync_stage WHERE version > ? ORDER BY version DESC, n LIMIT 1').get(limit) as { tbl: string; id: string; version: number } | undefined;

/**
 * A staged log naming another village, or a live one of a cadre not posted to the village on its
 * day (a tombstone of such a log withdraws it, which the laptop may always do).
 */
export const logOutsidePostings = (db: Database, villageId: string) =>
  stmt(
    db,
    `SELECT s.id, ${col('log_date')} AS day, ${col('village_id')} AS village, (SELECT name FROM main.cadres WHERE id = ${col('cadre_id')}) AS cadre
       FROM temp.sync_stage s WHERE s.tbl = 'work_logs' AND (${col('village_id')} IS NOT ? OR s.deleted = 0 AND NOT EXISTS (
         SELECT 1 FROM main.cadre_postings p WHERE p.cadre_id = ${col('cadre_id')} AND p.village_id = ? AND p.deleted_at IS NULL
           AND p.start_date <= ${col('log_date')} AND (p.actual_end IS NULL OR p.actual_end >= ${col('log_date')})))
       LIMIT 1`,
  ).get(villageId, villageId) as { id: string; day: string; village: string; cadre: string | null } | undefined;

/** A staged contact record of a member who is not the village's (or not at the township at all). */
export const recordOutsideVillage = (db: Database, villageId: string) =>
  stmt(
    db,
    `SELECT s.id, m.name AS member FROM temp.sync_stage s LEFT JOIN main.floating_members m ON m.id = ${col('member_id')}
       WHERE s.tbl = 'contact_records' AND m.village_id IS NOT ? LIMIT 1`,
  ).get(villageId) as { id: string; member: string | null } | undefined;

/** A staged progress row of a project that is not the village's. */
export const progressOutsideVillage = (db: Database, villageId: string) =>
  stmt(
    db,
    `SELECT s.id, p.name AS project FROM temp.sync_stage s LEFT JOIN main.projects p ON p.id = ${col('project_id')}
       WHERE s.tbl = 'project_progress' AND p.village_id IS NOT ? LIMIT 1`,
  ).get(villageId) as { id: string; project: string | null } | undefined;

/** Tables with a `village_id` whose rows can move to another village (a member reassigned...). */
const MOVABLE = ['floating_members', 'cadre_postings', 'projects'] as const;

/**
 * The package tables' rows of a village changed after township change `since` (tombstones too),
 * parents first: what a receipt tells the laptop. Cadres come with every posting that travels
 * (and each successor a posting names), whatever their own change number, so a new posting never
 * arrives without its cadre.
 */
export function villageChangesSince(db: Database, villageId: string, since: number): Record<string, PackageRow[]> {
  const all = (sql: string, ...args: unknown[]) => stmt(db, sql).all(...args) as PackageRow[];
  const postings = all('SELECT * FROM cadre_postings WHERE village_id = ? AND seq > ? ORDER BY seq', villageId, since);
  // A posting that travels brings its cadre and successor; a cadre of the village changed on its own travels too.
  const cadres = `SELECT * FROM cadres WHERE id IN (
      SELECT cadre_id FROM cadre_postings WHERE village_id = @v AND seq > @s
      UNION SELECT replaced_by_cadre_id FROM cadre_postings WHERE village_id = @v AND seq > @s)
    OR (seq > @s AND id IN (SELECT cadre_id FROM cadre_postings WHERE village_id = @v AND deleted_at IS NULL)) ORDER BY seq`;
  return {
    villages: all('SELECT * FROM villages WHERE id = ? AND seq > ?', villageId, since),
    cadres: stmt(db, cadres).all({ v: villageId, s: since }) as PackageRow[],
    cadre_postings: postings,
    floating_members: all('SELECT * FROM floating_members WHERE village_id = ? AND seq > ? ORDER BY seq', villageId, since),
    member_contacts: all(
      'SELECT mc.* FROM member_contacts mc JOIN floating_members m ON m.id = mc.member_id WHERE m.village_id = ? AND mc.seq > ? ORDER BY mc.seq',
      villageId,
      since,
    ),
    projects: all('SELECT * FROM projects WHERE village_id = ? AND seq > ? ORDER BY seq', villageId, since),
  };
}

/**
 * Rows that were the village's and have moved to another since township change `since` (a
 * floating member reassigned to another village...): the laptop stops showing them. Read from the
 * audit log, whose entries keep each update's values before it.
 */
export function villageLeftSince(db: Database, villageId: string, since: number): { table: string; id: string }[] {
  const out: { table: string; id: string }[] = [];
  for (const t of MOVABLE) {
    const rows = stmt(
      db,
      `SELECT DISTINCT a.row_id AS id FROM audit_log a JOIN main.${t} c ON c.id = a.row_id
         WHERE a.table_name = ? AND a.seq > ? AND json_extract(a.before, '$.village_id') = ? AND c.village_id <> ?`,
    ).all(t, since, villageId, villageId) as { id: string }[];
    for (const r of rows) out.push({ table: t, id: r.id });
  }
  return out;
}

/** The village of a laptop-side row, for the receipt's scope check (null when the laptop lacks it). */
export const laptopMemberVillage = (db: Database, memberId: string) =>
  (stmt(db, 'SELECT village_id FROM floating_members WHERE id = ?').get(memberId) as { village_id: string } | undefined)?.village_id ?? null;

export const laptopProjectVillage = (db: Database, projectId: string) =>
  (stmt(db, 'SELECT village_id FROM projects WHERE id = ?').get(projectId) as { village_id: string } | undefined)?.village_id ?? null;

export const laptopHasCadre = (db: Database, cadreId: string) => stmt(db, 'SELECT 1 FROM cadres WHERE id = ?').get(cadreId) !== undefined;

/** A row the laptop holds that has left its village: hidden as a tombstone, its version and origin kept the township's. */
export function hideLeftRow(db: Database, table: (typeof MOVABLE)[number], id: string, at: string, seq: number): boolean {
  return stmt(db, `UPDATE main.${table} SET deleted_at = ?, seq = ? WHERE id = ? AND deleted_at IS NULL`).run(at, seq, id).changes === 1;
}

export const isMovable = (t: string): t is (typeof MOVABLE)[number] => (MOVABLE as readonly string[]).includes(t);

/** A 驻村版's local copy of a member's derived last contact date, left the township's row otherwise. */
export function cacheLastContact(db: Database, memberId: string, day: string | null): void {
  stmt(db, 'UPDATE floating_members SET last_contact_date = ? WHERE id = ?').run(day, memberId);
}

/** Members whose contact records a staged laptop bundle holds: the township derives their last contact date again. */
export const stagedRecordMembers = (db: Database) =>
  (stmt(db, `SELECT DISTINCT ${col('member_id')} AS id FROM temp.sync_stage s WHERE s.tbl = 'contact_records'`).all() as { id: string }[]).map((r) => r.id);

/**
 * A receipt's rows on the laptop: the package tables are the township's, so its copy wins over
 * the laptop's at the same version too (the laptop keeps only derived caches in them, such as a
 * member's last contact date); lower versions are older news. Staged rows start as new.
 */
export function classifyTownshipRows(db: Database, t: SyncTable): void {
  stmt(db, `UPDATE temp.sync_stage SET action = CASE WHEN deleted = 1 THEN 'deleted' ELSE 'new' END WHERE tbl = ?`).run(t.name);
  const differs = [...t.columns, 'deleted_at'].map((c) => `${col(c)} IS NOT c.${c}`).join(' OR ');
  stmt(
    db,
    `UPDATE temp.sync_stage AS s SET action = CASE
       WHEN s.version < c.version OR (s.version = c.version AND NOT (${differs})) THEN 'unchanged'
       WHEN s.deleted = 1 AND c.deleted_at IS NULL THEN 'deleted' ELSE 'changed' END
     FROM main.${t.name} AS c WHERE c.id = s.id AND s.tbl = ?`,
  ).run(t.name);
}

/** A 驻村版's cadres in post in its village (the CLI's demo seed logs their days). */
export const cadresInPostAt = (db: Database, villageId: string) =>
  stmt(
    db,
    `SELECT p.cadre_id, c.name, p.start_date FROM cadre_postings p JOIN cadres c ON c.id = p.cadre_id
       WHERE p.village_id = ? AND p.deleted_at IS NULL AND c.deleted_at IS NULL AND p.status = '在岗' AND p.actual_end IS NULL ORDER BY c.name`,
  ).all(villageId) as { cadre_id: string; name: string; start_date: string }[];

export const hasLogOn = (db: Database, cadreId: string, day: string) =>
  stmt(db, 'SELECT 1 FROM work_logs WHERE cadre_id = ? AND log_date = ? AND deleted_at IS NULL').get(cadreId, day) !== undefined;

/** Up to `limit` of the village's members who are away (the demo seed's contact records). */
export const awayMembers = (db: Database, villageId: string, limit: number) =>
  (stmt(db, "SELECT id FROM floating_members WHERE village_id = ? AND deleted_at IS NULL AND status = '外出中' ORDER BY id LIMIT ?").all(villageId, limit) as { id: string }[]).map((m) => m.id);

/** Rows this laptop changed after its township's last acknowledgment: what its next bundle carries. */
export function ownChangesSince(db: Database, origin: string, seq: number): number {
  let n = 0;
  for (const t of VILLAGE_WRITES) n += (stmt(db, `SELECT count(*) AS n FROM ${t} WHERE origin = ? AND seq > ?`).get(origin, seq) as { n: number }).n;
  return n;
}

/**
 * Staged rows the township changed after this laptop sent them (its copy's origin is no longer the
 * laptop, and the laptop did send that row before) and whose township version the laptop has not
 * received back: both sides edited the row, so the clerk chooses. A township version that went back
 * in a receipt after an earlier choice (its conflict entry's change number ≤ the bundle's
 * `townshipSeq`) was seen by the laptop, whose later edit is then an ordinary update. Both rows
 * come back as JSON objects in sync form.
 */
export function stagedConflicts(db: Database, t: SyncTable, laptop: string, townshipSeq: number) {
  const township = `json_object(${[...SYNC_COLUMNS, ...t.columns].map((c) => `'${c}', c.${c}`).join(', ')})`;
  return stmt(
    db,
    `SELECT s.id, s.row AS laptop, ${township} AS township
       FROM temp.sync_stage s JOIN main.${t.name} c ON c.id = s.id
      WHERE s.tbl = @t AND c.origin <> @laptop AND ${SEEN_FROM_LAPTOP} AND NOT ${CHOICE_SENT_BACK}
      ORDER BY s.n`,
  ).all({ t: t.name, laptop, ts: townshipSeq }) as { id: string; laptop: string; township: string }[];
}

/** The township's row `c` came in a bundle of the laptop @laptop (a forged id never did). */
const SEEN_FROM_LAPTOP = `EXISTS (SELECT 1 FROM audit_log a JOIN sync_in h ON substr(h.hash, 1, 16) = json_extract(a.after, '$.bundle')
   WHERE a.table_name = @t AND a.row_id = c.id AND a.action LIKE 'import:%' AND h.installation_id = @laptop)`;
/** The township's row `c` is a clerk's choice between both sides that a receipt already carried back (township change ≤ @ts). */
const CHOICE_SENT_BACK = `(c.seq <= @ts AND EXISTS (SELECT 1 FROM audit_log a WHERE a.table_name = @t AND a.row_id = c.id AND a.action LIKE 'conflict:%' AND a.seq = c.seq))`;

/** A staged row whose township copy another installation changed, and that is no conflict to choose in. */
export const stagedOwnedElsewhere = (db: Database, table: (typeof VILLAGE_WRITES)[number], laptop: string) =>
  stmt(
    db,
    `SELECT s.id FROM temp.sync_stage s JOIN main.${table} c ON c.id = s.id
      WHERE s.tbl = @t AND c.origin <> @laptop AND NOT (${SEEN_FROM_LAPTOP}) LIMIT 1`,
  ).get({ t: table, laptop }) as { id: string } | undefined;

/** Sets a staged row's version above the township's, so the merge by version takes it. */
export function stageAbove(db: Database, table: string, id: string, version: number): void {
  stmt(db, `UPDATE temp.sync_stage SET version = @v, row = json_set(row, '$.version', @v) WHERE tbl = @t AND id = @id AND version < @v`).run({ t: table, id, v: version });
}

/** Drops a staged row from the apply (the township's copy stands). */
export const stageUnchanged = (db: Database, table: string, id: string) => stmt(db, "UPDATE temp.sync_stage SET action = 'unchanged' WHERE tbl = ? AND id = ?").run(table, id);

/** Gives the township's row a new version and change number, so it travels on and back to the laptop. */
export const bumpRow = (db: Database, table: string, id: string, version: number, seq: number, at: string) =>
  stmt(db, `UPDATE main.${table} SET version = ?, seq = ?, updated_at = ? WHERE id = ?`).run(version, seq, at, id);

/** The current row of each choice recorded for a laptop bundle (tag: its hash's first 16): what its receipt carries back. */
export function chosenRows(db: Database, bundleTag: string) {
  const out: { table: (typeof VILLAGE_WRITES)[number]; row: Record<string, unknown> }[] = [];
  for (const t of VILLAGE_WRITES) {
    const rows = stmt(
      db,
      `SELECT c.* FROM main.${t} c WHERE c.id IN (SELECT row_id FROM audit_log WHERE table_name = ? AND action LIKE 'conflict:%' AND json_extract(after, '$.bundle') = ?) ORDER BY c.id`,
    ).all(t, bundleTag) as Record<string, unknown>[];
    for (const row of rows) out.push({ table: t, row });
  }
  return out;
}
