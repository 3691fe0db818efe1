import type { Database } from 'better-sqlite3';

/**
 * District: how many bundles of a township were exported within [start, end] (UTC days). The
 * 报送情况 grid credits the week a township exported its data in, not the week the file happened
 * to be imported, so a late USB stick does not make an old week look missed or a new one sent.
 *
 * null when the township had exported nothing yet by `end`: a township counts from its first
 * export (the district knows nothing earlier of its setup), so the weeks before it was set up are
 * not marked as missed. A township that never sent a bundle counts 0 in every week: it is
 * expected to report, and 未报送 elsewhere.
 */
export function bundlesExported(db: Database, townshipCode: string, start: string, end: string): number | null {
  const r = db
    .prepare(
      `SELECT count(CASE WHEN substr(created_at, 1, 10) BETWEEN @start AND @end THEN 1 END) AS n, min(substr(created_at, 1, 10)) AS first
       FROM sync_in WHERE township_code = @code`,
    )
    .get({ code: townshipCode, start, end }) as { n: number; first: string | null };
  if (r.first !== null && r.first > end) return null;
  return r.n;
}
