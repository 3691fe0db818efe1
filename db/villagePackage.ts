import type { Database } from 'better-sqlite3';
import { stmt } from './sync';

/**
 * Reads for the village package (the township's side of the 驻村版) and the village's own scope
 * checks. What goes in a package follows one village's rows: its cadres in post, their postings
 * there, its floating members with their one-to-one contacts, and its projects.
 */

export type PackageRow = Record<string, string | number | null>;

/** Villages with at least one cadre in post (status 在岗, not ended): the ones `--all` packages. */
export function villagesWithCadresInPost(db: Database): { id: string; code: string | null; name: string }[] {
  return stmt(
    db,
    `SELECT v.id, v.code, v.name FROM villages v WHERE v.deleted_at IS NULL AND EXISTS (
       SELECT 1 FROM cadre_postings p JOIN cadres c ON c.id = p.cadre_id AND c.deleted_at IS NULL
       WHERE p.village_id = v.id AND p.deleted_at IS NULL AND p.status = '在岗' AND p.actual_end IS NULL)
     ORDER BY v.code, v.name`,
  ).all() as { id: string; code: string | null; name: string }[];
}

const IN_POST_CADRES = `SELECT DISTINCT p.cadre_id FROM cadre_postings p
  WHERE p.village_id = ? AND p.deleted_at IS NULL AND p.status = '在岗' AND p.actual_end IS NULL`;

/** Every live row a village's package carries, table by table (parents first), in full sync form. */
export function villagePackageRows(db: Database, villageId: string): Record<string, PackageRow[]> {
  const all = (sql: string, ...args: unknown[]) => stmt(db, sql).all(...args) as PackageRow[];
  return {
    villages: all('SELECT * FROM villages WHERE id = ? AND deleted_at IS NULL', villageId),
    cadres: all(`SELECT * FROM cadres WHERE deleted_at IS NULL AND id IN (${IN_POST_CADRES}) ORDER BY seq`, villageId),
    // Their postings in this village only, ended ones too: a late entry for a day of an earlier
    // posting there is still the village's. Postings elsewhere are another village's business.
    cadre_postings: all(
      `SELECT * FROM cadre_postings WHERE deleted_at IS NULL AND village_id = ? AND cadre_id IN (${IN_POST_CADRES}) ORDER BY seq`,
      villageId,
      villageId,
    ),
    floating_members: all('SELECT * FROM floating_members WHERE deleted_at IS NULL AND village_id = ? ORDER BY seq', villageId),
    member_contacts: all(
      `SELECT mc.* FROM member_contacts mc JOIN floating_members m ON m.id = mc.member_id
       WHERE mc.deleted_at IS NULL AND m.deleted_at IS NULL AND m.village_id = ? ORDER BY mc.seq`,
      villageId,
    ),
    projects: all('SELECT * FROM projects WHERE deleted_at IS NULL AND village_id = ? ORDER BY seq', villageId),
  };
}

/** The village a 驻村版's work log may be written in for this cadre on this day, or none. */
export function postedVillageOn(db: Database, cadreId: string, villageId: string, day: string): boolean {
  return !!stmt(
    db,
    `SELECT 1 FROM cadre_postings WHERE cadre_id = ? AND village_id = ? AND deleted_at IS NULL AND start_date <= ?
     AND (actual_end IS NULL OR actual_end >= ?) LIMIT 1`,
  ).get(cadreId, villageId, day, day);
}

/** The village of a live-or-deleted row's parent, for the 驻村版's scope checks. */
export function villageOfMember(db: Database, memberId: string): string | null {
  return (stmt(db, 'SELECT village_id FROM floating_members WHERE id = ?').get(memberId) as { village_id: string } | undefined)?.village_id ?? null;
}

export function villageOfProject(db: Database, projectId: string): string | null {
  return (stmt(db, 'SELECT village_id FROM projects WHERE id = ?').get(projectId) as { village_id: string } | undefined)?.village_id ?? null;
}

export function memberOfRecord(db: Database, recordId: string): string | null {
  return (stmt(db, 'SELECT member_id FROM contact_records WHERE id = ?').get(recordId) as { member_id: string } | undefined)?.member_id ?? null;
}

export function projectOfProgress(db: Database, progressId: string): string | null {
  return (stmt(db, 'SELECT project_id FROM project_progress WHERE id = ?').get(progressId) as { project_id: string } | undefined)?.project_id ?? null;
}

export function logOwner(db: Database, logId: string): { cadre_id: string; village_id: string; log_date: string } | null {
  return (stmt(db, 'SELECT cadre_id, village_id, log_date FROM work_logs WHERE id = ?').get(logId) as { cadre_id: string; village_id: string; log_date: string } | undefined) ?? null;
}
