import type { Database } from 'better-sqlite3';

/** What the posting rules check against: logs written within a posting, postings that overlap, reviews a posting covers. */

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

/** A live posting of the cadre covering some day from `first` to `last` (SQL over the review row `r`). */
const covered = (first: string, last: string) =>
  `EXISTS (SELECT 1 FROM cadre_postings p WHERE p.cadre_id = r.cadre_id AND p.deleted_at IS NULL
     AND p.start_date <= ${last} AND (p.actual_end IS NULL OR p.actual_end >= ${first}))`;
const quarterStart = "printf('%04d-%02d-01', r.year, (r.quarter - 1) * 3 + 1)";

/**
 * The cadre's live 督查, 季度考评 and 年终考核 that no posting covers (a 督查's day, a day of the
 * quarter or of the year), each with a key and the words that name it in a refusal.
 */
export const uncoveredReviews = (db: Database, cadreId: string) =>
  db
    .prepare(
      `SELECT 'i' || r.id AS key, r.inspect_date || '的督查记录' AS label FROM cadre_inspections r
         WHERE r.cadre_id = @c AND r.deleted_at IS NULL AND NOT ${covered('r.inspect_date', 'r.inspect_date')}
       UNION ALL
       SELECT 'e' || r.id, r.year || '年第' || r.quarter || '季度的季度考评' FROM cadre_evaluations r
         WHERE r.cadre_id = @c AND r.deleted_at IS NULL AND NOT ${covered(quarterStart, `date(${quarterStart}, '+3 months', '-1 day')`)}
       UNION ALL
       SELECT 'a' || r.id, r.year || '年度的年终考核' FROM cadre_assessments r
         WHERE r.cadre_id = @c AND r.deleted_at IS NULL AND NOT ${covered("r.year || '-01-01'", "r.year || '-12-31'")}`,
    )
    .all({ c: cadreId }) as { key: string; label: string }[];
