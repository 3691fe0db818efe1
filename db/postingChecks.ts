import type { Database } from 'better-sqlite3';

/** What the posting rules check against: logs written within a posting, and postings that overlap. */

/** Live work logs of a cadre in a village from `from` to `to` (open-ended when null). */
export const logsWithin = (db: Database, cadreId: string, villageId: string, from: string, to: string | null) =>
  (
    db
      .prepare(
        `SELECT count(*) AS n FROM work_logs WHERE cadre_id = ? AND village_id = ? AND log_date >= ?
         AND (? IS NULL OR log_date <= ?) AND deleted_at IS NULL`,
      )
      .get(cadreId, villageId, from, to, to) as { n: number }
  ).n;

/** Another live posting of the cadre whose days meet [start, end]; an open one runs on without end. */
export const overlappingPosting = (db: Database, cadreId: string, exceptId: string, start: string, end: string | null) =>
  db
    .prepare(
      `SELECT start_date FROM cadre_postings WHERE cadre_id = ? AND id <> ? AND deleted_at IS NULL
       AND start_date <= ? AND (actual_end IS NULL OR actual_end >= ?) ORDER BY start_date LIMIT 1`,
    )
    .get(cadreId, exceptId, end ?? '9999-12-31', start) as { start_date: string } | undefined;
