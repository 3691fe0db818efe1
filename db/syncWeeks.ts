import type { Database } from 'better-sqlite3';

/**
 * District: how many bundles of a township were exported within [start, end] (UTC days). The
 * 报送情况 grid credits the week a township exported its data in, not the week the file happened
 * to be imported, so a late USB stick does not make an old week look missed or a new one sent.
 */
export function bundlesExported(db: Database, townshipCode: string, start: string, end: string): number {
  return (
    db.prepare('SELECT count(*) AS n FROM sync_in WHERE township_code = ? AND substr(created_at, 1, 10) BETWEEN ? AND ?').get(townshipCode, start, end) as { n: number }
  ).n;
}
