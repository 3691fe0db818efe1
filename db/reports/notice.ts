import type { Database } from 'better-sqlite3';

/** In-village days (live work logs marked in the village) of each cadre between two days, inclusive. */
export function inVillageDays(db: Database, cadreIds: string[], first: string, last: string): Map<string, number> {
  if (!cadreIds.length) return new Map();
  const rows = db
    .prepare(
      `SELECT w.cadre_id AS id, count(*) AS n FROM work_logs w
       WHERE w.cadre_id IN (SELECT value FROM json_each(@ids)) AND w.deleted_at IS NULL AND w.in_village = 1 AND w.log_date BETWEEN @first AND @last
       GROUP BY w.cadre_id`,
    )
    .all({ ids: JSON.stringify(cadreIds), first, last }) as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}
