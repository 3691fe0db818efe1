import type { Database } from 'better-sqlite3';
import { stmt } from '../sync';
import { RECTIFY_BELOW, STAR_LABELS, WEAK_STARS } from '../../electron/domain/stars';
import { starsOf } from '../stars';
import { inScope, queries, type ReportParams } from './period';

/**
 * 评星定级 figures for one period and scope. A village's stars for a year are its live rating, or
 * else the stars the villages register keeps for that year (db/stars.ts starsOf). Years are the
 * calendar years the period touches (a half-year report: that year). Villages count for the
 * township whose installation made the village row.
 */
export interface StarReport {
  /** 新增五星级: live villages with five stars in a year the period touches and fewer or none the year before (one count per village and year). */
  newFive: number;
  /** 新增四星级: four stars that year, fewer or none the year before (a village down from five is not 新增). */
  newFour: number;
  /** 新增三星级: three stars that year, fewer or none the year before. */
  newThree: number;
  /** Live villages by their stars in the period's end year (一星…五星); unrated villages are not counted. */
  byStars: Record<string, number>;
  /** Villages rated in the end year. */
  rated: number;
  /** 软弱涣散: villages with one star in the end year. */
  weak: number;
  /** 整改事项 of the end year's ratings below four stars, and those with a 完成日期 on or before the period's last day. */
  rectifications: number;
  rectified: number;
}

const YEARS = `WITH RECURSIVE yrs (y) AS (SELECT @fromYear UNION ALL SELECT y + 1 FROM yrs WHERE y < @toYear)`;

export function starReport(db: Database, params: ReportParams): StarReport {
  const q = queries(db, params);
  const V = inScope(params, 'v.');
  const newly = (stars: number) =>
    q.one(`${YEARS} SELECT count(*) AS n FROM villages v JOIN yrs
      WHERE v.deleted_at IS NULL AND ${V} AND ${starsOf('v', 'yrs.y')} = ${stars} AND coalesce(${starsOf('v', 'yrs.y - 1')}, 0) < ${stars}`);
  const counts = q.grouped(`SELECT s AS k, count(*) AS n FROM (SELECT ${starsOf('v', '@toYear')} AS s FROM villages v WHERE v.deleted_at IS NULL AND ${V})
    WHERE s IS NOT NULL GROUP BY s`);
  const byStars = Object.fromEntries(STAR_LABELS.map((label, i) => [label, counts[String(i + 1)] ?? 0]));
  const items = stmt(
    db,
      `SELECT count(*) AS n, ifnull(sum(x.done_date IS NOT NULL AND x.done_date <= @to), 0) AS done
       FROM star_rectifications x JOIN star_ratings r ON r.id = x.rating_id JOIN villages v ON v.id = r.village_id
       WHERE x.deleted_at IS NULL AND r.deleted_at IS NULL AND v.deleted_at IS NULL AND ${V} AND r.year = @toYear AND r.stars < ${RECTIFY_BELOW}`,
    )
    .get(params) as { n: number; done: number };
  return {
    newFive: newly(5),
    newFour: newly(4),
    newThree: newly(3),
    byStars,
    rated: Object.values(byStars).reduce((a, b) => a + b, 0),
    weak: Object.entries(counts).reduce((a, [k, n]) => a + (Number(k) <= WEAK_STARS ? n : 0), 0),
    rectifications: items.n,
    rectified: items.done,
  };
}
